import Tensors

// Shapes: B batch, T time steps, D model size, H heads, d = D/H head size.

/// Which score the attention block uses.
public enum AttentionKind: String, CaseIterable, Sendable {
    /// q·k/√d − λ·acos(q̂·k̂): dot product minus a learned multiple of the
    /// great-circle distance between the normalised query and key.
    case geodesic
    /// Plain scaled dot-product attention.
    case dot
}

/// Multi-head self-attention with keys `qkv`, `proj` and, for the geodesic
/// kind, the 0-d parameter `geo_weight` (λ, initially 1).
public final class GeodesicAttention: Module {
    public let dim: Int
    public let heads: Int
    public let kind: AttentionKind
    public let causal: Bool
    let qkv: Linear
    let proj: Linear
    public let geoWeight: Tensor?
    /// Softmax map [B, H, T, T] of the last forward.
    public private(set) var lastAttention: Tensor?

    public init(
        dim: Int, heads: Int, kind: AttentionKind = .geodesic, geoWeight initialWeight: Float = 1,
        causal: Bool = false, stream: RandomStream
    ) throws {
        try ModelError.checkHeads(dim: dim, heads: heads)
        self.dim = dim
        self.heads = heads
        self.kind = kind
        self.causal = causal
        qkv = try Linear(dim, 3 * dim, stream: stream)
        proj = try Linear(dim, dim, stream: stream)
        geoWeight = kind == .geodesic ? Tensor(scalar: initialWeight) : nil
        super.init()
        registerModule("qkv", qkv)
        registerModule("proj", proj)
        if let w = geoWeight { registerParameter("geo_weight", w) }
    }

    /// Attends over time: x [B, T, D] → [B, T, D].
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        let packed = try qkv(x)
        let kernel = AttentionKernel(heads: heads, geodesic: geoWeight != nil, causal: causal)
        let lambda = geoWeight
        let (merged, saved) = try kernel.forward(packed, lambda: lambda)
        lastAttention = saved.attention
        let inputs = [packed] + (lambda.map { [$0] } ?? [])
        merged.recordingGradient(name: "attention", inputs: inputs) { g in
            let grads = try kernel.backward(g, qkv: packed, lambda: lambda, saved: saved)
            return [grads.dQKV] + (lambda == nil ? [] : [grads.dLambda])
        }
        return try proj(merged)
    }
}

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
        let (b, t) = (x.shape[0], x.shape[1])
        let parts = try qkv(x).chunked(3, axis: -1)
        let (q, k, v) = try (splitHeads(parts[0]), splitHeads(parts[1]), splitHeads(parts[2]))
        let d = Float(dim / heads)
        var scores = try q.matmul(k.transposed(-2, -1)) / d.squareRoot()
        if let geoWeight {
            let cosine = try q.normalized(axis: -1).matmul(k.normalized(axis: -1).transposed(-2, -1))
            let distance = try cosine.clamp(min: -1 + 1e-6, max: 1 - 1e-6).acos()
            scores = try scores - geoWeight * distance
        }
        if causal { scores = try CausalMask.fill(scores, steps: t, value: -.infinity) }
        let attention = try scores.softmax(axis: -1)
        lastAttention = attention.detached()
        let merged = try attention.matmul(v).permuted([0, 2, 1, 3]).reshaped([b, t, dim])
        return try proj(merged)
    }

    /// [B, T, D] → [B, H, T, d].
    private func splitHeads(_ x: Tensor) throws -> Tensor {
        try x.reshaped([x.shape[0], x.shape[1], heads, dim / heads]).permuted([0, 2, 1, 3])
    }
}

/// Masks that keep step i from seeing steps after it.
enum CausalMask {
    /// `scores` [..., T, T] with entries above the diagonal replaced by `value`.
    static func fill(_ scores: Tensor, steps: Int, value: Float) throws -> Tensor {
        let mask = try Tensor(shape: [steps, steps], dtype: .bool, zeroed: true)
        for i in 0..<steps { for j in 0...i { mask.bools[i * steps + j] = 1 } }
        return try Tensor.where(mask, scores, Tensor(scalar: value))
    }
}

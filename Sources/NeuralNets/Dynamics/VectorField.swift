import Tensors

/// dz/dt = f(t, z) for z [B, T, D], a module whose parameters train with the model.
public protocol VectorField: Module {
    func evaluate(t: Double, _ z: Tensor) throws -> Tensor
}

/// The Kuramoto coupling: q and k from `to_coupling` (no bias), split into H
/// heads and normalised; C = q̂·k̂ᵀ per head [B, H, T, T]; force = sin(C)·k̂;
/// f = omega + output(force). Keys `omega` [1, 1, D], `to_coupling`, `output`.
public final class KuramotoInteraction: Module, VectorField {
    public let dim: Int
    public let heads: Int
    public let causal: Bool
    public let omega: Tensor
    let toCoupling: Linear
    let output: Linear
    /// Saved state of the last evaluation, from which `lastCoupling` is rebuilt.
    private var lastEvaluation: (saved: KuramotoKernel.Saved, batch: Int, steps: Int)?

    public init(dim: Int, heads: Int, causal: Bool = false, stream: RandomStream) throws {
        try ModelError.checkHeads(dim: dim, heads: heads)
        self.dim = dim
        self.heads = heads
        self.causal = causal
        omega = try Tensor.randn([1, 1, dim], stream: stream) * 0.1
        toCoupling = try Linear(dim, 2 * dim, bias: false, stream: stream)
        output = try Linear(dim, dim, stream: stream)
        super.init()
        registerParameter("omega", omega)
        registerModule("to_coupling", toCoupling)
        registerModule("output", output)
    }

    /// Coupling map C = q̂·k̂ᵀ [B, H, T, T] of the last evaluation (before the causal mask).
    public var lastCoupling: Tensor? {
        guard let last = lastEvaluation else { return nil }
        return try? KuramotoKernel(heads: heads, causal: causal)
            .coupling(of: last.saved, batch: last.batch, steps: last.steps)
    }

    public func evaluate(t: Double, _ z: Tensor) throws -> Tensor {
        guard z.rank == 3, z.shape[2] == dim else {
            throw TensorError.shapeMismatch(
                op: "kuramoto", lhs: z.shape, rhs: [-1, -1, dim], detail: "the state must be [B, T, \(dim)]")
        }
        guard let bias = output.bias else {
            throw ModelError(option: "kuramoto", message: "the output layer has no bias")
        }
        let kernel = KuramotoKernel(heads: heads, causal: causal)
        let wc = toCoupling.weight, wo = output.weight
        let (field, saved) = try kernel.forward(
            z, toCoupling: wc, omega: omega, outputWeight: wo, outputBias: bias)
        lastEvaluation = (saved, z.shape[0], z.shape[1])
        return field.recordingGradient(name: "kuramoto", inputs: [z, wc, omega, wo, bias]) { g in
            let grads = try kernel.backward(g, z: z, saved: saved, toCoupling: wc, outputWeight: wo)
            return [grads.dz, grads.dWc, grads.dOmega, grads.dWo, grads.dBo]
        }
    }
}

/// A generic neural ODE field: fc2(tanh(fc1(z))) with hidden size 2D.
public final class MLPField: Module, VectorField {
    let fc1: Linear
    let fc2: Linear

    public init(dim: Int, hidden: Int? = nil, stream: RandomStream) throws {
        fc1 = try Linear(dim, hidden ?? 2 * dim, stream: stream)
        fc2 = try Linear(hidden ?? 2 * dim, dim, stream: stream)
        super.init()
        registerModule("fc1", fc1)
        registerModule("fc2", fc2)
    }

    public func evaluate(t: Double, _ z: Tensor) throws -> Tensor { try fc2(fc1(z).tanh()) }
}

/// Adds a power-law memory of past time steps to a field:
/// m[t] = scale ⊙ Σ_{n=1..K} w_n·z[t−n], with w_n = n^(−γ)/Γ(1−γ), the
/// Grünwald-style weights of a fractional derivative of order γ. The kernel
/// is fixed and causal; the per-channel `scale` [D] learns, starting at 0.1.
public final class PowerLawMemory: Module, VectorField {
    public let base: VectorField
    public let gamma: Double
    public let weights: [Float]
    public let scale: Tensor

    public init(base: VectorField, dim: Int, gamma: Double, length: Int = 16) throws {
        guard gamma > 0, gamma < 1 else {
            throw ModelError(option: "memory", message: "gamma must be in (0, 1), got \(gamma)")
        }
        self.base = base
        self.gamma = gamma
        let norm = tgamma(1 - gamma)
        weights = (1...max(length, 1)).map { Float(pow(Double($0), -gamma) / norm) }
        scale = try Tensor.full([dim], value: 0.1)
        super.init()
        registerModule("base", base)
        registerParameter("scale", scale)
    }

    public func evaluate(t: Double, _ z: Tensor) throws -> Tensor {
        let steps = z.shape[1]
        var memory: Tensor? = nil
        for (index, w) in weights.enumerated() where index + 1 < steps {
            let lag = index + 1
            // z shifted down by `lag` steps along time, zeros before the start.
            let head = try Tensor.zeros([z.shape[0], lag, z.shape[2]])
            let shifted = try Tensor.cat([head, z.narrowed(axis: 1, start: 0, length: steps - lag)], axis: 1)
            let term = try shifted * w
            memory = try memory.map { try $0 + term } ?? term
        }
        let field = try base.evaluate(t: t, z)
        guard let memory else { return field }
        return try field + memory * scale
    }
}

#if canImport(Glibc)
import Glibc
#endif

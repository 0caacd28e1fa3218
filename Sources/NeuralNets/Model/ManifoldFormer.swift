import Tensors

// Shapes: B batch, T time steps, C input channels, L latent size, H heads.

/// Every option of the ManifoldFormer builder, with the reference defaults.
public struct ManifoldFormerConfig: Sendable {
    public var inputDim: Int
    public var latentDim: Int
    public var heads = 4
    public var experts = 4
    public var topK = 2
    public var steps = 4
    public var dt = 0.25
    public var geoWeight: Float = 1
    public var attention = AttentionKind.geodesic
    public var feedForward = FeedForwardKind.moe
    public var dynamics = DynamicsKind.kuramoto
    public var solver = SolverMethod.rk4
    public var rtol = 1e-5
    public var atol = 1e-6
    public var integration = Integration.project
    public var encoder = EncoderKind.pointwise
    public var kernel = 5
    public var sampling = LatentSampling.projected
    /// Order γ in (0, 1) of the power-law memory term, or nil for none.
    public var memory: Double? = nil
    public var causal = false
    /// Number of classes of a classification head on time-pooled z_dyn, or nil.
    public var classes: Int? = nil
    public var seed: UInt64 = 0

    public init(inputDim: Int, latentDim: Int) {
        self.inputDim = inputDim
        self.latentDim = latentDim
    }
}

/// The outputs of one forward pass.
public struct ManifoldFormerOutput {
    public let out: Tensor
    public let recon: Tensor
    public let z: Tensor
    public let zTrans: Tensor
    public let zDyn: Tensor
    /// Class logits [B, classes] when the model has a classification head.
    public let logits: Tensor?
}

/// Riemannian VAE onto S^{L-1}, a transformer block (geodesic attention and a
/// mixture-of-experts feed-forward) and a neural ODE on the sphere; keys
/// `vae`, `ln1`, `attn`, `ln2`, `moe` (or `mlp`), `ode`, `head`, `classifier`.
public final class ManifoldFormer: Module {
    public let config: ManifoldFormerConfig
    public let vae: RiemannianVAE
    public let ln1: LayerNorm
    public let attn: GeodesicAttention
    public let ln2: LayerNorm
    public let moe: MoEFeedForward?
    public let mlp: MLPFeedForward?
    public let ode: DynamicsPredictor?
    public let head: Linear
    public let classifier: Linear?
    /// Noise source for VAE sampling when no eps is passed.
    public let stream: RandomStream

    public init(_ config: ManifoldFormerConfig) throws {
        try ManifoldFormer.validate(config)
        self.config = config
        let stream = RandomStream(seed: config.seed)
        self.stream = stream
        let d = config.latentDim
        vae = try RiemannianVAE(
            inputDim: config.inputDim, latentDim: d, encoder: config.encoder, kernel: config.kernel,
            sampling: config.sampling, stream: stream)
        ln1 = try LayerNorm(d)
        attn = try GeodesicAttention(
            dim: d, heads: config.heads, kind: config.attention, geoWeight: config.geoWeight,
            causal: config.causal, stream: stream)
        ln2 = try LayerNorm(d)
        switch config.feedForward {
        case .moe:
            moe = try MoEFeedForward(dim: d, experts: config.experts, topK: config.topK, stream: stream)
            mlp = nil
        case .mlp:
            moe = nil
            mlp = try Expert(dim: d, hidden: 2 * d, stream: stream)
        }
        ode = try ManifoldFormer.makeDynamics(config, stream: stream)
        head = try Linear(d, config.inputDim, stream: stream)
        classifier = try config.classes.map { try Linear(d, $0, stream: stream) }
        super.init()
        registerModule("vae", vae)
        registerModule("ln1", ln1)
        registerModule("attn", attn)
        registerModule("ln2", ln2)
        if let moe { registerModule("moe", moe) }
        if let mlp { registerModule("mlp", mlp) }
        if let ode { registerModule("ode", ode) }
        registerModule("head", head)
        if let classifier { registerModule("classifier", classifier) }
    }

    /// Runs x [B, T, C]; `eps` [B, T, L] fixes the VAE noise in training mode.
    public func callAsFunction(_ x: Tensor, eps: Tensor? = nil) throws -> ManifoldFormerOutput {
        guard x.rank == 3, x.shape[2] == config.inputDim else {
            throw TensorError.shapeMismatch(
                op: "manifoldformer", lhs: x.shape, rhs: [-1, -1, config.inputDim],
                detail: "the input must be [B, T, \(config.inputDim)]")
        }
        guard x.shape[0] >= 1, x.shape[1] >= 1 else {
            throw TensorError.invalidArgument(
                op: "manifoldformer",
                message: "the input \(formatShape(x.shape)) is empty; it needs B >= 1 sequences of T >= 1 time steps")
        }
        let (recon, z) = try vae(x, eps: eps, stream: stream)
        var zTrans = try z + attn(ln1(z))
        let normed = try ln2(zTrans)
        zTrans = try zTrans + feedForward(normed)
        let zDyn = try ode.map { try $0(zTrans) } ?? zTrans.normalized(axis: -1)
        let out = try head(zDyn)
        let logits = try classifier.map { try $0(zDyn.mean(axis: 1)) }
        return ManifoldFormerOutput(out: out, recon: recon, z: z, zTrans: zTrans, zDyn: zDyn, logits: logits)
    }

    private func feedForward(_ x: Tensor) throws -> Tensor {
        if let moe { return try moe(x) }
        if let mlp { return try mlp(x) }
        return try Tensor.zeros(like: x)
    }

    /// The Kuramoto coupling map [B, H, T, T] of the last field evaluation.
    public var lastCoupling: Tensor? {
        (ode?.field as? KuramotoInteraction)?.lastCoupling
            ?? ((ode?.field as? PowerLawMemory)?.base as? KuramotoInteraction)?.lastCoupling
    }

    static func validate(_ config: ManifoldFormerConfig) throws {
        guard config.inputDim > 0 else {
            throw ModelError(option: "input", message: "must be positive, got \(config.inputDim)")
        }
        try ModelError.checkHeads(dim: config.latentDim, heads: config.heads)
        guard config.kernel >= 1 else {
            throw ModelError(option: "kernel", message: "must be >= 1, got \(config.kernel)")
        }
        if let classes = config.classes, classes < 2 {
            throw ModelError(option: "classes", message: "must be >= 2, got \(classes)")
        }
        guard config.rtol > 0, config.atol > 0 else {
            throw ModelError(option: "rtol", message: "rtol and atol must be > 0")
        }
    }

    static func makeDynamics(_ config: ManifoldFormerConfig, stream: RandomStream) throws -> DynamicsPredictor? {
        let d = config.latentDim
        var field: VectorField
        switch config.dynamics {
        case .none: return nil
        case .kuramoto:
            field = try KuramotoInteraction(dim: d, heads: config.heads, causal: config.causal, stream: stream)
        case .mlp: field = try MLPField(dim: d, stream: stream)
        }
        if let gamma = config.memory { field = try PowerLawMemory(base: field, dim: d, gamma: gamma) }
        let solver = ODESolver(
            method: config.solver, integration: config.integration, rtol: config.rtol, atol: config.atol)
        return try DynamicsPredictor(field: field, steps: config.steps, dt: config.dt, solver: solver)
    }
}

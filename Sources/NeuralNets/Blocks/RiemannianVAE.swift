import Tensors

// Shapes: B batch, T time steps, C input channels, L latent size.

/// How the VAE draws its latent point on the sphere during training.
public enum LatentSampling: String, CaseIterable, Sendable {
    /// v = mu + eps·exp(logvar/2), then z = v/‖v‖.
    case projected
    /// A tangent sample at mu/‖mu‖ carried onto the sphere by the exponential map.
    case wrapped
}

/// The first encoder layer: per time step, or a causal convolution over time.
public enum EncoderKind: String, CaseIterable, Sendable {
    case pointwise
    case causalConv = "causal_conv"
}

/// Gaussian encoder whose sample lands on the unit hypersphere S^{L-1}, and a
/// decoder back to the input; hidden size 2L. Keys `enc1`, `enc2`, `dec1`, `dec2`.
public final class RiemannianVAE: Module {
    public let encoder: EncoderKind
    public let sampling: LatentSampling
    let enc1: Layer
    let enc2: Linear
    let dec1: Linear
    let dec2: Linear
    /// KL divergence of the last forward, a 0-d tensor.
    public private(set) var kl: Tensor?

    public init(
        inputDim: Int, latentDim: Int, hiddenDim: Int? = nil, encoder: EncoderKind = .pointwise,
        kernel: Int = 5, sampling: LatentSampling = .projected, stream: RandomStream
    ) throws {
        let hidden = hiddenDim ?? 2 * latentDim
        self.encoder = encoder
        self.sampling = sampling
        switch encoder {
        case .pointwise: enc1 = try Linear(inputDim, hidden, stream: stream)
        case .causalConv:
            enc1 = try Conv1d(inputDim, hidden, kernelSize: kernel, causal: true, stream: stream)
        }
        enc2 = try Linear(hidden, 2 * latentDim, stream: stream)
        dec1 = try Linear(latentDim, hidden, stream: stream)
        dec2 = try Linear(hidden, inputDim, stream: stream)
        super.init()
        registerModule("enc1", enc1)
        registerModule("enc2", enc2)
        registerModule("dec1", dec1)
        registerModule("dec2", dec2)
    }

    /// Encodes x [B, T, C] to z [B, T, L] on the sphere and decodes z back.
    ///
    /// - Parameter eps: the N(0, 1) noise [B, T, L] for training mode; drawn
    ///   from `stream` when nil.
    public func callAsFunction(_ x: Tensor, eps: Tensor? = nil, stream: RandomStream)
        throws -> (recon: Tensor, z: Tensor)
    {
        let h = try encode(x).gelu()
        let halves = try enc2(h).chunked(2, axis: -1)
        let (mu, logvar) = (halves[0], halves[1])
        let z = try sample(mu: mu, logvar: logvar, eps: eps, stream: stream)
        let recon = try dec2(dec1(z).gelu())
        // kl = -½·mean(1 + logvar − mu² − exp(logvar))
        let terms = try (logvar + 1) - mu * mu - logvar.exp()
        kl = try terms.mean() * -0.5
        return (recon, z)
    }

    /// Decodes points on the sphere [..., L] to the input space.
    public func decode(_ z: Tensor) throws -> Tensor { try dec2(dec1(z).gelu()) }

    /// The unit-sphere mean direction mu/‖mu‖ for x, without sampling.
    public func encodeMean(_ x: Tensor) throws -> Tensor {
        let h = try encode(x).gelu()
        return try enc2(h).chunked(2, axis: -1)[0].normalized(axis: -1)
    }

    private func encode(_ x: Tensor) throws -> Tensor {
        guard encoder == .causalConv else { return try enc1.forward(x) }
        // Conv1d runs over [B, C, T]; the model's layout is [B, T, C].
        return try enc1.forward(x.permuted([0, 2, 1])).permuted([0, 2, 1])
    }

    private func sample(mu: Tensor, logvar: Tensor, eps: Tensor?, stream: RandomStream) throws -> Tensor {
        guard isTraining else { return try mu.normalized(axis: -1) }
        let noise = try eps ?? Tensor.randn(mu.shape, stream: stream)
        guard noise.shape == mu.shape else {
            throw TensorError.shapeMismatch(
                op: "vae", lhs: noise.shape, rhs: mu.shape, detail: "eps must have the latent's shape")
        }
        let spread = try noise * (logvar * 0.5).exp()
        switch sampling {
        case .projected:
            return try (mu + spread).normalized(axis: -1)
        case .wrapped:
            let center = try mu.normalized(axis: -1)
            return try Sphere.exponentialMap(at: center, tangent: Sphere.projectToTangent(spread, at: center))
        }
    }
}

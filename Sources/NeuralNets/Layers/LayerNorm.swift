import Tensors

/// Layer normalisation over the last axis with affine weight 1 and bias 0 at start.
public final class LayerNorm: Layer {
    public let dim: Int
    public let eps: Float
    public let weight: Tensor
    public let bias: Tensor

    public init(_ dim: Int, eps: Float = 1e-5) throws {
        guard dim > 0 else {
            throw TensorError.invalidArgument(op: "layernorm", message: "dim must be positive, got \(dim)")
        }
        self.dim = dim
        self.eps = eps
        weight = try Tensor.ones([dim])
        bias = try Tensor.zeros([dim])
        super.init()
        registerParameter("weight", weight)
        registerParameter("bias", bias)
    }

    override public func forward(_ x: Tensor) throws -> Tensor {
        try x.layerNorm(weight: weight, bias: bias, eps: eps)
    }

    override public var summary: String { "LayerNorm((\(dim),), eps=\(eps))" }
}

import Tensors

/// y = x·Wᵀ + b with weight [out, in], as `torch.nn.Linear`.
public final class Linear: Layer {
    public let inFeatures: Int
    public let outFeatures: Int
    public let weight: Tensor
    public let bias: Tensor?

    /// Initialises weight and bias uniformly in ±1/sqrt(in), PyTorch's default.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, stream: RandomStream) throws {
        guard inFeatures > 0, outFeatures > 0 else {
            throw TensorError.invalidArgument(
                op: "linear",
                message: "features must be positive, got in \(inFeatures) and out \(outFeatures)")
        }
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        let bound = Initialization.fanInBound(inFeatures)
        weight = try Initialization.uniform([outFeatures, inFeatures], bound: bound, stream: stream)
        self.bias = bias ? try Initialization.uniform([outFeatures], bound: bound, stream: stream) : nil
        super.init()
        registerParameter("weight", weight)
        if let b = self.bias { registerParameter("bias", b) }
    }

    override public func forward(_ x: Tensor) throws -> Tensor {
        try Tensor.linear(x, weight: weight, bias: bias)
    }

    override public var summary: String {
        "Linear(in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias != nil))"
    }
}

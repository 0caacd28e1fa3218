import Tensors

/// Exact GELU as a layer.
public final class GELU: Layer {
    override public func forward(_ x: Tensor) throws -> Tensor { try x.gelu() }
    override public var summary: String { "GELU()" }
}

/// max(x, 0) as a layer.
public final class ReLU: Layer {
    override public func forward(_ x: Tensor) throws -> Tensor { try x.relu() }
    override public var summary: String { "ReLU()" }
}

/// tanh as a layer.
public final class Tanh: Layer {
    override public func forward(_ x: Tensor) throws -> Tensor { try x.tanh() }
    override public var summary: String { "Tanh()" }
}

/// The logistic function as a layer.
public final class Sigmoid: Layer {
    override public func forward(_ x: Tensor) throws -> Tensor { try x.sigmoid() }
    override public var summary: String { "Sigmoid()" }
}

/// Zeroes each element with probability `p` in training and scales the rest
/// by 1/(1-p); the identity in evaluation, as `torch.nn.Dropout`.
public final class Dropout: Layer {
    public let p: Float
    let stream: RandomStream

    public init(_ p: Float = 0.5, stream: RandomStream) throws {
        guard p >= 0, p < 1 else {
            throw TensorError.invalidArgument(op: "dropout", message: "p must be in [0, 1), got \(p)")
        }
        self.p = p
        self.stream = stream
    }

    override public func forward(_ x: Tensor) throws -> Tensor {
        guard isTraining, p > 0 else { return x }
        let mask = try Tensor(shape: x.shape, zeroed: false)
        let keep = 1 / (1 - p)
        for i in 0..<mask.count { mask.floats[i] = stream.nextFloat() < p ? 0 : keep }
        return try x.multiplying(mask)
    }

    override public var summary: String { "Dropout(p=\(p))" }
}

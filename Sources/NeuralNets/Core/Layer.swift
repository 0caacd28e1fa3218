import Tensors

/// A module with one tensor in and one tensor out, so it can sit in a `Sequential`.
open class Layer: Module {
    /// The forward computation.
    open func forward(_ x: Tensor) throws -> Tensor { x }

    public func callAsFunction(_ x: Tensor) throws -> Tensor { try forward(x) }
}

/// Layers applied one after another, as `torch.nn.Sequential`; children are named 0, 1, ...
public final class Sequential: Layer {
    public let layers: [Layer]

    public init(_ layers: [Layer]) {
        self.layers = layers
        super.init()
        for (index, layer) in layers.enumerated() { registerModule(String(index), layer) }
    }

    override public func forward(_ x: Tensor) throws -> Tensor {
        try layers.reduce(x) { try $1.forward($0) }
    }

    override public var summary: String { "Sequential" }
}

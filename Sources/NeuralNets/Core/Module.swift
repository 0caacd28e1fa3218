import Tensors

/// A layer or model: named parameters, named child modules, and a training flag.
///
/// Parameter names follow PyTorch's `state_dict` keys (`vae.enc1.weight`,
/// `moe.experts.0.fc1.bias`), so checkpoints move between mfs and PyTorch.
/// Subclasses register parameters and children in their initialiser, in the
/// order PyTorch would, and implement their forward as `callAsFunction`.
open class Module {
    /// Parameters owned directly by this module, in registration order.
    public private(set) var ownParameters: [(name: String, tensor: Tensor)] = []
    /// Child modules, in registration order.
    public private(set) var children: [(name: String, module: Module)] = []
    /// Training mode (dropout active, VAE sampling); false after `eval()`.
    public private(set) var isTraining = true

    public init() {}

    /// Registers `tensor` as a trainable parameter under `name`.
    @discardableResult
    public func registerParameter(_ name: String, _ tensor: Tensor) -> Tensor {
        tensor.requiresGrad = true
        ownParameters.append((name, tensor))
        return tensor
    }

    /// Registers `module` as a child under `name`.
    @discardableResult
    public func registerModule<M: Module>(_ name: String, _ module: M) -> M {
        children.append((name, module))
        return module
    }

    /// Every parameter of this module and its descendants, under dotted names.
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        var result = ownParameters
        for (childName, child) in children {
            for (name, tensor) in child.namedParameters() {
                result.append((childName + "." + name, tensor))
            }
        }
        return result
    }

    /// The parameter tensors in `namedParameters()` order.
    public func parameters() -> [Tensor] { namedParameters().map(\.tensor) }

    /// Total number of parameter elements.
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.count } }

    /// Switches this module and its descendants to training mode.
    public func train(_ on: Bool = true) {
        isTraining = on
        for (_, child) in children { child.train(on) }
    }

    /// Switches this module and its descendants to evaluation mode.
    public func eval() { train(false) }

    /// Clears every parameter's gradient.
    public func zeroGrad() {
        for tensor in parameters() { tensor.zeroGrad() }
    }

    /// A short description used when a model prints itself.
    open var summary: String { String(describing: type(of: self)) }

    /// The module tree with sizes, one child per line, as PyTorch prints a model.
    public func describe(indent: String = "") -> String {
        guard !children.isEmpty else { return summary }
        var lines = [summary + "("]
        for (name, child) in children {
            lines.append(indent + "  (\(name)): " + child.describe(indent: indent + "  "))
        }
        lines.append(indent + ")")
        return lines.joined(separator: "\n")
    }
}

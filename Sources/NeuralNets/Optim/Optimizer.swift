import Tensors

/// A rule that updates parameters from their gradients, with PyTorch's semantics.
///
/// State tensors are named `<parameter>.<slot>` (for example
/// `vae.enc1.weight.exp_avg`), so checkpoints store them beside the model.
public protocol Optimizer: AnyObject {
    /// The parameters, under their state-dict names.
    var parameters: [(name: String, tensor: Tensor)] { get }
    /// The rate the next `step()` uses; schedules change it between steps.
    var learningRate: Double { get set }
    /// Number of `step()` calls so far.
    var stepCount: Int { get }

    /// Updates every parameter that has a gradient.
    func step() throws
    /// Per-parameter state tensors under `<parameter>.<slot>` names.
    func stateDict() -> [(name: String, tensor: Tensor)]
    /// Restores state written by `stateDict()`, and the step count.
    func loadState(_ state: [String: Tensor], stepCount: Int) throws
}

extension Optimizer {
    /// Clears every parameter's gradient.
    public func zeroGrad() {
        for (_, tensor) in parameters { tensor.zeroGrad() }
    }
}

/// Buffers of one state slot, one per parameter, allocated on first use.
final class StateSlot {
    let name: String
    var buffers: [Int: Tensor] = [:]

    init(_ name: String) { self.name = name }

    func buffer(_ index: Int, like parameter: Tensor) throws -> Tensor {
        if let existing = buffers[index] { return existing }
        let created = try Tensor.zeros(like: parameter)
        buffers[index] = created
        return created
    }

    func export(_ parameters: [(name: String, tensor: Tensor)]) -> [(name: String, tensor: Tensor)] {
        parameters.indices.compactMap { index in
            buffers[index].map { (parameters[index].name + "." + name, $0) }
        }
    }

    func restore(_ state: [String: Tensor], _ parameters: [(name: String, tensor: Tensor)]) throws {
        for (index, parameter) in parameters.enumerated() {
            guard let stored = state[parameter.name + "." + name] else { continue }
            guard stored.shape == parameter.tensor.shape else {
                throw TensorError.shapeMismatch(
                    op: "optimizer state", lhs: stored.shape, rhs: parameter.tensor.shape,
                    detail: "\(parameter.name).\(name) does not fit its parameter")
            }
            buffers[index] = try stored.converted(to: .f32).contiguousCopy()
        }
    }
}

/// Checks an optimizer hyperparameter, naming it when it is out of range.
func checkOption(_ name: String, _ value: Double, _ valid: Bool, _ range: String) throws {
    guard valid, value.isFinite else {
        throw TensorError.invalidArgument(op: name, message: "\(value) is invalid; expected \(range)")
    }
}

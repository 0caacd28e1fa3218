import Tensors

/// Stochastic gradient descent with PyTorch's momentum, dampening, Nesterov
/// and weight-decay semantics; the first step stores the gradient as the buffer.
public final class SGD: Optimizer {
    public let parameters: [(name: String, tensor: Tensor)]
    public var learningRate: Double
    public let momentum: Double
    public let dampening: Double
    public let nesterov: Bool
    public let weightDecay: Double
    public private(set) var stepCount = 0
    let momentumBuffer = StateSlot("momentum_buffer")

    public init(
        _ parameters: [(name: String, tensor: Tensor)], lr: Double, momentum: Double = 0,
        dampening: Double = 0, nesterov: Bool = false, weightDecay: Double = 0
    ) throws {
        try checkOption("lr", lr, lr >= 0, "a rate >= 0")
        try checkOption("momentum", momentum, momentum >= 0, "a value >= 0")
        try checkOption("weight_decay", weightDecay, weightDecay >= 0, "a value >= 0")
        if nesterov && (momentum <= 0 || dampening != 0) {
            throw TensorError.invalidArgument(
                op: "nesterov", message: "needs momentum > 0 and dampening 0")
        }
        self.parameters = parameters
        learningRate = lr
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public func step() throws {
        stepCount += 1
        let lr = Float(learningRate), mu = Float(momentum), wd = Float(weightDecay)
        let damp = Float(dampening)
        for (index, (_, p)) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            let x = p.floats, g = grad.floats
            let first = momentumBuffer.buffers[index] == nil
            let buffer = mu != 0 ? try momentumBuffer.buffer(index, like: p).floats : nil
            for i in 0..<p.count {
                var d = g[i] + wd * x[i]
                if let b = buffer {
                    b[i] = first ? d : b[i] * mu + (1 - damp) * d
                    d = nesterov ? d + mu * b[i] : b[i]
                }
                x[i] -= lr * d
            }
        }
    }

    public func stateDict() -> [(name: String, tensor: Tensor)] { momentumBuffer.export(parameters) }

    public func loadState(_ state: [String: Tensor], stepCount: Int) throws {
        try momentumBuffer.restore(state, parameters)
        self.stepCount = stepCount
    }
}

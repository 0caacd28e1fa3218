import Tensors

/// Adam and AdamW with PyTorch's update order and defaults (betas 0.9, 0.999,
/// eps 1e-8). Adam adds weight decay to the gradient; AdamW (`decoupled`)
/// shrinks the parameter by lr·wd before the update.
public final class Adam: Optimizer {
    public let parameters: [(name: String, tensor: Tensor)]
    public var learningRate: Double
    public let beta1: Double
    public let beta2: Double
    public let eps: Double
    public let weightDecay: Double
    public let decoupled: Bool
    public private(set) var stepCount = 0
    let expAvg = StateSlot("exp_avg")
    let expAvgSq = StateSlot("exp_avg_sq")

    public init(
        _ parameters: [(name: String, tensor: Tensor)], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
        eps: Double = 1e-8, weightDecay: Double = 0, decoupled: Bool = false
    ) throws {
        try checkOption("lr", lr, lr >= 0, "a rate >= 0")
        try checkOption("beta1", betas.0, betas.0 >= 0 && betas.0 < 1, "a value in [0, 1)")
        try checkOption("beta2", betas.1, betas.1 >= 0 && betas.1 < 1, "a value in [0, 1)")
        try checkOption("eps", eps, eps >= 0, "a value >= 0")
        try checkOption("weight_decay", weightDecay, weightDecay >= 0, "a value >= 0")
        self.parameters = parameters
        learningRate = lr
        beta1 = betas.0
        beta2 = betas.1
        self.eps = eps
        self.weightDecay = weightDecay
        self.decoupled = decoupled
    }

    public func step() throws {
        stepCount += 1
        let b1 = Float(beta1), b2 = Float(beta2), lr = Float(learningRate), wd = Float(weightDecay)
        let correction1 = 1 - Float(Glibc.pow(beta1, Double(stepCount)))
        let correction2Root = Float(Glibc.pow(1 - Glibc.pow(beta2, Double(stepCount)), 0.5))
        let stepSize = lr / correction1, epsilon = Float(eps)
        for (index, (_, p)) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            let m = try expAvg.buffer(index, like: p), v = try expAvgSq.buffer(index, like: p)
            let x = p.floats, g = grad.floats, mm = m.floats, vv = v.floats
            if decoupled && wd != 0 {
                let shrink = 1 - lr * wd
                for i in 0..<p.count { x[i] *= shrink }
            }
            for i in 0..<p.count {
                let gi = decoupled ? g[i] : g[i] + wd * x[i]
                mm[i] = mm[i] * b1 + (1 - b1) * gi
                vv[i] = vv[i] * b2 + (1 - b2) * gi * gi
                let denom = vv[i].squareRoot() / correction2Root + epsilon
                x[i] -= stepSize * mm[i] / denom
            }
        }
    }

    public func stateDict() -> [(name: String, tensor: Tensor)] {
        expAvg.export(parameters) + expAvgSq.export(parameters)
    }

    public func loadState(_ state: [String: Tensor], stepCount: Int) throws {
        try expAvg.restore(state, parameters)
        try expAvgSq.restore(state, parameters)
        self.stepCount = stepCount
    }
}

#if canImport(Glibc)
import Glibc
#endif

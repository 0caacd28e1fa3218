import Tensors

public enum GradientClipping {
    /// Scales all gradients so their joint L2 norm is at most `maxNorm`, as
    /// `torch.nn.utils.clip_grad_norm_`; returns the norm before clipping.
    @discardableResult
    public static func clipNorm(_ parameters: [Tensor], maxNorm: Double) throws -> Double {
        guard maxNorm > 0, maxNorm.isFinite else {
            throw TensorError.invalidArgument(op: "clip_grad_norm", message: "max_norm must be > 0, got \(maxNorm)")
        }
        var total = 0.0
        for p in parameters {
            guard let g = p.grad else { continue }
            for i in 0..<g.count { total += Double(g.floats[i]) * Double(g.floats[i]) }
        }
        let norm = total.squareRoot()
        let coefficient = maxNorm / (norm + 1e-6)
        if coefficient < 1 {
            let scale = Float(coefficient)
            for p in parameters {
                guard let g = p.grad else { continue }
                for i in 0..<g.count { g.floats[i] *= scale }
            }
        }
        return norm
    }
}

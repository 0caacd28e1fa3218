#if canImport(Glibc)
import Glibc
#endif

/// A learning rate as a function of the step count.
public protocol Schedule {
    func learningRate(at step: Int) -> Double
}

/// base·gamma^⌊step/stepSize⌋, as `torch.optim.lr_scheduler.StepLR`.
public struct StepSchedule: Schedule {
    public let base: Double
    public let stepSize: Int
    public let gamma: Double

    public init(base: Double, stepSize: Int, gamma: Double = 0.1) throws {
        guard stepSize > 0 else { throw ModelError(option: "step_size", message: "must be > 0, got \(stepSize)") }
        self.base = base
        self.stepSize = stepSize
        self.gamma = gamma
    }

    public func learningRate(at step: Int) -> Double {
        base * pow(gamma, Double(step / stepSize))
    }
}

/// Cosine decay from `base` to `minimum` over `total` steps after a linear
/// warm-up of `warmup` steps from 0, as the usual warm-up-then-cosine recipe.
public struct CosineSchedule: Schedule {
    public let base: Double
    public let total: Int
    public let minimum: Double
    public let warmup: Int

    public init(base: Double, total: Int, minimum: Double = 0, warmup: Int = 0) throws {
        guard total > 0 else { throw ModelError(option: "total", message: "must be > 0, got \(total)") }
        guard warmup >= 0, warmup < total else {
            throw ModelError(option: "warmup", message: "must be in 0..<\(total), got \(warmup)")
        }
        self.base = base
        self.total = total
        self.minimum = minimum
        self.warmup = warmup
    }

    public func learningRate(at step: Int) -> Double {
        if step < warmup { return base * Double(step + 1) / Double(warmup) }
        let progress = min(1, Double(step - warmup) / Double(max(total - warmup, 1)))
        return minimum + (base - minimum) * 0.5 * (1 + cos(Double.pi * progress))
    }
}

/// A linear ramp from 0 to `base` over `warmup` steps, then constant.
public struct LinearWarmup: Schedule {
    public let base: Double
    public let warmup: Int

    public init(base: Double, warmup: Int) throws {
        guard warmup >= 0 else { throw ModelError(option: "warmup", message: "must be >= 0, got \(warmup)") }
        self.base = base
        self.warmup = warmup
    }

    public func learningRate(at step: Int) -> Double {
        step < warmup ? base * Double(step + 1) / Double(warmup) : base
    }
}

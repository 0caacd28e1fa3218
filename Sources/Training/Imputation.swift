import NeuralNets
import Tensors

// Shapes: B batch, T time steps, C input channels, L latent size.

/// The filling strategy of `impute`.
public enum ImputationMethod: String, CaseIterable, Sendable {
    /// Linear interpolation in input space between the observed neighbours of each gap.
    case linear
    /// Great-circle interpolation of VAE mean latents across the gap, decoded by the VAE.
    case slerp
    /// The model's vector field advanced one solver step per missing time step from the
    /// latents before the gap, decoded by the VAE.
    case rollout
}

/// Fills the steps of x [B, T, C] where `mask` is true (or nonzero) with `method`.
///
/// `mask` is [B, T], or [T] for the same steps in every sample. Observed steps are copied
/// from x unchanged, bit for bit. The model runs in evaluation mode without gradients and
/// its training flag is restored afterwards. `warning` receives fallbacks, such as a
/// rollout gap at the very start of a sequence, which has no context and is filled by
/// repeating the first latent after it.
public func impute(
    _ model: ManifoldFormer, _ x: Tensor, mask: Tensor, method: ImputationMethod,
    warning: (String) -> Void = { _ in }
) throws -> Tensor {
    let (batch, steps, channels) = try imputationShape(model, x)
    let missing = try missingSteps(mask, batch: batch, steps: steps)
    let values = try x.converted(to: .f32).contiguousCopy().toArray()
    var filled = values
    let interior = missing.contains { $0.contains(true) }
    guard interior else { return try Tensor(filled, shape: x.shape) }
    for sample in 0..<batch where missing[sample].allSatisfy({ $0 }) {
        throw TrainingError.invalidData(
            "impute: sample \(sample) has no observed step, so there is nothing to fill from")
    }
    let baseline = linearFill(values, missing: missing, steps: steps, channels: channels)
    switch method {
    case .linear:
        filled = baseline
    case .slerp, .rollout:
        let wasTraining = model.isTraining
        model.eval()
        defer { model.train(wasTraining) }
        filled = try GradMode.withNoGrad {
            try latentFill(
                model, values, baseline: baseline, missing: missing, shape: (batch, steps, channels),
                method: method, warning: warning)
        }
    }
    // Splice: observed steps keep the original bits whatever the method computed there.
    for sample in 0..<batch {
        for t in 0..<steps where !missing[sample][t] {
            let start = (sample * steps + t) * channels
            for c in 0..<channels { filled[start + c] = values[start + c] }
        }
    }
    return try Tensor(filled, shape: x.shape)
}

/// Fills one gap `range` of time steps (start inclusive, end exclusive) in every sample.
public func impute(
    _ model: ManifoldFormer, _ x: Tensor, gap range: Range<Int>, method: ImputationMethod,
    warning: (String) -> Void = { _ in }
) throws -> Tensor {
    let (_, steps, _) = try imputationShape(model, x)
    let mask = try gapMask(range, steps: steps)
    return try impute(model, x, mask: mask, method: method, warning: warning)
}

/// Returns the bool mask [T] that is true on `range`, after checking that it lies in 0..<T.
public func gapMask(_ range: Range<Int>, steps: Int) throws -> Tensor {
    guard range.lowerBound >= 0, range.upperBound <= steps, !range.isEmpty else {
        throw TrainingError.invalidOption(
            name: "gap",
            message: "(\(range.lowerBound), \(range.upperBound)) must be a non-empty range inside "
                + "0..<\(steps) time steps (start inclusive, end exclusive)")
    }
    let mask = try Tensor(shape: [steps], dtype: .bool)
    for t in range { mask.bools[t] = 1 }
    return mask
}

/// Checks that x is [B, T, C] with the model's input size and returns (B, T, C).
func imputationShape(_ model: ManifoldFormer, _ x: Tensor) throws -> (Int, Int, Int) {
    guard x.rank == 3, x.shape[2] == model.config.inputDim else {
        throw TrainingError.invalidData(
            "impute: x must be [B, T, \(model.config.inputDim)], got \(formatShape(x.shape))")
    }
    guard x.shape[0] > 0, x.shape[1] > 0 else {
        throw TrainingError.invalidData("impute: x has no samples or no time steps, shape \(formatShape(x.shape))")
    }
    return (x.shape[0], x.shape[1], x.shape[2])
}

/// Reads a bool or 0/1 mask of shape [B, T] or [T] into per-sample flags.
func missingSteps(_ mask: Tensor, batch: Int, steps: Int) throws -> [[Bool]] {
    let shared = mask.shape == [steps]
    guard shared || mask.shape == [batch, steps] else {
        throw TrainingError.invalidOption(
            name: "mask",
            message: "must be [\(batch), \(steps)] or [\(steps)] to match x [B, T, C], "
                + "got \(formatShape(mask.shape))")
    }
    let flags = try mask.converted(to: .f32).contiguousCopy().toArray()
    for value in flags where value != 0 && value != 1 {
        throw TrainingError.invalidOption(name: "mask", message: "must contain only 0/1 or booleans, found \(value)")
    }
    return (0..<batch).map { sample in
        let start = shared ? 0 : sample * steps
        return (0..<steps).map { flags[start + $0] != 0 }
    }
}

/// Returns the maximal runs of missing steps of one sample, as ranges.
func gaps(in missing: [Bool]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var t = 0
    while t < missing.count {
        guard missing[t] else {
            t += 1
            continue
        }
        let start = t
        while t < missing.count, missing[t] { t += 1 }
        result.append(start..<t)
    }
    return result
}

/// Returns the values with each gap linearly interpolated between its observed neighbours.
/// A gap touching either end of the sequence repeats the nearest observed value.
func linearFill(_ values: [Float], missing: [[Bool]], steps: Int, channels: Int) -> [Float] {
    var filled = values
    for (sample, flags) in missing.enumerated() {
        let base = sample * steps * channels
        for gap in gaps(in: flags) {
            let before = gap.lowerBound - 1
            let after = gap.upperBound
            for t in gap {
                for c in 0..<channels {
                    let value: Float
                    if before >= 0, after < steps {
                        let a = Double(values[base + before * channels + c])
                        let b = Double(values[base + after * channels + c])
                        let fraction = Double(t - before) / Double(after - before)
                        value = Float(a + (b - a) * fraction)
                    } else if before >= 0 {
                        value = values[base + before * channels + c]
                    } else if after < steps {
                        value = values[base + after * channels + c]
                    } else {
                        value = 0
                    }
                    filled[base + t * channels + c] = value
                }
            }
        }
    }
    return filled
}

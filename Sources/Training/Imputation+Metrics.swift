import NeuralNets
import Tensors

/// The error of one imputation method at one gap length, over the masked steps only.
public struct ImputationScore: Equatable, Sendable {
    public let method: ImputationMethod
    /// The gap length as a fraction of the sequence length.
    public let gapFraction: Double
    /// The gap length in time steps: max(1, round(fraction · T)).
    public let gapSteps: Int
    /// Mean squared error over every masked element (samples × gap steps × channels).
    public let mse: Double
    /// Pearson correlation between filled and true values over the same elements; NaN
    /// when either side is constant.
    public let correlation: Double
    public let samples: Int
}

/// Masks one contiguous gap per sample of x [B, T, C] for each fraction in `gapFractions`,
/// fills it with each method and scores the fill against the true values.
///
/// Gap starts are drawn from `seed`, uniformly over the positions that leave at least one
/// observed step on each side, and are the same for every method, so methods compare on
/// identical masks.
public func imputationMetrics(
    _ model: ManifoldFormer, _ x: Tensor, gapFractions: [Double] = [0.05, 0.1, 0.25],
    methods: [ImputationMethod] = ImputationMethod.allCases, seed: UInt64 = 0,
    warning: (String) -> Void = { _ in }
) throws -> [ImputationScore] {
    let (batch, steps, channels) = try imputationShape(model, x)
    guard !gapFractions.isEmpty, !methods.isEmpty else {
        throw TrainingError.invalidOption(name: "gaps", message: "need at least one gap fraction and one method")
    }
    let truth = try x.converted(to: .f32).contiguousCopy().toArray()
    let stream = RandomStream(seed: seed)
    var scores: [ImputationScore] = []
    for fraction in gapFractions {
        guard fraction.isFinite, fraction > 0, fraction < 1 else {
            throw TrainingError.invalidOption(name: "gaps", message: "each fraction must be in (0, 1), got \(fraction)")
        }
        let length = max(1, Int((fraction * Double(steps)).rounded()))
        guard length + 2 <= steps else {
            throw TrainingError.invalidOption(
                name: "gaps",
                message: "a gap of \(length) steps leaves no observed step on both sides of a "
                    + "\(steps)-step sequence; use a smaller fraction than \(fraction)")
        }
        let mask = try Tensor(shape: [batch, steps], dtype: .bool)
        var missing = [[Bool]](repeating: [Bool](repeating: false, count: steps), count: batch)
        for sample in 0..<batch {
            let start = 1 + stream.nextInt(below: steps - length - 1)
            for t in start..<(start + length) {
                mask.bools[sample * steps + t] = 1
                missing[sample][t] = true
            }
        }
        for method in methods {
            let filled = try impute(model, x, mask: mask, method: method, warning: warning)
                .contiguousCopy().toArray()
            var predicted: [Double] = [], actual: [Double] = []
            for sample in 0..<batch {
                for t in 0..<steps where missing[sample][t] {
                    let start = (sample * steps + t) * channels
                    for c in 0..<channels {
                        predicted.append(Double(filled[start + c]))
                        actual.append(Double(truth[start + c]))
                    }
                }
            }
            scores.append(
                ImputationScore(
                    method: method, gapFraction: fraction, gapSteps: length,
                    mse: meanSquaredError(predicted, actual), correlation: pearsonCorrelation(predicted, actual),
                    samples: batch))
        }
    }
    return scores
}

/// Mean of (a − b)² over paired values.
func meanSquaredError(_ a: [Double], _ b: [Double]) -> Double {
    guard !a.isEmpty else { return .nan }
    return zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(a.count)
}

/// Pearson correlation of paired values, or NaN when either has zero variance.
func pearsonCorrelation(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count > 1 else { return .nan }
    let meanA = a.reduce(0, +) / Double(a.count), meanB = b.reduce(0, +) / Double(b.count)
    var covariance = 0.0, varianceA = 0.0, varianceB = 0.0
    for (u, v) in zip(a, b) {
        covariance += (u - meanA) * (v - meanB)
        varianceA += (u - meanA) * (u - meanA)
        varianceB += (v - meanB) * (v - meanB)
    }
    guard varianceA > 0, varianceB > 0 else { return .nan }
    return covariance / (varianceA * varianceB).squareRoot()
}

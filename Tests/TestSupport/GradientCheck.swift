import Tensors

/// Relative and absolute tolerances for comparing float32 gradients with
/// central differences taken in float32 inputs and double sums.
public struct GradientTolerance: Sendable {
    public var relative: Double
    public var absolute: Double
    public var step: Float

    public init(relative: Double = 2e-2, absolute: Double = 2e-3, step: Float = 1e-2) {
        self.relative = relative
        self.absolute = absolute
        self.step = step
    }

    public static let standard = GradientTolerance()
}

/// One element whose analytic gradient disagrees with the numeric one.
public struct GradientMismatch: CustomStringConvertible {
    public let input: Int
    public let element: Int
    public let analytic: Double
    public let numeric: Double

    public var description: String {
        "input \(input) element \(element): analytic \(analytic), numeric \(numeric)"
    }
}

/// Compares the gradients that `backward()` gives for `f` with central
/// differences of the scalar Σ f(inputs)·w for a fixed random weight w.
///
/// Every input must be an f32 leaf; up to `samples` elements of each are
/// perturbed. Returns the mismatches (empty when the op passes).
public func checkGradients(
    _ inputs: [Tensor], tolerance: GradientTolerance = .standard, samples: Int = 64,
    _ f: ([Tensor]) throws -> Tensor
) throws -> [GradientMismatch] {
    for input in inputs { try input.requiringGrad()
        input.zeroGrad() }
    let output = try f(inputs)
    let weight = try Tensor.randn(output.shape, stream: RandomStream(seed: 99))
    try output.multiplying(weight).sum().backward()

    func objective() throws -> Double {
        let y = try GradMode.withNoGrad { try f(inputs) }
        let values = y.toArray(), weights = weight.toArray()
        return zip(values, weights).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    var mismatches: [GradientMismatch] = []
    for (index, input) in inputs.enumerated() {
        let analytic = input.grad?.toArray() ?? [Float](repeating: 0, count: input.count)
        let stride = max(1, input.count / samples)
        for element in Swift.stride(from: 0, to: input.count, by: stride) {
            let original = input.floats[element]
            input.floats[element] = original + tolerance.step
            let plus = try objective()
            input.floats[element] = original - tolerance.step
            let minus = try objective()
            input.floats[element] = original
            let numeric = (plus - minus) / (2 * Double(tolerance.step))
            let exact = Double(analytic[element])
            let bound = tolerance.absolute + tolerance.relative * max(abs(exact), abs(numeric))
            if !(abs(exact - numeric) <= bound) {
                mismatches.append(
                    GradientMismatch(input: index, element: element, analytic: exact, numeric: numeric))
            }
        }
    }
    return mismatches
}

/// A seeded tensor of `shape` with values in [low, high), for test inputs.
public func uniformTensor(_ shape: [Int], low: Float = -1, high: Float = 1, seed: UInt64 = 1)
    throws -> Tensor
{
    let u = try Tensor.rand(shape, stream: RandomStream(seed: seed))
    return try (u * (high - low) + low).detached()
}

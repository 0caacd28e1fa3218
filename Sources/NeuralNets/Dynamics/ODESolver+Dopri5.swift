import Tensors

// Dormand–Prince 5(4) with the standard tableau and an error-per-step controller.

private let c: [Double] = [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1]
private let a: [[Double]] = [
    [],
    [1.0 / 5],
    [3.0 / 40, 9.0 / 40],
    [44.0 / 45, -56.0 / 15, 32.0 / 9],
    [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
    [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
    [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
]
/// Fifth-order weights (the last row of `a`) minus the fourth-order ones.
private let errorWeights: [Double] = [
    35.0 / 384 - 5179.0 / 57600, 0, 500.0 / 1113 - 7571.0 / 16695, 125.0 / 192 - 393.0 / 640,
    -2187.0 / 6784 + 92097.0 / 339200, 11.0 / 84 - 187.0 / 2100, -1.0 / 40,
]

extension ODESolver {
    func adaptive(_ f: @escaping Field, _ y0: Tensor, from t0: Double, to t1: Double, firstStep: Double)
        throws -> Tensor
    {
        let field = fieldOnManifold(f)
        var (t, y, h) = (t0, y0, min(firstStep, t1 - t0))
        var attempts = 0
        while t1 - t > 1e-12 * max(1, abs(t1)) {
            try Interrupt.check()
            attempts += 1
            guard attempts < 100_000 else { throw SolverError(time: t, reason: "more than 100000 steps") }
            h = min(h, t1 - t)
            let x = integration == .project ? try y.normalized(axis: -1) : y
            var stages: [Tensor] = []
            for s in 0..<7 {
                var point = x
                for (j, weight) in a[s].enumerated() where weight != 0 {
                    point = try point + stages[j] * Float(h * weight)
                }
                stages.append(try field(t + c[s] * h, s == 0 ? x : point))
            }
            var next = x
            for (j, weight) in a[6].enumerated() where weight != 0 {
                next = try next + stages[j] * Float(h * weight)
            }
            let ratio = try errorRatio(stages: stages, h: h, from: x, to: next)
            guard ratio.isFinite, next.toArray().allSatisfy({ $0.isFinite }) else {
                throw SolverError(time: t, reason: "the state became non-finite")
            }
            if ratio <= 1 {
                t += h
                y = integration == .retract ? try next.normalized(axis: -1) : next
            }
            let factor = ratio == 0 ? 5 : min(5, max(0.2, 0.9 * pow(ratio, -0.2)))
            h *= factor
            if h < minStep && t1 - t > minStep {
                throw SolverError(time: t, reason: "the step size fell below its minimum \(minStep)")
            }
        }
        return integration == .euclidean ? y : try y.normalized(axis: -1)
    }

    /// RMS of the embedded error estimate scaled by atol + rtol·max(|y|, |y_next|).
    private func errorRatio(stages: [Tensor], h: Double, from y: Tensor, to next: Tensor) throws -> Double {
        let values = stages.map { $0.toArray() }
        let old = y.toArray(), new = next.toArray()
        var total = 0.0
        for i in 0..<old.count {
            var error = 0.0
            for (j, weight) in errorWeights.enumerated() where weight != 0 {
                error += weight * Double(values[j][i])
            }
            let scale = atol + rtol * max(abs(Double(old[i])), abs(Double(new[i])))
            total += (h * error / scale) * (h * error / scale)
        }
        return (total / Double(max(old.count, 1))).squareRoot()
    }
}

#if canImport(Glibc)
import Glibc
#endif

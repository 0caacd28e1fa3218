import Tensors

/// The integration scheme.
public enum SolverMethod: String, CaseIterable, Sendable {
    case rk4
    case euler
    case midpoint
    case dopri5
}

/// The rule that keeps the integrated state on the unit sphere.
public enum Integration: String, CaseIterable, Sendable {
    /// Normalise before every step and at the end; steps are plain Euclidean.
    case project
    /// Project the field onto the tangent space and move by the retraction (x+v)/‖x+v‖.
    case retract
    /// Plain Euclidean integration, no sphere.
    case euclidean
}

/// A failure of the adaptive solver, with the time it reached.
public struct SolverError: Error, CustomStringConvertible {
    public let time: Double
    public let reason: String

    public var description: String {
        "dopri5 stopped at t = \(time): \(reason); lower dt, raise the tolerances or check the field"
    }
}

/// Fixed-step and adaptive ODE integration of a tensor state.
public struct ODESolver: Sendable {
    public var method: SolverMethod
    public var integration: Integration
    public var rtol: Double
    public var atol: Double
    /// Smallest step dopri5 may take before it gives up.
    public var minStep: Double

    public init(
        method: SolverMethod = .rk4, integration: Integration = .project, rtol: Double = 1e-5,
        atol: Double = 1e-6, minStep: Double = 1e-9
    ) {
        self.method = method
        self.integration = integration
        self.rtol = rtol
        self.atol = atol
        self.minStep = minStep
    }

    public typealias Field = (Double, Tensor) throws -> Tensor

    /// Integrates from t0 to t1 in steps of `step`; the last step is shortened
    /// to land exactly on t1. For dopri5, `step` is the first trial step.
    public func integrate(_ f: @escaping Field, _ y0: Tensor, from t0: Double, to t1: Double, step: Double)
        throws -> Tensor
    {
        guard step > 0, step.isFinite else {
            throw ModelError(option: "dt", message: "must be > 0, got \(step)")
        }
        if method == .dopri5 { return try adaptive(f, y0, from: t0, to: t1, firstStep: step) }
        var (t, y) = (t0, y0)
        while t1 - t > 1e-12 * max(1, abs(t1)) {
            try Interrupt.check()
            let h = min(step, t1 - t)
            y = try advance(f, y, t: t, h: h)
            t = (t + h >= t1 - 1e-12 * max(1, abs(t1))) ? t1 : t + h
        }
        return integration == .euclidean ? y : try y.normalized(axis: -1)
    }

    /// Returns the step sizes `integrate` takes, for inspection and tests.
    public static func stepSizes(from t0: Double, to t1: Double, step: Double) -> [Double] {
        var sizes: [Double] = [], t = t0
        while t1 - t > 1e-12 * max(1, abs(t1)) {
            let h = min(step, t1 - t)
            sizes.append(h)
            t = (t + h >= t1 - 1e-12 * max(1, abs(t1))) ? t1 : t + h
        }
        return sizes
    }

    /// Takes one fixed step of size h from (t, y).
    func advance(_ f: @escaping Field, _ y: Tensor, t: Double, h: Double) throws -> Tensor {
        let x = integration == .project ? try y.normalized(axis: -1) : y
        let field = fieldOnManifold(f)
        let move: (Tensor, Tensor) throws -> Tensor = integration == .retract
            ? { try Sphere.retract($0, $1) } : { try $0 + $1 }
        let hf = Float(h)
        switch method {
        case .euler:
            return try move(x, field(t, x) * hf)
        case .midpoint:
            let k1 = try field(t, x)
            let k2 = try field(t + h / 2, move(x, k1 * (hf / 2)))
            return try move(x, k2 * hf)
        case .rk4, .dopri5:
            let k1 = try field(t, x)
            let k2 = try field(t + h / 2, move(x, k1 * (hf / 2)))
            let k3 = try field(t + h / 2, move(x, k2 * (hf / 2)))
            let k4 = try field(t + h, move(x, k3 * hf))
            let slope = try k1 + k2 * 2 + k3 * 2 + k4
            return try move(x, slope * (hf / 6))
        }
    }

    /// Returns the field as integrated: projected onto the tangent space in retract mode.
    func fieldOnManifold(_ f: @escaping Field) -> Field {
        guard integration == .retract else { return f }
        return { t, x in try Sphere.projectToTangent(f(t, x), at: x) }
    }
}

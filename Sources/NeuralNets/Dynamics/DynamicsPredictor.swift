import Tensors

/// Which vector field drives the latent dynamics.
public enum DynamicsKind: String, CaseIterable, Sendable {
    case kuramoto
    case mlp
    case none
}

/// Integrates a vector field over `steps` steps of size dt on the sphere.
/// The field's keys sit under `func`, as in the reference (`ode.func.omega`).
public final class DynamicsPredictor: Module {
    public let field: VectorField
    public let steps: Int
    public let dt: Double
    public var solver: ODESolver

    public init(field: VectorField, steps: Int, dt: Double, solver: ODESolver) throws {
        guard steps >= 1 else { throw ModelError(option: "steps", message: "must be >= 1, got \(steps)") }
        guard dt > 0, dt.isFinite else { throw ModelError(option: "dt", message: "must be > 0, got \(dt)") }
        self.field = field
        self.steps = steps
        self.dt = dt
        self.solver = solver
        super.init()
        registerModule("func", field)
    }

    /// Carries z [B, T, D] from t = 0 to t = steps·dt.
    public func callAsFunction(_ z: Tensor) throws -> Tensor {
        try solver.integrate(
            { t, x in try self.field.evaluate(t: t, x) }, z, from: 0, to: Double(steps) * dt, step: dt)
    }
}

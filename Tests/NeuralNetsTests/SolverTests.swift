import Testing
@testable import NeuralNets
@testable import Tensors

#if canImport(Glibc)
import Glibc
#endif

@Test func rk4StepsLandExactlyOnEnd() {
    let sizes = ODESolver.stepSizes(from: 0, to: 1, step: 0.3)
    #expect(sizes.count == 4)
    for (size, expected) in zip(sizes, [0.3, 0.3, 0.3, 0.1]) { #expect(abs(size - expected) < 1e-12) }
}

@Test func rk4OnExponentialMatchesKnownError() throws {
    let solver = ODESolver(method: .rk4, integration: .euclidean)
    let y = try solver.integrate({ _, y in y }, Tensor.ones([1]), from: 0, to: 1, step: 0.3)
    let value = try y.item()
    #expect(abs(value - 2.718153) < 2e-6)
    #expect(abs((Double(value) - M_E) - -1.29e-4) < 3e-6)
}

@Test(arguments: SolverMethod.allCases)
func zeroFieldLeavesStateBitExact(_ method: SolverMethod) throws {
    let y0 = try Tensor([0.25, -1.5, 3], shape: [3])
    let solver = ODESolver(method: method, integration: .euclidean)
    let y = try solver.integrate({ _, y in try Tensor.zeros(like: y) }, y0, from: 0, to: 1, step: 0.1)
    #expect(y.toArray() == y0.toArray())
}

@Test func dopri5StopsAtBlowUp() throws {
    // dy/dt = y² from y(0) = 1 has the solution 1/(1 − t), which blows up at t = 1.
    let solver = ODESolver(method: .dopri5, integration: .euclidean, rtol: 1e-5, atol: 1e-6)
    do {
        _ = try solver.integrate({ _, y in try y * y }, Tensor.ones([1]), from: 0, to: 2, step: 0.1)
        Issue.record("expected the solve to fail")
    } catch let error as SolverError {
        #expect(abs(error.time - 1) < 1e-3, "stopped at \(error.time)")
        #expect("\(error)".contains("dopri5 stopped at t = "))
    }
}

@Test func dopri5IsAccurateOnSmoothField() throws {
    let solver = ODESolver(method: .dopri5, integration: .euclidean, rtol: 1e-6, atol: 1e-7)
    let y = try solver.integrate({ _, y in y }, Tensor.ones([1]), from: 0, to: 1, step: 0.5)
    #expect(abs(Double(try y.item()) - M_E) < 1e-5)
}

@Test(arguments: [Integration.project, Integration.retract])
func sphereIntegrationStaysOnSphere(_ mode: Integration) throws {
    let y0 = try Tensor([0.6, 0.8, 0, 0, 1, 0], shape: [1, 2, 3])
    let solver = ODESolver(method: .rk4, integration: mode)
    let field: ODESolver.Field = { _, y in try y.matmul(Tensor([0, 1, 0, -1, 0, 0.5, 0, -0.5, 0], shape: [3, 3])) }
    let y = try solver.integrate(field, y0, from: 0, to: 1, step: 0.25)
    let norms = try y.norm(axis: -1).toArray()
    for norm in norms { #expect(abs(norm - 1) < 1e-6) }
}

@Test func sphereMapsHitEndsAndStayOnSphere() throws {
    let a = try Tensor([1, 0, 0], shape: [3]), b = try Tensor([0, 0.6, 0.8], shape: [3])
    #expect(maxDiff(try Sphere.slerp(a, b, t: 0), a) < 1e-6)
    #expect(maxDiff(try Sphere.slerp(a, b, t: 1), b) < 1e-6)
    let mid = try Sphere.slerp(a, b, t: 0.5)
    #expect(abs(try mid.norm().item() - 1) < 1e-6)
    let tangent = try Sphere.projectToTangent(Tensor([1, 1, 1], shape: [3]), at: a)
    #expect(abs(try (tangent * a).sum().item()) < 1e-7)
    let moved = try Sphere.exponentialMap(at: a, tangent: Tensor.zeros([3]))
    #expect(moved.toArray() == a.toArray())
}

private func maxDiff(_ a: Tensor, _ b: Tensor) -> Float {
    zip(a.toArray(), b.toArray()).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

import Testing
import TestSupport
@testable import Tensors

@Test func gradientCheckDetectsWrongGradient() throws {
    // detached(x)·x has analytic gradient x but a numeric gradient of 2x.
    let x = try uniformTensor([4], low: 0.5, high: 1)
    let mismatches = try checkGradients([x]) { try $0[0].detached() * $0[0] }
    #expect(mismatches.count == 4)
}

@Test func acosAtClampBoundIsFinite() throws {
    // Exactly at the bound the gradient passes and stays finite; past it, it is 0.
    let bound: Float = 1 - 1e-6
    let x = try Tensor([bound, -bound, 0.5, 1], shape: [4]).requiringGrad()
    try x.clamp(min: -bound, max: bound).acos().sum().backward()
    let grad = try #require(x.grad).toArray()
    #expect(grad.allSatisfy { $0.isFinite })
    #expect(grad[0] < -100)
    #expect(grad[1] < -100)
    #expect(abs(grad[2] + 1 / (0.75 as Float).squareRoot()) < 1e-5)
    #expect(grad[3] == 0)
}

@Test func normalizeOfZeroVectorHasZeroGradient() throws {
    let x = try Tensor([0, 0, 0, 3, 4, 0], shape: [2, 3]).requiringGrad()
    let y = try x.normalized(axis: -1)
    #expect(y.toArray()[0] == 0)
    try y.multiplying(Tensor([1, 2, 3, 1, 2, 3], shape: [2, 3])).sum().backward()
    let grad = try #require(x.grad).toArray()
    #expect(Array(grad[0..<3]) == [0, 0, 0])
    #expect(grad.allSatisfy { $0.isFinite && abs($0) < 10 })
}

@Test func normOfZeroVectorHasZeroGradient() throws {
    let x = try Tensor([0, 0], shape: [2]).requiringGrad()
    try x.norm().backward()
    #expect(try #require(x.grad).toArray() == [0, 0])
}

@Test func sqrtAtZeroWithZeroUpstreamIsZero() throws {
    let x = try Tensor([0, 4], shape: [2]).requiringGrad()
    let y = try x.sqrt()
    try y.backward(Tensor([0, 1], shape: [2]))
    let grad = try #require(x.grad).toArray()
    #expect(grad[0] == 0)
    #expect(grad[1] == 0.25)
}

@Test func clampPassesGradientInsideAndAtBounds() throws {
    let x = try Tensor([-2, -1, 0, 1, 2], shape: [5]).requiringGrad()
    try x.clamp(min: -1, max: 1).sum().backward()
    #expect(try #require(x.grad).toArray() == [0, 1, 1, 1, 0])
}

@Test func gradientsAccumulateIntoLeaves() throws {
    let x = try Tensor([1, 2], shape: [2]).requiringGrad()
    try (x * 3).sum().backward()
    try (x * 3).sum().backward()
    #expect(try #require(x.grad).toArray() == [6, 6])
    x.zeroGrad()
    #expect(x.grad == nil)
}

@Test func noGradScopeRecordsNothing() throws {
    let x = try Tensor([1, 2], shape: [2]).requiringGrad()
    let y = try GradMode.withNoGrad { try x * 2 }
    #expect(!y.requiresGrad)
    #expect(y.gradFn == nil)
    #expect(throws: TensorError.self) { try y.sum().backward() }
    #expect(try (x * 2).requiresGrad)
}

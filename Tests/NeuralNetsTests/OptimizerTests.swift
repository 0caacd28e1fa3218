import Testing
import TestSupport
@testable import NeuralNets
@testable import Tensors

private func parameter(_ values: [Float], grad: [Float]) throws -> [(name: String, tensor: Tensor)] {
    let p = try Tensor(values, shape: [values.count]).requiringGrad()
    p.grad = try Tensor(grad, shape: [grad.count])
    return [("w", p)]
}

@Test func sgdMomentumMatchesHandComputedSteps() throws {
    let params = try parameter([1, 2], grad: [0.5, -1])
    let sgd = try SGD(params, lr: 0.1, momentum: 0.9)
    try sgd.step()
    try sgd.step()
    // b1 = g, b2 = 0.9·g + g = 1.9·g; w = w0 − 0.1·(g + 1.9·g)
    let w = params[0].tensor.toArray()
    #expect(abs(w[0] - (1 - 0.1 * 2.9 * 0.5)) < 1e-6)
    #expect(abs(w[1] - (2 + 0.1 * 2.9)) < 1e-6)
}

@Test func sgdNesterovUsesLookAhead() throws {
    let params = try parameter([0], grad: [1])
    let sgd = try SGD(params, lr: 1, momentum: 0.5, nesterov: true)
    try sgd.step()
    // b = 1; d = g + 0.5·b = 1.5
    #expect(params[0].tensor.toArray() == [-1.5])
}

@Test func adamFirstStepMovesByLearningRate() throws {
    let params = try parameter([1, -1], grad: [0.3, -2])
    let adam = try Adam(params, lr: 0.01)
    try adam.step()
    // After bias correction the first step is lr·g/(|g| + eps) ≈ lr·sign(g).
    let w = params[0].tensor.toArray()
    #expect(abs(w[0] - 0.99) < 1e-6)
    #expect(abs(w[1] - -0.99) < 1e-6)
    #expect(adam.stateDict().map(\.name) == ["w.exp_avg", "w.exp_avg_sq"])
}

@Test func adamWDecaysBeforeTheUpdate() throws {
    let params = try parameter([2], grad: [0])
    let adamw = try Adam(params, lr: 0.1, weightDecay: 0.5, decoupled: true)
    try adamw.step()
    #expect(abs(params[0].tensor.toArray()[0] - 2 * (1 - 0.05)) < 1e-6)
}

@Test func clipGradNormScalesToMaximum() throws {
    let params = try parameter([0, 0], grad: [3, 4])
    let norm = try GradientClipping.clipNorm(params.map(\.tensor), maxNorm: 1)
    #expect(norm == 5)
    let g = try #require(params[0].tensor.grad).toArray()
    #expect(abs(g[0] - 0.6) < 1e-5)
    #expect(abs(g[1] - 0.8) < 1e-5)
}

@Test func schedulesFollowTheirFormulas() throws {
    let cosine = try CosineSchedule(base: 1, total: 10, minimum: 0.1)
    #expect(cosine.learningRate(at: 0) == 1)
    #expect(abs(cosine.learningRate(at: 5) - 0.55) < 1e-12)
    #expect(abs(cosine.learningRate(at: 10) - 0.1) < 1e-12)
    let warm = try CosineSchedule(base: 1, total: 10, warmup: 2)
    #expect(warm.learningRate(at: 0) == 0.5)
    let step = try StepSchedule(base: 1, stepSize: 3, gamma: 0.5)
    #expect(step.learningRate(at: 7) == 0.25)
    #expect(try LinearWarmup(base: 2, warmup: 4).learningRate(at: 1) == 1)
}

@Test func optimizerStateRoundTrips() throws {
    let params = try parameter([1, 2], grad: [0.1, 0.2])
    let adam = try Adam(params, lr: 0.01)
    try adam.step()
    var state: [String: Tensor] = [:]
    for (name, tensor) in adam.stateDict() { state[name] = tensor }
    let copy = try parameter([1, 2], grad: [0.1, 0.2])
    let restored = try Adam(copy, lr: 0.01)
    try restored.loadState(state, stepCount: adam.stepCount)
    #expect(restored.stepCount == 1)
    #expect(restored.stateDict()[0].tensor.toArray() == adam.stateDict()[0].tensor.toArray())
}

@Test(arguments: ["adam", "adamw"])
func optimizerStepMatchesPyTorch(_ name: String) throws {
    let fx = try Fixtures.load("optimizer-step.safetensors")
    var parameters: [(name: String, tensor: Tensor)] = []
    var state: [String: Tensor] = [:]
    for key in ["w", "b", "s"] {
        let p = try #require(fx["\(name).before.\(key)"]).contiguousCopy().requiringGrad()
        p.grad = try #require(fx["\(name).grad.\(key)"])
        parameters.append((key, p))
        state["\(key).exp_avg"] = fx["\(name).exp_avg.\(key)"]
        state["\(key).exp_avg_sq"] = fx["\(name).exp_avg_sq.\(key)"]
    }
    let optimizer = name == "adam"
        ? try Adam(parameters, lr: 1e-2)
        : try Adam(parameters, lr: 1e-2, weightDecay: 0.1, decoupled: true)
    try optimizer.loadState(state, stepCount: 5)
    try optimizer.step()
    for (key, p) in parameters {
        let expected = try #require(fx["\(name).after.\(key)"])
        #expect(maxAbsDiff(p, expected) < 1e-6, "\(name) \(key): \(maxAbsDiff(p, expected))")
    }
}

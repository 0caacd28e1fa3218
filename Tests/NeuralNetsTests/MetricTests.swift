import Testing
@testable import NeuralNets
@testable import Tensors

@Test func accuracyKappaAndConfusion() throws {
    let predicted = try Tensor(int64: [0, 1, 1, 2, 2, 0], shape: [6])
    let labels = try Tensor(int64: [0, 1, 2, 2, 2, 1], shape: [6])
    #expect(try Metrics.accuracy(predicted, labels) == 4.0 / 6.0)
    let matrix = try Metrics.confusionMatrix(predicted, labels, classes: 3)
    #expect(matrix == [[1, 0, 0], [1, 1, 0], [0, 1, 2]])
    // p_o = 4/6; p_e = (1·2 + 2·2 + 3·2)/36 = 1/3; kappa = (2/3 − 1/3)/(2/3) = 0.5
    #expect(abs(try Metrics.cohenKappa(predicted, labels, classes: 3) - 0.5) < 1e-12)
    let logits = try Tensor([0.1, 0.9, 0.8, 0.2], shape: [2, 2])
    #expect(try Metrics.accuracy(logits, Tensor(int64: [1, 0], shape: [2])) == 1)
}

@Test func orderParameterOfAlignedAndSpreadPhases() throws {
    let aligned = try Tensor([1, 0, 1, 0, 1, 0], shape: [1, 3, 2])
    #expect(abs(try Metrics.orderParameter(aligned)[0] - 1) < 1e-12)
    let spread = try Tensor([1, 0, -1, 0, 0, 1, 0, -1], shape: [1, 4, 2])
    #expect(abs(try Metrics.orderParameter(spread)[0]) < 1e-7)
}

import Testing
import TestSupport
@testable import Tensors

/// One differentiable op under a finite-difference check.
struct GradientCase: CustomTestStringConvertible, Sendable {
    let id: String
    let shapes: [[Int]]
    let low: Float
    let high: Float
    let f: @Sendable ([Tensor]) throws -> Tensor

    init(
        _ id: String, _ shapes: [[Int]], low: Float = -1, high: Float = 1,
        _ f: @escaping @Sendable ([Tensor]) throws -> Tensor
    ) {
        self.id = id
        self.shapes = shapes
        self.low = low
        self.high = high
        self.f = f
    }

    var testDescription: String { id }
}

let gradientCases: [GradientCase] = [
    GradientCase("add broadcast", [[2, 3, 4], [3, 1]]) { try $0[0] + $0[1] },
    GradientCase("sub broadcast", [[4], [2, 3, 4]]) { try $0[0] - $0[1] },
    GradientCase("mul broadcast", [[2, 1, 4], [3, 1]]) { try $0[0] * $0[1] },
    GradientCase("div", [[3, 4], [4]], low: 0.5, high: 2) { try $0[0] / $0[1] },
    GradientCase("pow tensor", [[3, 4], [3, 4]], low: 0.5, high: 2) { try $0[0].pow($0[1]) },
    GradientCase("pow scalar", [[5]], low: 0.5, high: 2) { try $0[0].pow(3) },
    GradientCase("neg", [[5]]) { try $0[0].negated() },
    GradientCase("sqrt", [[6]], low: 0.2, high: 2) { try $0[0].sqrt() },
    GradientCase("exp", [[6]]) { try $0[0].exp() },
    GradientCase("log", [[6]], low: 0.3, high: 2) { try $0[0].log() },
    GradientCase("sin", [[6]]) { try $0[0].sin() },
    GradientCase("cos", [[6]]) { try $0[0].cos() },
    GradientCase("tanh", [[6]]) { try $0[0].tanh() },
    GradientCase("acos", [[6]], low: -0.9, high: 0.9) { try $0[0].acos() },
    GradientCase("atan2", [[6], [6]], low: 0.2, high: 1) { try $0[0].atan2($0[1]) },
    GradientCase("erf", [[6]]) { try $0[0].erf() },
    GradientCase("gelu", [[8]], low: -3, high: 3) { try $0[0].gelu() },
    GradientCase("relu", [[8]]) { try $0[0].relu() },
    GradientCase("sigmoid", [[8]], low: -3, high: 3) { try $0[0].sigmoid() },
    GradientCase("abs", [[8]]) { try $0[0].abs() },
    GradientCase("clamp", [[8]]) { try $0[0].clamp(min: -0.5, max: 0.5) },
    GradientCase("maximum", [[6], [6]]) { try $0[0].maximum($0[1]) },
    GradientCase("minimum", [[6], [6]]) { try $0[0].minimum($0[1]) },
    GradientCase("sum axes keepdim", [[2, 3, 4]]) { try $0[0].sum(axes: [0, 2], keepDim: true) },
    GradientCase("sum all", [[2, 3]]) { try $0[0].sum() },
    GradientCase("mean axis", [[2, 3, 4]]) { try $0[0].mean(axis: 1) },
    GradientCase("max axis", [[3, 5]]) { try $0[0].max(axis: 1).values },
    GradientCase("min axis", [[3, 5]]) { try $0[0].min(axis: 0, keepDim: true).values },
    GradientCase("matmul 2d", [[3, 4], [4, 5]]) { try $0[0].matmul($0[1]) },
    GradientCase("matmul batched", [[2, 3, 4], [2, 4, 5]]) { try $0[0].matmul($0[1]) },
    GradientCase("matmul broadcast", [[2, 3, 4], [4, 5]]) { try $0[0].matmul($0[1]) },
    GradientCase("matmul batch broadcast", [[2, 1, 3, 4], [3, 4, 2]]) { try $0[0].matmul($0[1]) },
    GradientCase("matmul vector", [[4], [4, 3]]) { try $0[0].matmul($0[1]) },
    GradientCase("linear", [[2, 3, 4], [5, 4], [5]]) {
        try Tensor.linear($0[0], weight: $0[1], bias: $0[2])
    },
    GradientCase("softmax", [[3, 5]], low: -2, high: 2) { try $0[0].softmax(axis: -1) },
    GradientCase("softmax axis 0", [[3, 5]], low: -2, high: 2) { try $0[0].softmax(axis: 0) },
    GradientCase("log_softmax", [[3, 5]], low: -2, high: 2) { try $0[0].logSoftmax(axis: 1) },
    GradientCase("layer_norm", [[3, 6], [6], [6]]) {
        try $0[0].layerNorm(weight: $0[1], bias: $0[2])
    },
    GradientCase("normalize", [[4, 3]], low: 0.2, high: 1) { try $0[0].normalized(axis: -1) },
    GradientCase("normalize axis 0", [[4, 3]], low: 0.2, high: 1) { try $0[0].normalized(axis: 0) },
    GradientCase("norm", [[4, 3]], low: 0.2, high: 1) { try $0[0].norm(axis: 1) },
    GradientCase("reshape", [[2, 6]]) { try $0[0].reshaped([3, 4]) },
    GradientCase("permute", [[2, 3, 4]]) { try $0[0].permuted([2, 0, 1]) },
    GradientCase("transpose", [[2, 3, 4]]) { try $0[0].transposed(0, 2) },
    GradientCase("expand", [[3, 1]]) { try $0[0].broadcast(to: [2, 3, 4]) },
    GradientCase("cat", [[2, 3], [2, 2]]) { try Tensor.cat([$0[0], $0[1]], axis: 1) },
    GradientCase("stack", [[2, 3], [2, 3]]) { try Tensor.stack([$0[0], $0[1]], axis: 1) },
    GradientCase("chunk", [[2, 6]]) { try $0[0].chunked(3, axis: 1)[1] },
    GradientCase("split first axis", [[5, 2]]) { try $0[0].split(sizes: [2, 3])[1] },
    GradientCase("slice step", [[3, 7]]) { try $0[0].sliced(axis: 1, start: 1, end: 7, step: 2) },
    GradientCase("select", [[3, 4]]) { try $0[0].selected(axis: 1, index: -1) },
    GradientCase("index select repeated", [[4, 3]]) {
        try $0[0].indexSelect(axis: 0, Tensor(int64: [2, 0, 2], shape: [3]))
    },
    GradientCase("gather", [[3, 4]]) {
        try $0[0].gather(axis: 1, Tensor(int64: [0, 3, 1, 1, 2, 0], shape: [3, 2]))
    },
    GradientCase("index_add", [[3, 2]]) {
        try Tensor.indexAdd(rows: 4, indices: [1, 3, 1], source: $0[0])
    },
    GradientCase("topk values", [[3, 6]]) { try $0[0].topk(2, axis: -1).values },
    GradientCase("where", [[6], [6]]) {
        let mask = try Tensor([1, 0, 1, 1, 0, 0], shape: [6]).converted(to: .bool)
        return try Tensor.where(mask, $0[0], $0[1])
    },
    GradientCase("mse_loss", [[3, 4], [3, 4]]) { try Tensor.mseLoss($0[0], $0[1]) },
    GradientCase("cross_entropy", [[4, 3]], low: -2, high: 2) {
        try Tensor.crossEntropy($0[0], Tensor(int64: [0, 2, 1, 2], shape: [4]))
    },
    GradientCase("clone", [[4]]) { try $0[0].clone() },
    GradientCase("reused input", [[5]]) { try $0[0] * $0[0] + $0[0].sin() },
]

@Test(arguments: gradientCases)
func gradientMatchesFiniteDifferences(_ testCase: GradientCase) throws {
    let inputs = try testCase.shapes.enumerated().map { index, shape in
        try uniformTensor(shape, low: testCase.low, high: testCase.high, seed: UInt64(index + 1))
    }
    let mismatches = try checkGradients(inputs, testCase.f)
    #expect(mismatches.isEmpty, "\(testCase.id): \(mismatches.prefix(4))")
}

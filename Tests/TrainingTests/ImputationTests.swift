import Datasets
import NeuralNets
import Tensors
import XCTest

@testable import Training

final class ImputationTests: XCTestCase {
    private func bits(_ tensor: Tensor) throws -> [UInt32] {
        try tensor.contiguousCopy().toArray().map(\.bitPattern)
    }

    private func rows(_ tensor: Tensor, sample: Int, steps: Range<Int>) throws -> [UInt32] {
        let channels = tensor.shape[2]
        let values = try bits(tensor)
        return steps.flatMap { t in
            values[((sample * tensor.shape[1] + t) * channels)..<((sample * tensor.shape[1] + t + 1) * channels)]
        }
    }

    func testNoMissingSteps_returnsInputBitForBit() throws {
        let model = try Small.model()
        let x = try Small.data().batch(0, 3)
        let mask = try Tensor(shape: [3, 16], dtype: .bool)
        for method in ImputationMethod.allCases {
            let filled = try impute(model, x, mask: mask, method: method)
            XCTAssertEqual(filled.shape, x.shape, "\(method)")
            XCTAssertEqual(try bits(filled), try bits(x), "\(method)")
        }
    }

    func testObservedSteps_keptBitForBit() throws {
        let model = try Small.model()
        let x = try Small.data().batch(0, 2)
        for method in ImputationMethod.allCases {
            let filled = try impute(model, x, gap: 5..<9, method: method)
            XCTAssertEqual(try rows(filled, sample: 1, steps: 0..<5), try rows(x, sample: 1, steps: 0..<5), "\(method)")
            XCTAssertEqual(try rows(filled, sample: 1, steps: 9..<16), try rows(x, sample: 1, steps: 9..<16), "\(method)")
            XCTAssertNotEqual(try rows(filled, sample: 1, steps: 5..<9), try rows(x, sample: 1, steps: 5..<9), "\(method)")
            XCTAssertTrue(try filled.contiguousCopy().toArray().allSatisfy(\.isFinite), "\(method)")
        }
    }

    func testLinear_interpolatesBetweenNeighbours() throws {
        let model = try Small.model(input: 1)
        let x = try Tensor([0, 9, 9, 9, 4, 5], shape: [1, 6, 1])
        let filled = try impute(model, x, gap: 1..<4, method: .linear).toArray()
        XCTAssertEqual(filled, [0, 1, 2, 3, 4, 5])
    }

    func testLinear_oneSidedGapsHoldNearestValue() throws {
        let model = try Small.model(input: 1)
        let x = try Tensor([7, 7, 2, 3, 8, 8], shape: [1, 6, 1])
        let mask = try Tensor([1, 1, 0, 0, 1, 1], shape: [6])
        let filled = try impute(model, x, mask: mask, method: .linear).toArray()
        XCTAssertEqual(filled, [2, 2, 2, 3, 3, 3])
    }

    func testSlerp_staysOnSphereAndHitsEnds() throws {
        let a: [Float] = try Tensor.randn([8], stream: RandomStream(seed: 1)).normalized(axis: -1).toArray()
        let b: [Float] = try Tensor.randn([8], stream: RandomStream(seed: 2)).normalized(axis: -1).toArray()
        XCTAssertEqual(try greatCircleInterpolation(a, b, fraction: 0), a)
        XCTAssertEqual(try greatCircleInterpolation(a, b, fraction: 1), b)
        for step in 1..<20 {
            let point = try greatCircleInterpolation(a, b, fraction: Double(step) / 20)
            let norm = point.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
            XCTAssertEqual(norm, 1, accuracy: 1e-6, "fraction \(Double(step) / 20)")
        }
    }

    func testSlerp_parallelEndsStayPut() throws {
        let a: [Float] = [0.6, 0.8]
        let point = try greatCircleInterpolation(a, a, fraction: 0.3)
        XCTAssertEqual(point[0], 0.6, accuracy: 1e-6)
        XCTAssertEqual(point[1], 0.8, accuracy: 1e-6)
    }

    func testGapAtStartAndEnd_filled() throws {
        let model = try Small.model()
        let x = try Small.data().batch(0, 2)
        for method in ImputationMethod.allCases {
            for gap in [0..<4, 12..<16] {
                var warnings: [String] = []
                let filled = try impute(model, x, gap: gap, method: method) { warnings.append($0) }
                XCTAssertTrue(try filled.contiguousCopy().toArray().allSatisfy(\.isFinite), "\(method) \(gap)")
                let observed = gap.lowerBound == 0 ? 4..<16 : 0..<12
                XCTAssertEqual(try rows(filled, sample: 0, steps: observed), try rows(x, sample: 0, steps: observed))
                if method == .rollout, gap.lowerBound == 0 {
                    XCTAssertEqual(warnings.count, 2, "one warning per sample")
                    XCTAssertTrue(warnings.first?.contains("no context") ?? false, "\(warnings)")
                } else {
                    XCTAssertEqual(warnings, [], "\(method) \(gap)")
                }
            }
        }
    }

    func testCausalConvEncoder_rolloutAndSlerp() throws {
        var config = Small.config()
        config.encoder = .causalConv
        config.kernel = 3
        let model = try ManifoldFormer(config)
        let x = try Small.data().batch(0, 2)
        for method in [ImputationMethod.slerp, .rollout] {
            let filled = try impute(model, x, gap: 6..<9, method: method)
            XCTAssertEqual(try rows(filled, sample: 0, steps: 9..<16), try rows(x, sample: 0, steps: 9..<16))
            XCTAssertTrue(try filled.contiguousCopy().toArray().allSatisfy(\.isFinite), "\(method)")
        }
    }

    func testMaskWrongShape_rejected() throws {
        let model = try Small.model()
        let x = try Small.data().batch(0, 2)
        let mask = try Tensor(shape: [2, 15], dtype: .bool)
        XCTAssertThrowsError(try impute(model, x, mask: mask, method: .linear)) { error in
            XCTAssertTrue("\(error)".contains("mask: must be [2, 16] or [16]"), "\(error)")
        }
    }

    func testGapLongerThanSequence_rejected() throws {
        let model = try Small.model()
        let x = try Small.data().batch(0, 2)
        XCTAssertThrowsError(try impute(model, x, gap: 4..<40, method: .slerp)) { error in
            XCTAssertTrue("\(error)".contains("gap: (4, 40) must be a non-empty range inside 0..<16"), "\(error)")
        }
    }

    func testEverythingMissing_rejected() throws {
        let model = try Small.model()
        let x = try Small.data().batch(0, 1)
        XCTAssertThrowsError(try impute(model, x, gap: 0..<16, method: .linear)) { error in
            XCTAssertTrue("\(error)".contains("no observed step"), "\(error)")
        }
    }

    func testRolloutWithoutDynamics_rejected() throws {
        var config = Small.config()
        config.dynamics = .none
        let model = try ManifoldFormer(config)
        let x = try Small.data().batch(0, 2)
        XCTAssertThrowsError(try impute(model, x, gap: 4..<8, method: .rollout)) { error in
            XCTAssertTrue("\(error)".contains("dynamics: \"none\""), "\(error)")
        }
        XCTAssertNoThrow(try impute(model, x, gap: 4..<8, method: .slerp))
    }

    func testWrongInputWidth_rejected() throws {
        let model = try Small.model()
        let x = try Tensor.zeros([1, 16, 5])
        XCTAssertThrowsError(try impute(model, x, gap: 4..<8, method: .linear)) { error in
            XCTAssertTrue("\(error)".contains("x must be [B, T, 8], got [1, 16, 5]"), "\(error)")
        }
    }

    func testMetrics_onePerMethodAndGap() throws {
        let model = try Small.model()
        let x = try Small.data().batch(0, 4)
        let scores = try imputationMetrics(model, x, gapFractions: [0.1, 0.25], seed: 3)
        XCTAssertEqual(scores.count, 6)
        XCTAssertEqual(scores.map(\.gapSteps), [2, 2, 2, 4, 4, 4])
        XCTAssertEqual(scores.map(\.method), [.linear, .slerp, .rollout, .linear, .slerp, .rollout])
        XCTAssertTrue(scores.allSatisfy { $0.mse.isFinite })
        XCTAssertTrue(scores.allSatisfy { $0.mse >= 0 })
        XCTAssertTrue(scores.allSatisfy { $0.correlation.isNaN || abs($0.correlation) <= 1 + 1e-9 })
        XCTAssertEqual(try imputationMetrics(model, x, gapFractions: [0.1, 0.25], seed: 3), scores)
    }

    func testMetrics_gapTooLongRejected() throws {
        let model = try Small.model()
        let x = try Small.data().batch(0, 2)
        XCTAssertThrowsError(try imputationMetrics(model, x, gapFractions: [0.95])) { error in
            XCTAssertTrue("\(error)".contains("leaves no observed step"), "\(error)")
        }
    }

    func testFigure_drawsEveryMethod() throws {
        let model = try Small.model()
        let x = try Small.data().batch(0, 2)
        let mask = try gapMask(5..<9, steps: 16)
        let fills = try ImputationMethod.allCases.map { method in
            (name: method.rawValue, tensor: try impute(model, x, mask: mask, method: method))
        }
        let svg = try ModelFigures.imputation(original: x, fills: fills, mask: mask, sample: 1, channel: 2, image: true).svg()
        for method in ImputationMethod.allCases {
            XCTAssertTrue(svg.contains("\(method.rawValue), channel 2"), method.rawValue)
        }
        XCTAssertThrowsError(try ModelFigures.imputation(original: x, fills: fills, mask: mask, channel: 8))
    }
}

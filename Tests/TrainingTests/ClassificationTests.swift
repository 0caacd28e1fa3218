import Datasets
import NeuralNets
import Tensors
import XCTest

@testable import Training

final class ClassificationTests: XCTestCase {
    func testEvaluate_reportsClassMetrics() throws {
        let data = try LabelledSequences(count: 24, seq: 12, channels: 8, classes: 3)
        let model = try Small.model(classes: 3)
        let optimizer = try Adam(model.namedParameters(), lr: 1e-2)
        // 40 short epochs leave a margin above the thresholds that does not hang on
        // the exact rounding of the kernels in use.
        let history = try fit(model, data, optimizer: optimizer, options: Small.options(epochs: 40))
        XCTAssertEqual(history.last?.terms.last?.name, "ce")
        let result = try evaluate(model, data, batchSize: 5)
        XCTAssertEqual(result.count, 24)
        let confusion = try XCTUnwrap(result.confusion)
        XCTAssertEqual(confusion.count, 3)
        XCTAssertEqual(confusion.joined().reduce(0, +), 24)
        let accuracy = try XCTUnwrap(result.accuracy)
        XCTAssertGreaterThan(accuracy, 0.6, "confusion \(confusion)")
        let kappa = try XCTUnwrap(result.kappa)
        XCTAssertGreaterThan(kappa, 0.4)
        XCTAssertTrue(model.isTraining)
    }

    func testEvaluate_unlabelledHasNoAccuracy() throws {
        let model = try Small.model()
        let result = try evaluate(model, Small.data(samples: 10))
        XCTAssertNil(result.accuracy)
        XCTAssertNil(result.confusion)
        XCTAssertEqual(result.count, 10)
        XCTAssertTrue(result.loss.isFinite)
    }

    func testEvaluate_leavesNoiseStreamAlone() throws {
        let model = try Small.model()
        let before = model.stream.snapshot
        _ = try evaluate(model, Small.data(samples: 10))
        XCTAssertEqual(model.stream.snapshot, before)
    }
}

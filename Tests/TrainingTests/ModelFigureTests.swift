import Datasets
import NeuralNets
import Plotting
import Tensors
import XCTest

@testable import Training

final class ModelFigureTests: XCTestCase {
    func testSyncFigure_drawsCouplingAndPhases() throws {
        let model = try Small.model()
        let x = try Small.data().batch(0, 4)
        let svg = try ModelFigures.sync(model, x, sample: 1, head: 2).svg()
        XCTAssertTrue(svg.contains("Neural Phase Synchronization"))
        XCTAssertTrue(svg.contains("Latent Oscillator Phases"))
        XCTAssertTrue(model.isTraining)
    }

    func testSyncFigure_sameInputSameBytes() throws {
        let model = try Small.model()
        let x = try Small.data().batch(0, 2)
        XCTAssertEqual(try ModelFigures.sync(model, x).svg(), try ModelFigures.sync(model, x).svg())
    }

    func testSyncFigure_withoutKuramotoRejected() throws {
        var config = Small.config()
        config.dynamics = .none
        let model = try ManifoldFormer(config)
        XCTAssertThrowsError(try ModelFigures.sync(model, Small.data().batch(0, 2))) { error in
            XCTAssertTrue("\(error)".contains("dynamics: \"none\""), "\(error)")
        }
    }

    func testSyncFigure_headOutOfRange() throws {
        let model = try Small.model()
        XCTAssertThrowsError(try ModelFigures.sync(model, Small.data().batch(0, 2), head: 4)) { error in
            XCTAssertEqual("\(error)", "head: 4 is outside 0..<4")
        }
    }

    func testAttentionFigure_panelPerHead() throws {
        let model = try Small.model()
        let svg = try ModelFigures.attention(model, Small.data().batch(0, 2), sample: 1).svg()
        XCTAssertTrue(svg.contains("Head 4"))
        XCTAssertFalse(svg.contains("Head 5"))
    }

    func testHistoryFigure_trainAndValidation() throws {
        let history = TrainingHistory(epochs: [
            EpochRecord(epoch: 1, step: 4, loss: 2, terms: [], validationLoss: 2.5, learningRate: 1e-3, seconds: 1),
            EpochRecord(epoch: 2, step: 8, loss: 1, terms: [], validationLoss: 1.5, learningRate: 1e-3, seconds: 2),
        ])
        let svg = try ModelFigures.history(history).svg()
        XCTAssertTrue(svg.contains(">val<"))
        XCTAssertTrue(svg.contains(">train<"))
    }

    func testPhasePortrait_acceptsBatch() throws {
        let model = try Small.model()
        let outputs = try model(Small.data().batch(0, 2))
        XCTAssertNoThrow(try ModelFigures.phasePortrait(outputs.zDyn.detached()))
        XCTAssertThrowsError(try ModelFigures.phasePortrait(Tensor.zeros([3])))
    }
}

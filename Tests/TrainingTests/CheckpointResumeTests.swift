import Datasets
import Foundation
import NeuralNets
import Tensors
import XCTest

@testable import Training

final class CheckpointResumeTests: XCTestCase {
    private func train(epochs: Int, checkpoint: String?, resume: Bool, log: String? = nil) throws
        -> (TrainingHistory, ManifoldFormer)
    {
        let model = try Small.model()
        var options = Small.options(epochs: epochs)
        options.checkpointPath = checkpoint
        options.resume = resume
        options.logPath = log
        let optimizer = try Adam(model.namedParameters(), lr: 2e-3)
        let history = try fit(model, Small.data(), optimizer: optimizer, options: options)
        return (history, model)
    }

    func testResume_matchesUninterruptedRun() throws {
        let folder = try Small.folder("resume")
        let (full, fullModel) = try train(epochs: 3, checkpoint: folder + "/a.safetensors", resume: false)
        let path = folder + "/b.safetensors"
        let log = folder + "/b.csv"
        let (first, _) = try train(epochs: 1, checkpoint: path, resume: false, log: log)
        XCTAssertEqual(first.epochs.count, 1)
        let (resumed, resumedModel) = try train(epochs: 3, checkpoint: path, resume: true, log: log)
        XCTAssertEqual(resumed.epochs.count, 3)
        XCTAssertEqual(resumed.last?.loss, full.last?.loss)
        XCTAssertEqual(resumed.losses, full.losses)
        for ((name, a), (_, b)) in zip(fullModel.namedParameters(), resumedModel.namedParameters()) {
            XCTAssertEqual(a.toArray(), b.toArray(), name)
        }
        let rows = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(rows.filter { $0.hasPrefix("epoch,") }.map { $0.split(separator: ",")[1] }, ["1", "2", "3"])
    }

    func testCheckpoint_holdsOptimizerAndRunState() throws {
        let folder = try Small.folder("contents")
        let path = folder + "/run.safetensors"
        _ = try train(epochs: 2, checkpoint: path, resume: false)
        let file = try SafeTensors.read(path: path)
        XCTAssertEqual(file.metadata[RunCheckpoint.epochKey], "2")
        XCTAssertEqual(file.metadata[RunCheckpoint.stepKey], "8")
        XCTAssertEqual(file.metadata[RunCheckpoint.loaderKey], "2,0")
        XCTAssertNotNil(file.metadata[Checkpoint.configKey])
        XCTAssertTrue(file.tensors.contains { $0.name == "optim.vae.enc1.weight.exp_avg" })
        let (model, _) = try Checkpoint.loadModel(path: path)
        XCTAssertEqual(model.config.latentDim, 16)
    }

    func testResume_missingFileStartsFresh() throws {
        let folder = try Small.folder("fresh")
        let (history, _) = try train(epochs: 1, checkpoint: folder + "/none.safetensors", resume: true)
        XCTAssertEqual(history.epochs.count, 1)
    }

    func testResume_finishedRunTrainsNothing() throws {
        let folder = try Small.folder("finished")
        let path = folder + "/run.safetensors"
        let (done, _) = try train(epochs: 2, checkpoint: path, resume: false)
        let (again, model) = try train(epochs: 2, checkpoint: path, resume: true)
        XCTAssertEqual(again, done)
        let stored = try SafeTensors.load(path: path)
        XCTAssertEqual(model.vae.namedParameters().first?.tensor.toArray(), stored["vae.enc1.weight"]?.toArray())
    }
}

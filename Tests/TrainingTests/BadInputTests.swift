import Datasets
import Foundation
import NeuralNets
import Tensors
import XCTest

@testable import Training

final class BadInputTests: XCTestCase {
    private func message(_ body: () throws -> Void) -> String {
        do {
            try body()
        } catch {
            return "\(error)"
        }
        return "no error"
    }

    func testEpochsZero_rejectedBeforeWriting() throws {
        let folder = try Small.folder("epochs0")
        let model = try Small.model()
        var options = Small.options(epochs: 0)
        options.logPath = folder + "/metrics.csv"
        let optimizer = try Adam(model.namedParameters())
        let text = message { _ = try fit(model, Small.data(), optimizer: optimizer, options: options) }
        XCTAssertEqual(text, "epochs: must be at least 1, got 0")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/metrics.csv"))
    }

    func testFewerRecordsThanBatch_named() throws {
        let model = try Small.model()
        let optimizer = try Adam(model.namedParameters())
        let text = message {
            _ = try fit(model, Small.data(samples: 3), optimizer: optimizer, options: Small.options(epochs: 1, batch: 8))
        }
        XCTAssertTrue(text.contains("has 3 records, fewer than the batch size 8"), text)
    }

    func testChannelMismatch_named() throws {
        let model = try Small.model(input: 4)
        let optimizer = try Adam(model.namedParameters())
        let text = message { _ = try fit(model, Small.data(), optimizer: optimizer, options: Small.options(epochs: 1)) }
        XCTAssertTrue(text.contains("the model expects [T, 4]"), text)
    }

    func testCheckpointOfOtherShape_untouched() throws {
        let folder = try Small.folder("shape")
        let path = folder + "/run.safetensors"
        var options = Small.options(epochs: 1)
        options.checkpointPath = path
        let small = try Small.model(latent: 16)
        _ = try fit(small, Small.data(), optimizer: try Adam(small.namedParameters()), options: options)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let other = try Small.model(latent: 8)
        options.resume = true
        options.epochs = 2
        let text = message {
            _ = try fit(other, Small.data(), optimizer: try Adam(other.namedParameters()), options: options)
        }
        XCTAssertTrue(text.contains("another shape (latent 16 vs 8)"), text)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }

    func testResumeWithOtherBatch_rejected() throws {
        let folder = try Small.folder("batch")
        var options = Small.options(epochs: 1)
        options.checkpointPath = folder + "/run.safetensors"
        let model = try Small.model()
        _ = try fit(model, Small.data(), optimizer: try Adam(model.namedParameters()), options: options)
        options.resume = true
        options.epochs = 2
        options.batchSize = 4
        let text = message {
            _ = try fit(model, Small.data(), optimizer: try Adam(model.namedParameters()), options: options)
        }
        XCTAssertTrue(text.contains("was written with batch=8"), text)
    }

    func testLogUnderAFile_named() throws {
        let folder = try Small.folder("logfile")
        let blocker = folder + "/plain.txt"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let model = try Small.model()
        var options = Small.options(epochs: 1)
        options.logPath = blocker + "/metrics.csv"
        let text = message {
            _ = try fit(model, Small.data(), optimizer: try Adam(model.namedParameters()), options: options)
        }
        XCTAssertTrue(text.contains("cannot create the folder"), text)
        XCTAssertEqual(try String(contentsOfFile: blocker, encoding: .utf8), "x")
    }

    func testLogInReadOnlyFolder_named() throws {
        try XCTSkipIf(getuid() == 0, "root writes into read-only folders, so the check cannot fail")
        let folder = try Small.folder("readonly")
        chmod(folder, 0o555)
        defer { chmod(folder, 0o755) }
        let model = try Small.model()
        var options = Small.options(epochs: 1)
        options.logPath = folder + "/metrics.csv"
        let text = message {
            _ = try fit(model, Small.data(), optimizer: try Adam(model.namedParameters()), options: options)
        }
        XCTAssertTrue(text.contains("is not writable"), text)
    }

    func testNonFiniteLoss_namesTermKeepsCheckpoint() throws {
        let folder = try Small.folder("nan")
        let path = folder + "/run.safetensors"
        let good = try LabelledSequences(count: 16, seq: 12, channels: 8, classes: 2)
        let model = try Small.model()
        var options = Small.options(epochs: 1)
        options.checkpointPath = path
        _ = try fit(model, good, optimizer: try Adam(model.namedParameters()), options: options)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let poisoned = try LabelledSequences(count: 16, seq: 12, channels: 8, classes: 2, poison: 5)
        options.epochs = 2
        let text = message {
            _ = try fit(model, poisoned, optimizer: try Adam(model.namedParameters()), options: options)
        }
        XCTAssertTrue(text.contains("loss term 'recon' is nan"), text)
        XCTAssertTrue(text.contains("epoch 1, step"), text)
        XCTAssertTrue(text.contains("\(path) is unchanged"), text)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        let finite = model.parameters().allSatisfy { $0.toArray().allSatisfy(\.isFinite) }
        XCTAssertTrue(finite, "a parameter took a non-finite value")
    }

    func testOneLabelOnly_named() throws {
        let root = try Small.folder("onelabel")
        let wave = try Tensor((0..<4410).map { Float(sin(Double($0) * 0.05)) }, shape: [4410])
        for index in 0..<3 {
            try FileManager.default.createDirectory(atPath: root + "/rock", withIntermediateDirectories: true)
            try saveAudio(wave, root + "/rock/clip\(index).wav", rate: 22050)
        }
        let cache = try Small.folder("onelabel-cache")
        let data = try AudioFolder(root: root, seq: 8, nMels: 8, cache: cache)
        let model = try Small.model(classes: 2)
        let text = message {
            _ = try fit(model, data, optimizer: try Adam(model.namedParameters()), options: Small.options(epochs: 1, batch: 2))
        }
        XCTAssertTrue(text.contains("has only the label 'rock'"), text)
    }

    func testClipMustBePositive() throws {
        let model = try Small.model()
        var options = Small.options(epochs: 1)
        options.clipNorm = 0
        let text = message {
            _ = try fit(model, Small.data(), optimizer: try Adam(model.namedParameters()), options: options)
        }
        XCTAssertEqual(text, "clip: must be > 0, got 0.0")
    }

    func testLogAndCheckpointSamePath_rejected() throws {
        let folder = try Small.folder("samepath")
        let model = try Small.model()
        var options = Small.options(epochs: 1)
        options.logPath = folder + "/run.out"
        options.checkpointPath = folder + "/./run.out"
        let optimizer = try Adam(model.namedParameters())
        let text = message { _ = try fit(model, Small.data(), optimizer: optimizer, options: options) }
        XCTAssertTrue(text.contains("is the checkpoint path"), text)
    }

    func testOptimizerOfAnotherModel_rejected() throws {
        let model = try Small.model()
        let other = try Small.model()
        let optimizer = try Adam(other.namedParameters())
        let text = message { _ = try fit(model, Small.data(), optimizer: optimizer, options: Small.options(epochs: 1)) }
        XCTAssertTrue(text.contains("updates none of the model's parameters"), text)
    }

    func testZeroRandomState_rejected() {
        let stream = RandomStream(seed: 1)
        XCTAssertThrowsError(try stream.restore([0, 0, 0, 0, 0, 0])) { error in
            XCTAssertTrue("\(error)".contains("all zero"), "\(error)")
        }
        XCTAssertNoThrow(try stream.restore(RandomStream(seed: 2).snapshot))
    }

    func testDamagedCheckpointEpoch_rejectedOnResume() throws {
        let folder = try Small.folder("damaged-epoch")
        let model = try Small.model()
        var options = Small.options(epochs: 1)
        options.checkpointPath = folder + "/checkpoint.safetensors"
        _ = try fit(model, Small.data(), optimizer: try Adam(model.namedParameters()), options: options)
        var file = try SafeTensors.read(path: folder + "/checkpoint.safetensors")
        file.metadata["mfs.fit.epoch"] = "-5"
        try SafeTensors.write(file.tensors, metadata: file.metadata, to: folder + "/checkpoint.safetensors")
        options.epochs = 2
        options.resume = true
        let text = message {
            _ = try fit(model, Small.data(), optimizer: try Adam(model.namedParameters()), options: options)
        }
        XCTAssertTrue(text.contains("which no run writes"), text)
    }
}

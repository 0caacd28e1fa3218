import Foundation
import XCTest

/// Kills a training run with SIGKILL after its first checkpoint, resumes it,
/// and expects the final loss of an uninterrupted run of the same seed.
final class KillResumeTests: XCTestCase {
    private func binary() throws -> URL {
        let bundle = Bundle(for: KillResumeTests.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map {
            $0.appendingPathComponent("mfs")
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else {
            throw XCTSkip("mfs binary not built next to \(bundle.path)")
        }
        return found
    }

    private let script = """
        let dir = "."
        let resume = false
        let data = chords(samples: 256, seq: 32, channels: 8, seed: 1)
        let model = manifoldformer(input: 8, latent: 8, seed: 2)
        let history = fit(model, data, optimizer: adam(model, lr: 1e-3), epochs: 6, batch: 8,
                          loss: "full", seed: 3, checkpoint: "\\(dir)/checkpoint.safetensors",
                          resume: resume)
        print(history.last.loss)
        """

    private func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    private func finish(_ process: Process, _ output: Pipe) -> (Int32, String) {
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testKilledRunResumesToSameLoss() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("mfs-kill-\(UInt32.random(in: 0...UInt32.max))")
        let whole = root.appendingPathComponent("whole"), killed = root.appendingPathComponent("killed")
        for folder in [whole, killed] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let file = root.appendingPathComponent("train.mfs")
        try script.write(to: file, atomically: true, encoding: .utf8)

        let (reference, referenceOutput) = try start(["run", file.path, "--set", "dir=\(whole.path)"])
        let (referenceStatus, expected) = finish(reference, referenceOutput)
        XCTAssertEqual(referenceStatus, 0)

        // Kill as soon as the first epoch's checkpoint exists, so the run dies mid-training.
        let (victim, victimOutput) = try start(["run", file.path, "--set", "dir=\(killed.path)"])
        let checkpoint = killed.appendingPathComponent("checkpoint.safetensors").path
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: checkpoint) && victim.isRunning && Date() < deadline {
            usleep(2000)
        }
        kill(victim.processIdentifier, SIGKILL)
        let (killedStatus, _) = finish(victim, victimOutput)
        XCTAssertTrue(FileManager.default.fileExists(atPath: checkpoint))

        let (resumed, resumedOutput) = try start([
            "run", file.path, "--set", "dir=\(killed.path)", "--set", "resume=true",
        ])
        let (resumedStatus, actual) = finish(resumed, resumedOutput)
        XCTAssertEqual(resumedStatus, 0)
        XCTAssertEqual(actual, expected, "killed with status \(killedStatus), then resumed")
        XCTAssertFalse(expected.isEmpty)
        try? FileManager.default.removeItem(at: root)
    }
}

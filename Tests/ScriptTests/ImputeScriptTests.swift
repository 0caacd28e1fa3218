import Foundation
import TestSupport
import XCTest

/// Runs the EEG part of scripts/impute.mfs end to end on a small synthetic recording.
final class ImputeScriptTests: XCTestCase {
    static let repository = GoldenTests.directory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testEEGCellWritesTablesFigureAndSound() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mfs-impute-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Three channels at 128 Hz, 40 s: a 10 Hz rhythm with a phase per channel and a slow drift.
        let recording = EDFBuilder(labels: ["E1", "E2", "E3"], samplesPerRecord: 128, records: 40) { s, t in
            let time = Double(t) / 128
            let value = 400 * sin(2 * .pi * 10 * time + Double(s)) + 100 * sin(2 * .pi * 0.3 * time)
            return Int16(value.rounded())
        }
        let path = folder.appendingPathComponent("recording.edf")
        try recording.data().write(to: path)
        let script = ImputeScriptTests.repository.appendingPathComponent("scripts/impute.mfs").path
        let result = try CommandLineTests.run([
            "run", script, "--cell", "EEG", "--set", "eeg=\(path.path)", "--set", "out=\(folder.path)",
            "--set", "eeg_channels=[\"E1\", \"E2\", \"E3\"]", "--set", "eeg_epochs=1", "--set", "eeg_listen=[0, 2]",
        ])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.contains("eeg: 32 train and 4 held-out windows of 128 samples at 128 Hz"), result.output)
        let table = try String(contentsOf: folder.appendingPathComponent("eeg/metrics.md"), encoding: .utf8)
        XCTAssertEqual(table.split(separator: "\n").count, 2 + 9, table)
        for method in ["linear", "slerp", "rollout"] {
            XCTAssertTrue(table.contains("| \(method) | 0.25 | 32 |"), table)
        }
        for name in ["metrics.csv", "gap25.svg", "model.safetensors", "original.wav", "linear.wav", "slerp.wav", "rollout.wav"] {
            let file = folder.appendingPathComponent("eeg/\(name)").path
            XCTAssertTrue(FileManager.default.fileExists(atPath: file), "missing \(name)")
        }
    }
}

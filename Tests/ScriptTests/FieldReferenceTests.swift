import Foundation
import Script
import TestSupport
import XCTest

/// Every field the reference lists is read from a live value of its type.
final class FieldReferenceTests: XCTestCase {
    func testEveryListedFieldExists() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mfs-fields-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let recording = folder.appendingPathComponent("r.edf").path
        try EDFBuilder(labels: ["A"], samplesPerRecord: 8, records: 2) { _, t in Int16(t) }.data()
            .write(to: URL(fileURLWithPath: recording))
        let values = [
            "Tensor": "randn(2, 3)",
            "Module": "model",
            "Dataset": "eeg_windows(\"\(recording)\", window: 4, labels: [])",
            "Loader": "loader(data, batch: 2)",
            "History": "fit(model, data, epochs: 1, batch: 2, progress: false)",
            "Optimizer": "adam(model)",
            "Figure": "figure()",
        ]
        var script = "let model = manifoldformer(input: 2, latent: 8)\n"
        script += "let data = chords(samples: 4, seq: 4, channels: 2)\n"
        for (index, field) in FieldReference.all.enumerated() {
            let value = try XCTUnwrap(values[field.type], "no sample value for \(field.type)")
            script += "let value\(index) = \(value)\n"
            script += "print(\"\(field.type).\(field.name)\", type(value\(index).\(field.name)))\n"
        }
        let path = folder.appendingPathComponent("fields.mfs").path
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = GoldenTests.run(path, name: "fields.mfs")
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        XCTAssertEqual(outcome.output.split(separator: "\n").count, FieldReference.all.count, outcome.output)
    }
}

import Foundation
import Tensors

/// The CSV metrics file of a run: one row per epoch and, with `log_every`, one row
/// per N steps.
///
/// Columns: `kind` (`step` or `epoch`), `epoch` (from 1), `step`, `loss`, one column
/// per loss term, `val_loss`, `lr`, `grad_norm` and `seconds` since the run started.
/// Every write replaces the whole file through a temporary file and a rename, so a
/// killed run leaves the previous complete file.
final class MetricsLog {
    let path: String
    private var termNames: [String] = []
    private var rows: [[String: String]] = []

    init(path: String) {
        self.path = path
    }

    /// Keeps the rows of the first `epochs` epochs of an existing file, for a resumed run.
    func keepExisting(epochs: Int) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        let lines = text.split(separator: "\n").map(String.init)
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false)
        else { return }
        let columns = header.map(String.init)
        termNames = columns.filter { !MetricsLog.fixedColumns.contains($0) }
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == columns.count else { continue }
            let row = Dictionary(uniqueKeysWithValues: zip(columns, cells))
            if let epoch = row["epoch"].flatMap(Int.init), epoch <= epochs { rows.append(row) }
        }
    }

    static let fixedColumns = ["kind", "epoch", "step", "loss", "val_loss", "lr", "grad_norm", "seconds"]

    /// Appends a row and rewrites the file.
    func append(
        kind: String, epoch: Int, step: Int, loss: Double, terms: [EpochRecord.Term],
        validationLoss: Double?, learningRate: Double, gradientNorm: Double?, seconds: Double
    ) throws {
        var row = [
            "kind": kind, "epoch": "\(epoch)", "step": "\(step)", "loss": format(loss),
            "val_loss": validationLoss.map(format) ?? "", "lr": format(learningRate),
            "grad_norm": gradientNorm.map(format) ?? "", "seconds": String(format: "%.3f", seconds),
        ]
        for term in terms {
            if !termNames.contains(term.name) { termNames.append(term.name) }
            row[term.name] = format(term.value)
        }
        rows.append(row)
        try write()
    }

    private var columns: [String] {
        ["kind", "epoch", "step", "loss"] + termNames + ["val_loss", "lr", "grad_norm", "seconds"]
    }

    private func format(_ value: Double) -> String { "\(Float(value))" }

    private func write() throws {
        let columns = self.columns
        var text = columns.joined(separator: ",") + "\n"
        for row in rows {
            text += columns.map { row[$0] ?? "" }.joined(separator: ",") + "\n"
        }
        try OutputPath.writeAtomically(Data(text.utf8), to: path)
    }
}

/// Checks and writes of output files.
enum OutputPath {
    /// Creates the parent folder of `path` and checks that a file can be created in it
    /// by creating and removing a probe file. Throws `unwritablePath` naming the cause.
    static func checkWritable(_ path: String, option: String) throws {
        guard !path.isEmpty else {
            throw TrainingError.invalidOption(name: option, message: "the path is empty")
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw TrainingError.unwritablePath(
                path: path, message: "is a folder; give \(option) a file path")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw TrainingError.unwritablePath(
                path: path,
                message: "cannot create the folder \(folder.path) (\(reason(error))); "
                    + "choose a writable \(option) path")
        }
        let probe = folder.appendingPathComponent(".mfs-write-check-\(getpid())")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data()) else {
            throw TrainingError.unwritablePath(
                path: path,
                message: "the folder \(folder.path) is not writable; choose a writable \(option) path")
        }
        try? FileManager.default.removeItem(at: probe)
    }

    /// Writes `data` through a temporary file in the same folder and a rename.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let target = WriteTarget(path)
        let url = URL(fileURLWithPath: target.path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: target.atomic ? .atomic : [])
        } catch {
            throw TrainingError.unwritablePath(path: path, message: "write failed: \(reason(error))")
        }
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? error.localizedDescription
    }
}

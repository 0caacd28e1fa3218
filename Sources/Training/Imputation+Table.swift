import Foundation

/// The text layouts of an imputation metric table.
public enum ImputationTableFormat: Sendable {
    case markdown
    case csv
}

/// Formats `scores` as a table with one row per method and gap length.
public func imputationTable(_ scores: [ImputationScore], format: ImputationTableFormat) -> String {
    let header = ["method", "gap", "gap_steps", "mse", "correlation", "samples"]
    let rows = scores.map { score in
        [
            score.method.rawValue, String(format: "%.2f", score.gapFraction), String(score.gapSteps),
            String(format: "%.5f", score.mse), String(format: "%.4f", score.correlation), String(score.samples),
        ]
    }
    switch format {
    case .csv:
        return ([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    case .markdown:
        let lines = ["| " + header.joined(separator: " | ") + " |", "|" + String(repeating: " --- |", count: header.count)]
            + rows.map { "| " + $0.joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Writes the table of `scores` to `path`, creating missing folders.
public func writeImputationTable(_ scores: [ImputationScore], format: ImputationTableFormat, to path: String) throws {
    try OutputPath.writeAtomically(Data(imputationTable(scores, format: format).utf8), to: path)
}

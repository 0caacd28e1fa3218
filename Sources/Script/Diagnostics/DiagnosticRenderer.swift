/// Formats diagnostics as `file:line:col: error: message`, the source line and a marker.
public enum DiagnosticRenderer {
    /// The widest piece of a source line shown; longer lines are cut around the column.
    static let maxShownColumns = 120
    /// The most stack frames printed; deeper stacks show the innermost and outermost ones.
    static let maxShownFrames = 20

    public static func render(_ diagnostic: Diagnostic) -> String {
        var text = ""
        if let range = diagnostic.range {
            text += "\(range.label): error: \(diagnostic.message)\n"
            text += sourceExcerpt(range)
        } else {
            text += "error: \(diagnostic.message)\n"
        }
        for note in diagnostic.notes {
            text += "note: \(note)\n"
        }
        let frames = diagnostic.stack
        if frames.count > 1 || frames.contains(where: { $0.function != "<script>" }) {
            text += "stack (innermost first):\n" + renderStack(frames)
        }
        return text
    }

    /// One line per frame; a run of identical frames (deep recursion) prints once with a count.
    static func renderStack(_ frames: [StackFrame]) -> String {
        var lines: [String] = []
        var position = 0
        while position < frames.count {
            let frame = frames[position]
            let place = frame.range.map { " at \($0.label)" } ?? ""
            var repeats = 1
            while position + repeats < frames.count,
                frames[position + repeats].function == frame.function,
                frames[position + repeats].range?.label == frame.range?.label
            {
                repeats += 1
            }
            let suffix = repeats > 1 ? " (\(repeats) times)" : ""
            lines.append("  in \(frame.function)\(place)\(suffix)\n")
            position += repeats
        }
        if lines.count > maxShownFrames {
            let omitted = lines.count - maxShownFrames
            lines.replaceSubrange(
                (maxShownFrames - 5)..<(lines.count - 5), with: ["  ... \(omitted) more frames ...\n"])
        }
        return lines.joined()
    }

    public static func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { render($0) }.joined()
    }

    /// The numbered source line with `^` under the start and `~` under the rest of the range.
    static func sourceExcerpt(_ range: SourceRange) -> String {
        let line = range.file.lineText(range.start.line).unicodeScalars.map { scalar in
            scalar.value < 0x20 && scalar != "\t" ? " " : scalar
        }
        let startColumn = min(max(range.start.column - 1, 0), line.count)
        var width = 1
        if range.end.line == range.start.line {
            width = max(1, range.end.column - range.start.column)
        }
        var first = 0
        if line.count > maxShownColumns {
            first = max(0, min(startColumn - maxShownColumns / 2, line.count - maxShownColumns))
        }
        let last = min(line.count, first + maxShownColumns)
        var shown = String(String.UnicodeScalarView(line[first..<last]))
        if first > 0 { shown = "..." + shown }
        if last < line.count { shown += "..." }
        width = min(width, max(1, last - startColumn))
        let number = String(range.start.line)
        let gutter = String(repeating: " ", count: number.count)
        let tabsKept = line[first..<min(line.count, startColumn)].map { $0 == "\t" ? "\t" : " " }
        let padding = (first > 0 ? "   " : "") + tabsKept.joined()
        let marker = "^" + String(repeating: "~", count: width - 1)
        return "\(number) | \(shown)\n\(gutter) | \(padding)\(marker)\n"
    }
}

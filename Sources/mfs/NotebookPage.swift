import Foundation
import Script

/// What running one cell produced.
struct CellResult {
    var chunks: [(stream: OutputStream, text: String)]
    var figures: [(path: String, svg: String)]
    var seconds: Double
    /// The rendered diagnostic when the cell failed.
    var error: String?
}

/// One self-contained HTML page: each cell's highlighted source, output, figures (SVG as
/// data URIs, so their ids and styles cannot clash) and wall time.
struct NotebookPage {
    let file: SourceFile
    var results: [CellResult] = []
    /// `--set` overrides as given on the command line, shown above the cells because the
    /// source lines still show the file's values.
    var settings: [(name: String, value: String)] = []
    /// An error that stopped every cell from running: a syntax or name error, or a bad `--set`.
    var setupError: String?

    init(file: SourceFile) {
        self.file = file
    }

    var failed: Bool { setupError != nil || results.contains { $0.error != nil } }

    /// Byte ranges of the cells: cell 0 up to the first `%%` line, then one per marker line.
    func cellRanges() -> [(title: String, range: Range<Int>)] {
        let bytes = file.bytes
        var starts: [(String, Int)] = [("", 0)]
        for span in SyntaxHighlighter.spans(file) where span.kind == .cell {
            var lineStart = span.start
            while lineStart > 0 && bytes[lineStart - 1] != 10 { lineStart -= 1 }
            let marker = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
            starts.append((String(marker.dropFirst(2)).trimmingCharacters(in: .whitespaces), lineStart))
        }
        return starts.enumerated().map { position, start in
            let end = position + 1 < starts.count ? starts[position + 1].1 : bytes.count
            return (start.0, start.1..<max(start.1, end))
        }
    }

    func render() -> String {
        let spans = SyntaxHighlighter.spans(file)
        let total = results.reduce(0) { $0 + $1.seconds }
        var html = NotebookPage.header(title: file.name)
        html += "<h1>\(escape(file.name))</h1>\n<p class=\"meta\">"
        html += "run \(escape(ISO8601DateFormatter().string(from: Date()))), "
        html += "\(results.count) cell\(results.count == 1 ? "" : "s") run in "
        html += "\(escape(REPL.formatSeconds(total)))</p>\n"
        if !settings.isEmpty {
            let list = settings.map { "<code>\(escape($0.name)) = \(escape($0.value))</code>" }.joined(separator: ", ")
            html += "<p class=\"meta\">run with --set: \(list); the source below shows the file's values</p>\n"
        }
        if let setupError {
            html += "<pre class=\"error\">\(escape(setupError))</pre>\n"
        }
        for (number, cell) in cellRanges().enumerated() {
            let result = number < results.count ? results[number] : nil
            html += renderCell(number, cell.title, cell.range, spans, result)
        }
        return html + "</body>\n</html>\n"
    }

    private func renderCell(
        _ number: Int, _ title: String, _ range: Range<Int>, _ spans: [HighlightSpan],
        _ result: CellResult?
    ) -> String {
        let state = result.map { $0.error == nil ? "ok" : "failed" } ?? "not-run"
        var html = "<section class=\"cell \(state)\" id=\"cell-\(number)\">\n<header>"
        let name = number == 0 ? "setup" : title
        html += "<span class=\"number\">[\(number)]</span> <span class=\"title\">\(escape(name))</span>"
        if let result {
            html += "<span class=\"time\">\(escape(REPL.formatSeconds(result.seconds)))</span>"
        } else {
            html += "<span class=\"time\">not run</span>"
        }
        html += "</header>\n<pre class=\"source\">\(highlight(range, spans))</pre>\n"
        guard let result else { return html + "</section>\n" }
        if !result.chunks.isEmpty {
            html += "<pre class=\"output\">"
            for chunk in result.chunks {
                let text = escape(chunk.text)
                html += chunk.stream == .errors ? "<span class=\"stderr\">\(text)</span>" : text
            }
            html += "</pre>\n"
        }
        for figure in result.figures {
            let data = Data(figure.svg.utf8).base64EncodedString()
            let name = escape(URL(fileURLWithPath: figure.path).lastPathComponent)
            html += "<figure><img alt=\"\(name)\" src=\"data:image/svg+xml;base64,\(data)\">"
            html += "<figcaption>\(name)</figcaption></figure>\n"
        }
        if let error = result.error {
            html += "<pre class=\"error\">\(escape(error))</pre>\n"
        }
        return html + "</section>\n"
    }

    /// The cell's source as HTML, with a `<span class="KIND">` around each highlighted token.
    private func highlight(_ range: Range<Int>, _ spans: [HighlightSpan]) -> String {
        let bytes = file.bytes
        var html = ""
        var offset = range.lowerBound
        for span in spans where span.end > range.lowerBound && span.start < range.upperBound {
            let start = max(span.start, offset)
            let end = min(span.end, range.upperBound)
            guard start < end else { continue }
            html += escape(String(decoding: bytes[offset..<start], as: UTF8.self))
            let text = escape(String(decoding: bytes[start..<end], as: UTF8.self))
            html += span.kind == .punctuation || span.kind == .name
                ? text : "<span class=\"hl-\(span.kind.rawValue)\">\(text)</span>"
            offset = end
        }
        var tail = String(decoding: bytes[offset..<range.upperBound], as: UTF8.self)
        while tail.hasSuffix("\n") { tail.removeLast() }
        return html + escape(tail)
    }

    private func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    private static func header(title: String) -> String {
        var escaped = title
        for (raw, entity) in [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")] {
            escaped = escaped.replacingOccurrences(of: raw, with: entity)
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(escaped)</title>
            <style>
            body { font-family: "DejaVu Sans", sans-serif; max-width: 60rem; margin: 2rem auto;
                   padding: 0 1rem; color: #1d1d1f; background: #fff; }
            h1 { font-size: 1.4rem; margin-bottom: 0.2rem; }
            .meta { color: #666; font-size: 0.85rem; margin-top: 0; }
            .cell { border: 1px solid #d0d7de; border-radius: 6px; margin: 1rem 0; overflow: hidden; }
            .cell header { background: #f6f8fa; padding: 0.3rem 0.6rem; font-size: 0.9rem;
                           display: flex; gap: 0.5rem; }
            .cell header .time { margin-left: auto; color: #666; }
            .cell.failed { border-color: #cf222e; }
            .cell.not-run { opacity: 0.55; }
            .cell.not-run header .time { color: #9a6700; font-weight: bold; }
            pre { margin: 0; padding: 0.6rem; overflow-x: auto; font-size: 0.85rem;
                  font-family: "DejaVu Sans Mono", monospace; white-space: pre-wrap; }
            pre.source { background: #fbfbfb; border-bottom: 1px solid #eee; }
            pre.output { background: #fff; }
            pre.output .stderr { color: #9a6700; }
            pre.error { background: #ffebe9; color: #82071e; }
            figure { margin: 0.6rem; } figure img { max-width: 100%; height: auto; }
            figcaption { color: #666; font-size: 0.8rem; }
            .hl-keyword { color: #cf222e; font-weight: bold; } .hl-literal, .hl-number { color: #0550ae; }
            .hl-string { color: #0a3069; } .hl-comment { color: #6e7781; font-style: italic; }
            .hl-cell { color: #8250df; font-weight: bold; } .hl-call { color: #8250df; }
            </style>
            </head>
            <body>

            """
    }
}

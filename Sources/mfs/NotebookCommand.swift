import Foundation
import Script
import Tensors

/// `mfs notebook FILE -o PAGE.html [--set NAME=VALUE ...] [--timeout SECONDS]`: runs the
/// cells in order, capturing each one's output, figures and wall time, and writes one
/// self-contained HTML page. A failing cell shows its error, later cells are marked as not
/// run, the page is still written, and the exit status is 1.
struct NotebookCommand {
    var path: String?
    var outputPath: String?
    var runArguments: [String] = []

    init(_ arguments: [String]) throws {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "-o", "--output":
                guard let value = remaining.popFirst() else {
                    throw UsageError(message: "option \(argument) needs a PAGE.html path")
                }
                outputPath = value
            case "--set", "--timeout":
                guard let value = remaining.popFirst() else {
                    throw UsageError(message: "option \(argument) needs a value")
                }
                runArguments += [argument, value]
            default:
                if argument.hasPrefix("-") && argument.count > 1 {
                    throw UsageError(message: "unknown option '\(argument)'")
                }
                guard path == nil else { throw UsageError(message: "unexpected argument '\(argument)'") }
                path = argument
            }
        }
    }

    func execute() throws -> Int32 {
        guard let path else { throw UsageError(message: "notebook needs a FILE") }
        guard let outputPath else { throw UsageError(message: "notebook needs -o PAGE.html") }
        guard FileManager.default.fileExists(atPath: path) else {
            throw UsageError(message: "file not found: \(path)")
        }
        let options = try RunCommand(runArguments + [path])
        if let timeout = options.timeout { StopFlag.startTimer(seconds: timeout) }
        InterruptHandling.install()
        let file = try Interpreter.readSource(path: path)
        var page = NotebookPage(file: file)
        page.settings = options.settings
        var overrides: [String: Value] = [:]
        do {
            overrides = try options.resolveSettings(try Interpreter.parse(file))
        } catch let error as UsageError {
            throw error
        } catch {
            page.setupError = Command.describe(error)
        }
        if page.setupError == nil { run(file, overrides: overrides, into: &page) }
        try write(page.render(), to: outputPath)
        Command.writeError("wrote \(outputPath)\n")
        if InterruptHandling.isPending { return ExitStatus.interrupted }
        return page.failed ? ExitStatus.scriptError : ExitStatus.success
    }

    /// Runs every cell in one session, each with its own output capture.
    private func run(_ file: SourceFile, overrides: [String: Value], into page: inout NotebookPage) {
        let capture = CellCapture()
        let runtime = Runtime(
            output: { capture.append($0, stream: .output) },
            warning: { capture.append($0, stream: .errors) })
        let session = Session(runtime: runtime)
        let prepared: PreparedProgram
        do {
            prepared = try session.prepare(file, overrides: overrides)
        } catch {
            page.setupError = Command.describe(error)
            return
        }
        let progress = ProgressOutput(isTerminal: false) { capture.append($0, stream: .errors) }
        for number in 0..<prepared.cellCount {
            capture.reset()
            let start = Date()
            var failure: String?
            ProgressOutput.withOutput(progress) {
                FigureCapture.withSink(capture) {
                    failure = Interpreter.onLargeStack { () -> String? in
                        do {
                            try prepared.runCell(number)
                            return nil
                        } catch {
                            return Command.describe(error)
                        }
                    }
                }
            }
            let seconds = Date().timeIntervalSince(start)
            let figures = capture.figures + FigureScan.svgFiles(modifiedSince: start)
                .filter { path in !capture.figures.contains { $0.path == path.path } }
            page.results.append(
                CellResult(chunks: capture.chunks, figures: figures, seconds: seconds, error: failure))
            Command.writeError(
                "cell \(number): \(failure == nil ? "ok" : "failed") in \(REPL.formatSeconds(seconds))\n")
            if failure != nil { break }
        }
    }

    /// Writes the page through a temporary file and a rename, creating missing folders.
    private func write(_ html: String, to path: String) throws {
        let target = WriteTarget(path)
        let url = URL(fileURLWithPath: target.path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            try Data(html.utf8).write(to: url, options: target.atomic ? .atomic : [])
        } catch {
            throw UsageError(message: "cannot write \(path): \(error.localizedDescription)")
        }
    }
}

/// Which stream a piece of cell output was written to.
enum OutputStream {
    case output, errors
}

/// Collects one cell's printed text and figures; the interpreter thread writes to it while
/// the main thread waits.
final class CellCapture: FigureSink, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var chunks: [(stream: OutputStream, text: String)] = []
    private(set) var figures: [(path: String, svg: String)] = []

    func reset() {
        lock.lock()
        chunks = []
        figures = []
        lock.unlock()
    }

    func append(_ text: String, stream: OutputStream) {
        lock.lock()
        defer { lock.unlock() }
        if let last = chunks.last, last.stream == stream {
            chunks[chunks.count - 1].text += text
        } else {
            chunks.append((stream, text))
        }
    }

    func figureSaved(path: String, svg: String) {
        lock.lock()
        defer { lock.unlock() }
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        figures.removeAll { $0.path == full }
        figures.append((full, svg))
    }
}

/// Finds SVG files that a cell wrote without reporting them, by modification time, under
/// the working directory. Hidden folders and `.build` are skipped.
enum FigureScan {
    /// The most directory entries looked at, so a cell run from a large data folder stays fast.
    static let maxEntries = 20_000

    static func svgFiles(modifiedSince start: Date) -> [(path: String, svg: String)] {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.contentModificationDateKey, .isDirectoryKey],
            options: [.skipsHiddenFiles, .skipsPackageDescendants])
        else { return [] }
        var found: [(path: String, svg: String, date: Date)] = []
        var seen = 0
        for case let url as URL in walker {
            seen += 1
            if seen > maxEntries { break }
            if url.lastPathComponent == ".build" || url.lastPathComponent == "node_modules" {
                walker.skipDescendants()
                continue
            }
            guard url.pathExtension.lowercased() == "svg",
                let values = try? url.resourceValues(forKeys: [.contentModificationDateKey]),
                let date = values.contentModificationDate, date >= start.addingTimeInterval(-0.005),
                let data = FileManager.default.contents(atPath: url.path)
            else { continue }
            found.append((url.standardizedFileURL.path, String(decoding: data, as: UTF8.self), date))
        }
        return found.sorted { $0.date < $1.date }.map { ($0.path, $0.svg) }
    }
}

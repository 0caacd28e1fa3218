import Foundation
import Script

/// `mfs` and `mfs repl`: reads inputs, runs each in a persistent session and prints the
/// value of a final expression. With piped input there are no prompts, and the first
/// error ends the run with the exit status `mfs run` would give.
final class REPL {
    static let prompt = "mfs> "
    static let continuationPrompt = "...  "
    /// Inputs that run longer than this many seconds print their wall time to stderr.
    static let reportedDuration = 1.0
    /// Inputs of more lines than this are parsed only when their brackets look closed, so a
    /// long literal is not parsed again after each of its lines.
    static let parsedLineCount = 64

    var session: Session
    /// Inputs evaluated so far; input n is named `<in n>` in diagnostics, as IPython numbers cells.
    var inputCount = 0
    let input: LineSource
    /// True for a terminal: errors are reported and the session goes on.
    let interactive: Bool

    init(input: LineSource, interactive: Bool) {
        self.session = REPL.makeSession()
        self.input = input
        self.interactive = interactive
    }

    static func makeSession() -> Session {
        Session(runtime: Runtime())
    }

    /// Runs until end of input or `:quit`; returns the exit status.
    func run() -> Int32 {
        while let text = readInput() {
            let status = handle(text)
            if status == REPL.quitStatus { return ExitStatus.success }
            if !interactive && status != ExitStatus.success { return status }
        }
        return ExitStatus.success
    }

    /// A status that `:quit` returns to end the loop; never an exit status of the process.
    static let quitStatus: Int32 = -1

    /// Reads lines until they form a complete input: a command, or code whose only syntax
    /// errors are not at its end. Lines that arrive together (a paste) form one input.
    func readInput() -> String? {
        var text = ""
        var lineCount = 0
        var depth = 0
        var isBlank = true
        while true {
            input.pendingText = text
            switch input.read(prompt: lineCount == 0 ? REPL.prompt : REPL.continuationPrompt) {
            case .endOfInput:
                if lineCount == 0 || interactive { return nil }
                return text
            case .interrupted:
                (text, lineCount, depth, isBlank) = ("", 0, 0, true)
                continue
            case .line(let line):
                record(line)
                text += line + "\n"
                lineCount += 1
                depth += REPL.bracketBalance(line)
                isBlank = isBlank && line.allSatisfy(\.isWhitespace)
            }
            if input.hasPendingInput { continue }
            if isBlank {
                (text, lineCount, depth, isBlank) = ("", 0, 0, true)
                continue
            }
            if lineCount == 1 {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.hasPrefix(":") { return trimmed }
            }
            if lineCount > REPL.parsedLineCount && depth > 0 { continue }
            if !Session.isIncomplete(text) { return text }
        }
    }

    /// Opening minus closing brackets on one line, outside strings and comments. Strings
    /// and comments end at the line break, so lines can be counted one at a time.
    static func bracketBalance(_ line: String) -> Int {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in line.utf8 {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "#"): return depth
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return depth
    }

    /// Runs one input and returns its status: 0, or the exit status of its error.
    func handle(_ text: String) -> Int32 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(":") { return command(trimmed) }
        return evaluate(text, timed: false)
    }

    /// Compiles and runs `text` in the session, printing its value unless it is none.
    func evaluate(_ text: String, timed: Bool) -> Int32 {
        let cwd = FileManager.default.currentDirectoryPath
        inputCount += 1
        let name = "<in \(inputCount)>"
        // The path gives imports a folder to resolve against; no file by that name is read.
        let file = SourceFile(
            name: name, path: (cwd as NSString).appendingPathComponent(name),
            bytes: Array((text + "\n").utf8))
        let session = self.session
        return measure(always: timed) {
            let value = try session.prepare(file, echo: true).run()
            if let value, !REPL.isNone(value) {
                session.runtime.output(value.formatted(quoted: true) + "\n")
            }
        }
    }

    static func isNone(_ value: Value) -> Bool {
        if case .none = value { return true }
        return false
    }

    /// Runs `body` on a large stack with interrupts cleared, reports its errors, and prints
    /// the wall time when it took over `reportedDuration` seconds or `always` is set.
    func measure(always: Bool, _ body: @escaping () throws -> Void) -> Int32 {
        InterruptHandling.clear()
        let start = Date()
        let status = Command.report(body)
        let seconds = Date().timeIntervalSince(start)
        if always || seconds > REPL.reportedDuration {
            Command.writeError("time: \(REPL.formatSeconds(seconds))\n")
        }
        if status != ExitStatus.success && InterruptHandling.isPending
            && status != ExitStatus.interrupted
        {
            InterruptHandling.clear()
            return ExitStatus.interrupted
        }
        InterruptHandling.clear()
        return status
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.2f s", seconds)
    }

    /// Starts the REPL on standard input: libedit on a known terminal, plain reads with a
    /// prompt on a dumb or unknown one, and plain reads without prompts for piped input.
    static func main() -> Int32 {
        setvbuf(stdout, nil, _IOLBF, 0)
        InterruptHandling.install()
        let environment = ProcessInfo.processInfo.environment
        let interactive = isatty(STDIN_FILENO) == 1
        InterruptHandling.breaksLine = interactive
        var editor: EditLineSource?
        var session = makeSession()
        if interactive && isatty(STDOUT_FILENO) == 1 && terminalIsKnown(environment) {
            editor = EditLineSource { text in session.complete(text) }
        }
        let input: LineSource = editor ?? PlainLineSource(showsPrompt: interactive)
        let repl = REPL(input: input, interactive: interactive)
        repl.onReset = { session = $0 }
        session = repl.session
        if interactive {
            repl.loadHistory()
            print("mfs \(Command.version.split(separator: " ").last ?? "") REPL. "
                + ":help lists commands and builtins, Ctrl-D quits.")
        }
        return repl.run()
    }

    /// Called with the new session after `:reset`, so completion follows it.
    var onReset: ((Session) -> Void)?
    var history: HistoryFile?

    func loadHistory() {
        let file = HistoryFile(path: HistoryFile.defaultPath()) { Command.writeError($0) }
        for line in file.load() { input.addHistory(line) }
        history = file
    }

    /// Adds a non-blank line to the editor's history and to the history file.
    private func record(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        input.addHistory(line)
        history?.append(line)
    }
}

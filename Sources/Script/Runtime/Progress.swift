import Foundation

/// Where progress reports go: a text sink and whether it is a terminal that can redraw a line.
public struct ProgressOutput {
    public var write: (String) -> Void
    public var isTerminal: Bool
    /// The terminal width in columns; the bar shrinks to fit.
    public var columns: Int

    public init(isTerminal: Bool, columns: Int = 80, write: @escaping (String) -> Void) {
        self.write = write
        self.isTerminal = isTerminal
        self.columns = columns
    }

    /// Standard error, drawn as a bar when it is a terminal other than `TERM=dumb`.
    public static var standardError: ProgressOutput {
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        let terminal = isatty(STDERR_FILENO) == 1 && !term.isEmpty && term != "dumb"
        var size = winsize()
        var columns = 80
        if terminal, ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            columns = Int(size.ws_col)
        }
        return ProgressOutput(isTerminal: terminal, columns: columns) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var override: ProgressOutput?

    /// The output new reporters use: standard error unless a caller such as the notebook
    /// writer has installed another with `withOutput`.
    public static var current: ProgressOutput {
        lock.lock()
        defer { lock.unlock() }
        return override ?? standardError
    }

    /// Runs `body` with `output` as the output of reporters created meanwhile.
    public static func withOutput<T>(_ output: ProgressOutput, _ body: () throws -> T) rethrows -> T {
        lock.lock()
        let previous = override
        override = output
        lock.unlock()
        defer {
            lock.lock()
            override = previous
            lock.unlock()
        }
        return try body()
    }
}

/// Reports the progress of long work (training epochs, feature extraction): an updating bar
/// with rate, ETA and a status value such as the loss on a terminal, and a plain line at
/// most every `interval` seconds otherwise. Library targets get an `update` closure from
/// the binding, so they never write to the terminal themselves.
public final class ProgressReporter {
    public let total: Int
    public let label: String
    private let output: ProgressOutput
    private let clock: () -> Double
    private let start: Double
    /// Seconds between plain lines; a terminal bar redraws at most ten times a second.
    private let interval: Double
    private var lastDraw = -Double.infinity
    private var completed = 0
    private var status = ""
    private var finished = false

    public init(
        total: Int, label: String, output: ProgressOutput = .current, interval: Double = 5,
        clock: @escaping () -> Double = { Date().timeIntervalSinceReferenceDate }
    ) {
        self.total = max(0, total)
        self.label = label
        self.output = output
        self.clock = clock
        self.interval = interval
        self.start = clock()
    }

    /// Records that `completed` of `total` items are done; `status` is shown after the ETA,
    /// for example `loss 0.0312`.
    public func update(completed: Int, status: String = "") {
        guard !finished else { return }
        self.completed = max(0, completed)
        self.status = status
        let now = clock()
        let wait = output.isTerminal ? 0.1 : interval
        if now - lastDraw >= wait || (total > 0 && self.completed >= total && !output.isTerminal) {
            lastDraw = now
            draw(now: now, final: false)
        }
    }

    /// Draws the final state and ends the bar's line; later calls do nothing.
    public func finish() {
        guard !finished else { return }
        finished = true
        draw(now: clock(), final: true)
    }

    private func draw(now: Double, final: Bool) {
        let line = describe(elapsed: now - start, final: final)
        if output.isTerminal {
            output.write("\r" + line + "\u{1B}[K" + (final ? "\n" : ""))
        } else {
            output.write(line + "\n")
        }
    }

    /// The report text: label, bar (terminal only), count, rate, ETA or elapsed time, status.
    func describe(elapsed: Double, final: Bool) -> String {
        var parts = [label]
        let count = total > 0 ? "\(completed)/\(total)" : "\(completed)"
        let rate = elapsed > 0 ? Double(completed) / elapsed : 0
        var timing = ""
        if final || (total > 0 && completed >= total) {
            timing = "in " + ProgressReporter.formatDuration(elapsed)
        } else if total > 0 && rate > 0 {
            timing = "ETA " + ProgressReporter.formatDuration(Double(total - completed) / rate)
        }
        let tail = [count, String(format: "%.1f/s", rate), timing, status].filter { !$0.isEmpty }
        if output.isTerminal && total > 0 {
            let used = label.count + tail.joined(separator: "  ").count + 6
            let width = min(30, max(0, output.columns - used))
            if width >= 5 {
                let filled = min(width, width * completed / total)
                parts.append("[" + String(repeating: "#", count: filled)
                    + String(repeating: ".", count: width - filled) + "]")
            }
        } else if total > 0 {
            parts.append("\(min(100, 100 * completed / total))%")
        }
        return (parts + tail).joined(separator: "  ")
    }

    /// `42s`, `3:07` or `1:02:03`.
    static func formatDuration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let whole = Int(seconds.rounded())
        if seconds < 60 { return String(format: seconds < 10 ? "%.1fs" : "%.0fs", seconds) }
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        if hours > 0 { return String(format: "%d:%02d:%02d", hours, minutes, rest) }
        return String(format: "%d:%02d", minutes, rest)
    }
}

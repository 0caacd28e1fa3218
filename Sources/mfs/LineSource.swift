import Foundation

/// The result of asking for one line of input.
enum LineRead: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the half-typed input is dropped.
    case interrupted
    case endOfInput
}

/// Where the REPL reads its lines: the libedit editor on a terminal, or plain reads for
/// `TERM=dumb`, unknown terminals and piped input.
protocol LineSource: AnyObject {
    func read(prompt: String) -> LineRead
    /// True when more input is already waiting, as in the middle of a paste.
    var hasPendingInput: Bool { get }
    func addHistory(_ line: String)
    /// Text of earlier lines of the input being entered, for completion context.
    var pendingText: String { get set }
}

/// True when bytes are ready on standard input within `milliseconds`.
func inputIsWaiting(milliseconds: Int32) -> Bool {
    var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, milliseconds) > 0 && descriptor.revents & Int16(POLLIN) != 0
}

/// Reads lines with read(2) and no editing. Prompts are written only when `showsPrompt`.
/// A Ctrl-C interrupts the blocking read (the SIGINT handler has no `SA_RESTART`), which
/// drops the line being typed.
final class PlainLineSource: LineSource {
    private let showsPrompt: Bool
    private var buffer: [UInt8] = []
    /// The offset in `buffer` where the next line starts.
    private var start = 0
    private var atEnd = false
    var pendingText = ""

    init(showsPrompt: Bool) {
        self.showsPrompt = showsPrompt
    }

    var hasPendingInput: Bool { false }

    func addHistory(_ line: String) {}

    func read(prompt: String) -> LineRead {
        if showsPrompt {
            FileHandle.standardOutput.write(Data(prompt.utf8))
        }
        while true {
            if let newline = buffer[start...].firstIndex(of: 10) {
                let line = buffer[start..<newline]
                start = newline + 1
                return .line(PlainLineSource.decode(line))
            }
            if atEnd {
                guard start < buffer.count else { return .endOfInput }
                defer { (buffer, start) = ([], 0) }
                return .line(PlainLineSource.decode(buffer[start...]))
            }
            // Drop the lines already returned before reading more, so a long input is
            // not copied once per line.
            buffer.removeSubrange(..<start)
            start = 0
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = Foundation.read(STDIN_FILENO, &chunk, chunk.count)
            if count > 0 {
                buffer += chunk[..<count]
            } else if count == 0 {
                atEnd = true
            } else if errno == EINTR {
                if InterruptHandling.isPending {
                    (buffer, start) = ([], 0)
                    return .interrupted
                }
            } else {
                atEnd = true
            }
        }
    }

    /// The line as text without a trailing CR; bytes that are not UTF-8 become U+FFFD.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var line = bytes
        if line.last == 13 { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }
}

/// Whether the terminal type has a terminfo entry, so libedit can drive it. `TERM=dumb`,
/// an empty TERM and unknown types fall back to plain reads without escape codes.
func terminalIsKnown(_ environment: [String: String]) -> Bool {
    guard let term = environment["TERM"], !term.isEmpty, term != "dumb",
        !term.contains("/"), let first = term.first
    else { return false }
    var folders: [String] = []
    if let custom = environment["TERMINFO"] { folders.append(custom) }
    if let home = environment["HOME"] { folders.append(home + "/.terminfo") }
    if let list = environment["TERMINFO_DIRS"] {
        folders += list.split(separator: ":").map(String.init)
    }
    folders += ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"]
    let hex = String(first.asciiValue ?? 0, radix: 16)
    for folder in folders {
        for sub in [String(first), hex]
        where FileManager.default.fileExists(atPath: "\(folder)/\(sub)/\(term)") {
            return true
        }
    }
    return false
}

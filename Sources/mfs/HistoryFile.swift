import Foundation

/// The REPL's history file: one entered line per line of text. Lines are appended as they
/// are entered, so several sessions add to the file instead of overwriting each other.
/// When the file grows past `limit` plus a margin, it is rewritten with its last `limit`
/// lines. A file that cannot be written gives one warning and history stays in memory.
final class HistoryFile {
    static let limit = 10_000
    let path: String
    private var handle: FileHandle?
    private var warned = false
    private let warn: (String) -> Void

    init(path: String, warn: @escaping (String) -> Void) {
        self.path = path
        self.warn = warn
    }

    /// `$MFS_HISTORY`, or `.mfs_history` in the home folder.
    static func defaultPath() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["MFS_HISTORY"], !path.isEmpty { return path }
        let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return (home as NSString).appendingPathComponent(".mfs_history")
    }

    /// Reads the saved lines, oldest first, at most `limit` of them, and opens the file for
    /// appending, so a file that cannot be written is reported at startup.
    func load() -> [String] {
        openForAppending()
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        if lines.count > HistoryFile.limit + HistoryFile.limit / 10 {
            lines = Array(lines.suffix(HistoryFile.limit))
            compact(lines)
        }
        return Array(lines.suffix(HistoryFile.limit))
    }

    private func compact(_ lines: [String]) {
        let text = lines.joined(separator: "\n") + "\n"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            reportFailure(error.localizedDescription)
        }
    }

    private func openForAppending() {
        guard handle == nil && !warned else { return }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            reportFailure(String(cString: strerror(errno)))
            return
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Appends one line; after a failure, later lines are kept only in memory.
    func append(_ line: String) {
        openForAppending()
        guard !warned else { return }
        do {
            try handle?.write(contentsOf: Data((line + "\n").utf8))
        } catch {
            reportFailure(error.localizedDescription)
        }
    }

    private func reportFailure(_ reason: String) {
        guard !warned else { return }
        warned = true
        handle = nil
        warn("warning: cannot write history file \(path): \(reason); "
            + "this session keeps its history in memory only\n")
    }
}

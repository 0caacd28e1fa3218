import CEditLine
import Foundation
import Script

// libedit calls the prompt, completion and Ctrl-C functions through C function pointers,
// which cannot capture context, so the one active editor's state lives in these globals.
nonisolated(unsafe) private var promptText: UnsafeMutablePointer<CChar> = strdup("")
nonisolated(unsafe) private var activeCompleter: ((String) -> Completion)?
nonisolated(unsafe) private var activePendingText = ""
nonisolated(unsafe) private var interruptedAtPrompt = false

private let promptFunction: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = {
    _ in promptText
}

/// Ctrl-C while editing (the edit mode has `-isig`, so it arrives as a key): ends the
/// read as if at end of input and marks it as an interrupt.
private let interruptFunction: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { _, _ in
    interruptedAtPrompt = true
    return UInt8(CC_EOF)
}

/// Tab: completes the text before the cursor, or inserts spaces when the line is blank so
/// far or when more input is waiting (a pasted block with tab indentation).
private let completeFunction: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { editor, _ in
    guard let editor, let info = el_line(editor) else { return UInt8(CC_ERROR) }
    let start = UnsafeRawPointer(info.pointee.buffer!)
    let length = UnsafeRawPointer(info.pointee.cursor!) - start
    let line = String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self)
    if line.allSatisfy({ $0 == " " || $0 == "\t" }) || inputIsWaiting(milliseconds: 0) {
        el_insertstr(editor, "    ")
        return UInt8(CC_REFRESH)
    }
    guard let completer = activeCompleter else { return UInt8(CC_ERROR) }
    let completion = completer(activePendingText + line)
    guard !completion.candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
    let common = completion.commonPrefix
    if common.count > completion.prefix.count {
        el_insertstr(editor, String(common.dropFirst(completion.prefix.count)))
        return UInt8(CC_REFRESH)
    }
    if completion.candidates.count == 1 { return UInt8(CC_REFRESH) }
    let listing = CompletionListing.format(completion.candidates, columns: terminalColumns())
    FileHandle.standardOutput.write(Data(("\n" + listing).utf8))
    return UInt8(CC_REDISPLAY)
}

private func terminalColumns() -> Int {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
}

/// Candidates in columns, as shells list them after a second Tab.
enum CompletionListing {
    static func format(_ candidates: [String], columns: Int) -> String {
        let width = (candidates.map(\.count).max() ?? 0) + 2
        let perRow = max(1, columns / max(width, 1))
        var text = ""
        for (position, candidate) in candidates.enumerated() {
            let last = position % perRow == perRow - 1 || position == candidates.count - 1
            text += last ? candidate + "\n" : candidate.padding(toLength: width, withPad: " ", startingAt: 0)
        }
        return text
    }
}

/// Line editing through libedit's native API: emacs keys, history with Ctrl-R search,
/// Tab completion from the session, and Ctrl-C that clears the line being typed.
final class EditLineSource: LineSource {
    private let editor: OpaquePointer
    private let history: OpaquePointer
    private var event = HistEvent()

    init?(completer: @escaping (String) -> Completion) {
        guard let editor = el_init("mfs", cel_stdin(), cel_stdout(), cel_stderr()),
            let history = history_init()
        else { return nil }
        self.editor = editor
        self.history = history
        activeCompleter = completer
        chist_setsize(history, &event, Int32(HistoryFile.limit))
        chist_set_unique(history, &event, 1)
        cel_set_editor(editor, "emacs")
        cel_set_prompt(editor, promptFunction)
        cel_set_history(editor, history)
        cel_set_signal(editor, 1)
        cel_add_fn(editor, "mfs-complete", "complete names, fields, keys and paths", completeFunction)
        cel_bind(editor, "^I", "mfs-complete")
        cel_add_fn(editor, "mfs-interrupt", "drop the line being typed", interruptFunction)
        cel_bind(editor, "^C", "mfs-interrupt")
        cel_bind(editor, "^R", "em-inc-search-prev")
        cel_set_edit_tty(editor, "-isig")
        el_source(editor, nil)
    }

    deinit {
        el_end(editor)
        history_end(history)
    }

    var pendingText: String {
        get { activePendingText }
        set { activePendingText = newValue }
    }

    var hasPendingInput: Bool { inputIsWaiting(milliseconds: 15) }

    func addHistory(_ line: String) {
        chist_enter(history, &event, line)
    }

    func read(prompt: String) -> LineRead {
        free(promptText)
        promptText = strdup(prompt)
        interruptedAtPrompt = false
        var count: Int32 = 0
        let line = el_gets(editor, &count)
        if interruptedAtPrompt || (line == nil && InterruptHandling.isPending) {
            InterruptHandling.clear()
            FileHandle.standardOutput.write(Data("^C\n".utf8))
            return .interrupted
        }
        guard let line, count > 0 else {
            FileHandle.standardOutput.write(Data("\n".utf8))
            return .endOfInput
        }
        var text = String(cString: line)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return .line(text)
    }
}

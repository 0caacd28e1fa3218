/// One frame of a script call stack: the function and the place it was executing.
public struct StackFrame {
    public let function: String
    public let range: SourceRange?
}

final class StackTrace {
    var frames: [StackFrame] = []
}

/// How a failed run ends, which decides the process exit status.
public enum ErrorKind {
    case syntax
    case runtime
    case interrupted
    case timedOut
}

/// An error in a script, with the span it refers to and, for runtime errors, the call stack.
public struct Diagnostic: Error {
    public var message: String
    public var range: SourceRange?
    public var notes: [String]
    public var kind: ErrorKind
    /// Script frames, innermost first; empty for errors found before running.
    public var stack: [StackFrame] { trace.frames }
    /// A reference, so frames added while the error unwinds through deep recursion are not
    /// copied at every level.
    var trace = StackTrace()
    /// The innermost place not yet recorded in `stack` while the error unwinds.
    var pendingRange: SourceRange?

    public init(
        _ message: String, at range: SourceRange? = nil, notes: [String] = [],
        kind: ErrorKind = .syntax
    ) {
        self.message = message
        self.range = range
        self.notes = notes
        self.kind = kind
        self.pendingRange = range
    }

    /// A runtime error raised by a builtin or an operator; the failing node adds its range.
    public static func runtime(_ message: String) -> Diagnostic {
        Diagnostic(message, kind: .runtime)
    }

    /// Records `range` as the failing spot unless a more precise one is already set.
    mutating func locate(_ range: SourceRange) {
        if self.range == nil { self.range = range }
        if pendingRange == nil { pendingRange = range }
    }
}

/// Several diagnostics found in one pass; nothing runs when any is present.
public struct DiagnosticList: Error {
    public let diagnostics: [Diagnostic]
}

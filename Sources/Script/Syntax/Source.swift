import Foundation

/// A script file's text with its display name and a table of line starts.
public final class SourceFile {
    /// The name shown in diagnostics, such as `train.mfs` or `<in 3>` for the third REPL input.
    public let name: String
    /// The absolute path, used to resolve imports; nil for text that has no file.
    public let path: String?
    /// The UTF-8 bytes of the text.
    public let bytes: [UInt8]
    private var lineStarts: [Int]?

    public init(name: String, path: String?, bytes: [UInt8]) {
        self.name = name
        self.path = path
        self.bytes = bytes
    }

    public convenience init(name: String, text: String) {
        self.init(name: name, path: nil, bytes: Array(text.utf8))
    }

    /// The text of line `line` (counted from 1) without its line break.
    public func lineText(_ line: Int) -> String {
        if lineStarts == nil {
            var starts = [0]
            for (offset, byte) in bytes.enumerated() where byte == 10 {
                starts.append(offset + 1)
            }
            lineStarts = starts
        }
        guard let starts = lineStarts, line >= 1, line <= starts.count else { return "" }
        let start = starts[line - 1]
        var end = line < starts.count ? starts[line] - 1 : bytes.count
        if end > start && bytes[end - 1] == 13 { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}

/// A point in a source file: line and column count from 1, columns in Unicode scalars.
public struct SourcePosition: Equatable {
    public var line: Int
    public var column: Int
    /// The byte offset into the file.
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }
}

/// The span of a token or syntax node; `end` is the position just past the last character.
public struct SourceRange {
    public let file: SourceFile
    public var start: SourcePosition
    public var end: SourcePosition

    public init(file: SourceFile, start: SourcePosition, end: SourcePosition) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// The range from the start of `self` to the end of `other`.
    public func through(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: start, end: other.end)
    }

    /// `file:line:col`, as printed in diagnostics and stack traces.
    public var label: String { "\(file.name):\(start.line):\(start.column)" }
}

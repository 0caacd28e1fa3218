/// The role of a piece of source text, for syntax highlighting.
public enum HighlightKind: String {
    case keyword, literal, number, string, comment, cell, call, name, punctuation
}

/// A highlighted piece of source: a byte range of the file and its role.
public struct HighlightSpan: Equatable {
    public let kind: HighlightKind
    public let start: Int
    public let end: Int
}

/// Classifies source text with the language's own lexer, so highlighting agrees with how
/// the file is read. Comments are the gaps between tokens that start with `#`.
public enum SyntaxHighlighter {
    public static func spans(_ file: SourceFile) -> [HighlightSpan] {
        var lexer = Lexer(file: file)
        let tokens = lexer.tokenize()
        var spans: [HighlightSpan] = []
        var previousEnd = 0
        for (position, token) in tokens.enumerated() {
            let start = token.range.start.offset
            let end = token.range.end.offset
            addComments(file.bytes, from: previousEnd, to: start, into: &spans)
            previousEnd = max(previousEnd, end)
            let next = position + 1 < tokens.count ? tokens[position + 1].kind : .endOfInput
            if let kind = kind(of: token.kind, next: next), end > start {
                spans.append(HighlightSpan(kind: kind, start: start, end: end))
            }
        }
        addComments(file.bytes, from: previousEnd, to: file.bytes.count, into: &spans)
        return spans
    }

    private static func kind(of token: TokenKind, next: TokenKind) -> HighlightKind? {
        switch token {
        case .identifier: return next == .leftParen ? .call : .name
        case .number: return .number
        case .string: return .string
        case .cell: return .cell
        case .kwTrue, .kwFalse, .kwNone: return .literal
        case .newline, .endOfInput: return nil
        default:
            return TokenKind.keywords.values.contains(token) ? .keyword : .punctuation
        }
    }

    /// Marks each `#` comment in the bytes between two tokens, up to its line end.
    private static func addComments(
        _ bytes: [UInt8], from start: Int, to end: Int, into spans: inout [HighlightSpan]
    ) {
        var offset = start
        while offset < end {
            guard bytes[offset] == UInt8(ascii: "#") else {
                offset += 1
                continue
            }
            var stop = offset
            while stop < end && bytes[stop] != 10 { stop += 1 }
            spans.append(HighlightSpan(kind: .comment, start: offset, end: stop))
            offset = stop
        }
    }
}

/// A piece of a string literal: literal text or an interpolated `\(expr)`.
public enum StringPart: Equatable {
    case text(String)
    /// The code between `\(` and `)`: its byte range in the file and the start position.
    case code(start: SourcePosition, endOffset: Int)
}

public enum TokenKind: Equatable {
    case identifier(String)
    case number(Double)
    case string([StringPart])
    /// A `%% Title` line that starts a notebook cell.
    case cell(String)
    case newline, endOfInput
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, semicolon, dot, halfOpenRange, closedRange
    case plus, minus, star, slash, percent, power, at
    case assign, plusAssign, minusAssign, starAssign, slashAssign
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case kwLet, kwVar, kwFn, kwIf, kwElse, kwFor, kwIn, kwWhile, kwBreak, kwContinue
    case kwReturn, kwImport, kwAnd, kwOr, kwNot, kwTrue, kwFalse, kwNone

    static let keywords: [String: TokenKind] = [
        "let": .kwLet, "var": .kwVar, "fn": .kwFn, "if": .kwIf, "else": .kwElse,
        "for": .kwFor, "in": .kwIn, "while": .kwWhile, "break": .kwBreak,
        "continue": .kwContinue, "return": .kwReturn, "import": .kwImport,
        "and": .kwAnd, "or": .kwOr, "not": .kwNot, "true": .kwTrue, "false": .kwFalse,
        "none": .kwNone,
    ]

    /// The token as quoted in parse errors.
    var display: String {
        switch self {
        case .identifier(let name): return "'\(name)'"
        case .number: return "number"
        case .string: return "string"
        case .cell: return "cell marker"
        case .newline: return "end of line"
        case .endOfInput: return "end of input"
        default: return "'\(spelling)'"
        }
    }

    var spelling: String {
        switch self {
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .comma: return ","
        case .colon: return ":"
        case .semicolon: return ";"
        case .dot: return "."
        case .halfOpenRange: return "..<"
        case .closedRange: return "..."
        case .plus: return "+"
        case .minus: return "-"
        case .star: return "*"
        case .slash: return "/"
        case .percent: return "%"
        case .power: return "**"
        case .at: return "@"
        case .assign: return "="
        case .plusAssign: return "+="
        case .minusAssign: return "-="
        case .starAssign: return "*="
        case .slashAssign: return "/="
        case .equal: return "=="
        case .notEqual: return "!="
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        default:
            for (word, kind) in TokenKind.keywords where kind == self { return word }
            return "token"
        }
    }
}

public struct Token {
    public let kind: TokenKind
    public let range: SourceRange
}

struct ParseError: Error {
    let diagnostic: Diagnostic
}

/// A recursive-descent parser for statements with a Pratt parser for expressions.
/// After an error it skips to the next statement and goes on, so one pass reports several.
final class Parser {
    /// The deepest nesting of brackets, blocks and prefix operators accepted; deeper input is an
    /// error rather than a native stack overflow.
    static let maxNesting = 1000
    /// The longest chain of operators in one expression. A chain builds a tree as deep as it
    /// is long, and compiling, running and freeing that tree recurse once per level.
    static let maxOperators = 10_000

    let file: SourceFile
    var tokens: [Token]
    var index = 0
    var diagnostics: [Diagnostic] = []
    var nesting = 0
    private var reportedEndOfInput = false

    init(file: SourceFile) {
        self.file = file
        var lexer = Lexer(file: file)
        tokens = lexer.tokenize()
        diagnostics = lexer.diagnostics
    }

    init(file: SourceFile, tokens: [Token]) {
        self.file = file
        self.tokens = tokens
    }

    var current: Token { tokens[index] }

    func kind(ahead: Int) -> TokenKind {
        tokens[min(index + ahead, tokens.count - 1)].kind
    }

    @discardableResult
    func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }

    func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    func error(_ message: String, at range: SourceRange? = nil) -> ParseError {
        ParseError(diagnostic: Diagnostic(message, at: range ?? current.range))
    }

    func expect(_ kind: TokenKind, _ context: String) throws -> Token {
        guard check(kind) else {
            throw error("expected '\(kind.spelling)' \(context), found \(current.kind.display)")
        }
        return advance()
    }

    /// Counts one level of nesting and rejects input nested deeper than `maxNesting`.
    func enterNesting() throws {
        nesting += 1
        if nesting > Parser.maxNesting {
            throw error("input nested too deeply (limit is \(Parser.maxNesting) levels)")
        }
    }

    func identifier(_ context: String) throws -> (String, SourceRange) {
        guard case .identifier(let name) = current.kind else {
            throw error("expected a name \(context), found \(current.kind.display)")
        }
        return (name, advance().range)
    }

    func skipNewlines() {
        while check(.newline) || check(.semicolon) { advance() }
    }

    /// True when the next token after any line breaks is `kind`; skips those breaks if so.
    func continues(with kind: TokenKind) -> Bool {
        var ahead = 0
        while self.kind(ahead: ahead) == .newline { ahead += 1 }
        guard self.kind(ahead: ahead) == kind else { return false }
        index += ahead
        return true
    }

    func parseProgram() -> Program {
        var cells: [Cell] = []
        var number = 0
        var title = ""
        while true {
            let statements = parseStatements(inBlock: false)
            cells.append(Cell(number: number, title: title, statements: statements))
            guard case .cell(let nextTitle) = current.kind else { break }
            advance()
            number += 1
            title = nextTitle
        }
        return Program(file: file, cells: cells)
    }

    func record(_ failure: ParseError) {
        let atEnd = failure.diagnostic.range?.start.offset ?? 0 >= file.bytes.count
        if atEnd && reportedEndOfInput { return }
        if atEnd { reportedEndOfInput = true }
        diagnostics.append(failure.diagnostic)
    }

    /// Parses statements up to `}` (in a block), a cell marker or the end of input.
    func parseStatements(inBlock: Bool) -> [Stmt] {
        var statements: [Stmt] = []
        while true {
            skipNewlines()
            switch current.kind {
            case .endOfInput: return statements
            case .rightBrace where inBlock: return statements
            case .cell where !inBlock: return statements
            case .rightBrace, .cell:
                record(error("unexpected \(current.kind.display)"))
                advance()
                continue
            default: break
            }
            let start = index
            do {
                statements.append(try parseStatement())
                try expectStatementEnd()
            } catch let failure as ParseError {
                record(failure)
                synchronize()
                if index == start && !check(.endOfInput) && !check(.rightBrace) { advance() }
            } catch {
                // Parsing functions throw only ParseError; anything else is reported, not trapped.
                record(ParseError(diagnostic: Diagnostic.runtime("internal parser error: \(error)")))
                synchronize()
                if index == start && !check(.endOfInput) { advance() }
            }
        }
    }

    private func expectStatementEnd() throws {
        switch current.kind {
        case .newline, .semicolon, .rightBrace, .endOfInput, .cell: return
        default:
            throw error("expected end of line or ';' after statement, found \(current.kind.display)")
        }
    }

    /// Skips to the start of the next statement, stepping over nested `{ }` blocks.
    private func synchronize() {
        var depth = 0
        while true {
            switch current.kind {
            case .endOfInput, .cell: return
            case .leftBrace: depth += 1
            case .rightBrace:
                if depth == 0 { return }
                depth -= 1
            case .newline, .semicolon:
                if depth == 0 {
                    advance()
                    return
                }
            default: break
            }
            advance()
        }
    }

    /// Parses `{ statements }` and names the opener when the closing brace is missing.
    func parseBlock(_ context: String) throws -> [Stmt] {
        guard check(.leftBrace) else {
            throw error("expected '{' \(context), found \(current.kind.display)")
        }
        let opener = advance()
        try enterNesting()
        defer { nesting -= 1 }
        let statements = parseStatements(inBlock: true)
        guard check(.rightBrace) else {
            let line = opener.range.start.line
            throw error(
                "expected '}' to close the '{' opened at line \(line), found \(current.kind.display)")
        }
        advance()
        return statements
    }
}

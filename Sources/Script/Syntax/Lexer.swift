/// Splits source bytes into tokens. Line breaks inside `(` or `[` are skipped, so a call or
/// list may span lines; inside `{` or at top level a line break ends a statement.
struct Lexer {
    let file: SourceFile
    let bytes: [UInt8]
    let end: Int
    var offset: Int
    private var line: Int
    private var column: Int
    var openers: [UInt8] = []
    private(set) var tokens: [Token] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
        self.end = file.bytes.count
        self.offset = 0
        self.line = 1
        self.column = 1
    }

    /// A lexer for the code of a `\(...)` interpolation, which behaves as if inside parentheses.
    init(file: SourceFile, start: SourcePosition, endOffset: Int) {
        self.file = file
        self.bytes = file.bytes
        self.end = endOffset
        self.offset = start.offset
        self.line = start.line
        self.column = start.column
        self.openers = [UInt8(ascii: "(")]
    }

    var position: SourcePosition { SourcePosition(line: line, column: column, offset: offset) }

    func peek(_ ahead: Int = 0) -> UInt8 {
        offset + ahead < end ? bytes[offset + ahead] : 0
    }

    mutating func advance(_ count: Int) {
        for _ in 0..<count { advance() }
    }

    mutating func advance() {
        let byte = bytes[offset]
        offset += 1
        if byte == 10 {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func add(_ kind: TokenKind, from start: SourcePosition) {
        tokens.append(Token(kind: kind, range: SourceRange(file: file, start: start, end: position)))
    }

    mutating func error(_ message: String, from start: SourcePosition) {
        let range = SourceRange(file: file, start: start, end: position)
        diagnostics.append(Diagnostic(message, at: range))
    }

    mutating func tokenize() -> [Token] {
        var atLineStart = true
        while offset < end {
            let byte = peek()
            let start = position
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                advance()
                continue
            case UInt8(ascii: "\n"):
                advance()
                addNewline(from: start)
                atLineStart = true
                continue
            case UInt8(ascii: "#"):
                while offset < end && peek() != 10 { advance() }
                continue
            case UInt8(ascii: "%") where atLineStart && peek(1) == UInt8(ascii: "%"):
                lexCell(from: start)
            case UInt8(ascii: "\""):
                lexString(from: start)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                lexNumber(from: start)
            case _ where isIdentifierStart(byte):
                lexIdentifier(from: start)
            default:
                lexPunctuation(from: start)
            }
            atLineStart = false
        }
        addNewline(from: position)
        add(.endOfInput, from: position)
        return tokens
    }

    private mutating func addNewline(from start: SourcePosition) {
        if let top = openers.last, top != UInt8(ascii: "{") { return }
        guard let last = tokens.last else { return }
        if last.kind == .newline || last.kind == .semicolon || last.kind == .leftBrace { return }
        add(.newline, from: start)
    }

    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || byte == 95
    }

    private mutating func lexCell(from start: SourcePosition) {
        advance()
        advance()
        let textStart = offset
        while offset < end && peek() != 10 { advance() }
        let title = String(decoding: bytes[textStart..<offset], as: UTF8.self)
        add(.cell(title.trimmingSpaces()), from: start)
    }

    private mutating func lexIdentifier(from start: SourcePosition) {
        let first = offset
        while offset < end && (isIdentifierStart(peek()) || (peek() >= 48 && peek() <= 57)) {
            advance()
        }
        let word = String(decoding: bytes[first..<offset], as: UTF8.self)
        add(TokenKind.keywords[word] ?? .identifier(word), from: start)
    }

    private mutating func lexNumber(from start: SourcePosition) {
        var digits = ""
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        func takeDigits(_ lexer: inout Lexer) {
            while lexer.offset < lexer.end && (isDigit(lexer.peek()) || lexer.peek() == 95) {
                if lexer.peek() != 95 { digits.append(Character(UnicodeScalar(lexer.peek()))) }
                lexer.advance()
            }
        }
        takeDigits(&self)
        if peek() == UInt8(ascii: ".") && isDigit(peek(1)) {
            digits.append(".")
            advance()
            takeDigits(&self)
        }
        let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E"),
            isDigit(peek(1)) || (sign && isDigit(peek(2)))
        {
            digits.append("e")
            advance()
            if sign {
                digits.append(Character(UnicodeScalar(peek())))
                advance()
            }
            takeDigits(&self)
        }
        if isIdentifierStart(peek()) {
            while offset < end && isIdentifierStart(peek()) { advance() }
            error("invalid number literal", from: start)
            return
        }
        add(.number(Double(digits) ?? .nan), from: start)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" {
            scalars.removeLast()
        }
        return String(scalars)
    }
}

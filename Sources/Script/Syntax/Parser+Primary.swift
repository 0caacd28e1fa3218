extension Parser {
    func parsePrimary() throws -> Expr {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return Expr(kind: .number(value), range: token.range)
        case .string(let parts):
            advance()
            return try parseString(parts, range: token.range)
        case .kwTrue, .kwFalse:
            advance()
            return Expr(kind: .bool(token.kind == .kwTrue), range: token.range)
        case .kwNone:
            advance()
            return Expr(kind: .none, range: token.range)
        case .identifier(let name):
            advance()
            return Expr(kind: .name(name), range: token.range)
        case .leftParen:
            return try parseParenthesized()
        case .leftBracket:
            return try parseListOrDict()
        case .kwFn:
            let decl = try parseFunction()
            return Expr(kind: .function(decl), range: decl.range)
        case .kwIf:
            let (condition, body, otherwise) = try parseIf()
            return Expr(kind: .conditional(condition, body, otherwise), range: token.range.through(previous))
        default:
            throw error("expected an expression, found \(token.kind.display)")
        }
    }

    private func parseString(_ parts: [StringPart], range: SourceRange) throws -> Expr {
        if parts.count == 1, case .text(let text) = parts[0] {
            return Expr(kind: .string(text), range: range)
        }
        var pieces: [InterpolationPart] = []
        for part in parts {
            switch part {
            case .text(let text):
                pieces.append(.text(text))
            case .code(let start, let endOffset):
                pieces.append(.expr(try parseInterpolation(start: start, endOffset: endOffset)))
            }
        }
        return Expr(kind: .interpolation(pieces), range: range)
    }

    private func parseInterpolation(start: SourcePosition, endOffset: Int) throws -> Expr {
        var lexer = Lexer(file: file, start: start, endOffset: endOffset)
        let parser = Parser(file: file, tokens: lexer.tokenize())
        parser.nesting = nesting
        if let first = lexer.diagnostics.first { throw ParseError(diagnostic: first) }
        if parser.check(.endOfInput) {
            throw error("empty interpolation '\\()' in string", at: parser.current.range)
        }
        let expr = try parser.parseExpression()
        if !parser.check(.endOfInput) {
            throw parser.error("unexpected \(parser.current.kind.display) in interpolation")
        }
        return expr
    }

    /// Parses `()`, `(expr)`, a tuple `(a, b)` or a record `(a: 1, b: 2)`.
    private func parseParenthesized() throws -> Expr {
        let open = advance()
        try enterNesting()
        defer { nesting -= 1 }
        var fields: [RecordField] = []
        var trailingComma = false
        while !check(.rightParen) {
            var label: String?
            if case .identifier(let name) = current.kind, kind(ahead: 1) == .colon {
                label = name
                advance()
                advance()
            }
            fields.append(RecordField(label: label, value: try parseExpression()))
            trailingComma = match(.comma)
            if !trailingComma { break }
        }
        let line = open.range.start.line
        let close = try expect(.rightParen, "to close the '(' opened at line \(line)")
        let range = open.range.through(close.range)
        if fields.count == 1 && fields[0].label == nil && !trailingComma {
            return fields[0].value
        }
        let labels = fields.compactMap(\.label)
        if !labels.isEmpty && labels.count != fields.count {
            throw error("either every field of a record has a name or none has", at: range)
        }
        if let duplicate = labels.first(where: { name in labels.filter { $0 == name }.count > 1 }) {
            throw error("duplicate field '\(duplicate)' in record", at: range)
        }
        return Expr(kind: .record(fields), range: range)
    }

    /// Parses a list `[a, b]`, a dictionary `["k": v]` or the empty dictionary `[:]`.
    private func parseListOrDict() throws -> Expr {
        let open = advance()
        try enterNesting()
        defer { nesting -= 1 }
        let closing = "to close the '[' opened at line \(open.range.start.line)"
        if match(.colon) {
            let close = try expect(.rightBracket, closing)
            return Expr(kind: .dict([]), range: open.range.through(close.range))
        }
        var items: [Expr] = []
        var pairs: [(key: Expr, value: Expr)] = []
        while !check(.rightBracket) {
            let item = try parseExpression()
            if items.isEmpty && (pairs.isEmpty ? check(.colon) : true) {
                _ = try expect(.colon, "between a dictionary key and its value")
                pairs.append((item, try parseExpression()))
            } else {
                items.append(item)
            }
            if !match(.comma) { break }
        }
        let close = try expect(.rightBracket, closing)
        let range = open.range.through(close.range)
        return Expr(kind: pairs.isEmpty ? .list(items) : .dict(pairs), range: range)
    }
}

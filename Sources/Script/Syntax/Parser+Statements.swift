extension Parser {
    func parseStatement() throws -> Stmt {
        let start = current.range
        switch current.kind {
        case .kwLet, .kwVar:
            return try parseDeclaration()
        case .kwFn where { if case .identifier = kind(ahead: 1) { true } else { false } }():
            let decl = try parseFunction()
            return Stmt(kind: .function(decl), range: decl.range)
        case .kwIf:
            let (condition, body, otherwise) = try parseIf()
            return Stmt(kind: .ifElse(condition, body, otherwise), range: start.through(previous))
        case .kwFor:
            return try parseFor()
        case .kwWhile:
            advance()
            let condition = try parseExpression()
            let body = try parseBlock("after the 'while' condition")
            return Stmt(kind: .whileLoop(condition, body), range: start.through(previous))
        case .kwBreak:
            advance()
            return Stmt(kind: .breakLoop, range: start)
        case .kwContinue:
            advance()
            return Stmt(kind: .continueLoop, range: start)
        case .kwReturn:
            return try parseReturn()
        case .kwImport:
            return try parseImport()
        default:
            return try parseExpressionStatement()
        }
    }

    /// The range of the token just consumed.
    var previous: SourceRange { tokens[max(index - 1, 0)].range }

    private func parseDeclaration() throws -> Stmt {
        let keyword = advance()
        let isConstant = keyword.kind == .kwLet
        let pattern = try parsePattern()
        var value: Expr?
        if match(.assign) {
            value = try parseExpression()
        } else if isConstant {
            throw error("expected '=' and a value after 'let \(patternText(pattern))'")
        }
        let kind = StmtKind.declaration(isConstant: isConstant, pattern, value)
        return Stmt(kind: kind, range: keyword.range.through(previous))
    }

    private func patternText(_ pattern: Pattern) -> String {
        switch pattern {
        case .name(let name, _): return name
        case .tuple(let items, _): return "(" + items.map(patternText).joined(separator: ", ") + ")"
        }
    }

    func parsePattern() throws -> Pattern {
        if check(.leftParen) {
            let open = advance()
            try enterNesting()
            defer { nesting -= 1 }
            var items: [Pattern] = []
            repeat {
                if check(.rightParen) { break }
                items.append(try parsePattern())
            } while match(.comma)
            _ = try expect(.rightParen, "to close the pattern opened at line \(open.range.start.line)")
            return .tuple(items, open.range.through(previous))
        }
        let (name, range) = try identifier("in declaration")
        return .name(name, range)
    }

    func parseFunction() throws -> FunctionDecl {
        let keyword = advance()
        var name: String?
        if case .identifier = current.kind { name = try identifier("after 'fn'").0 }
        _ = try expect(.leftParen, "before the parameter list")
        var parameters: [Parameter] = []
        while !check(.rightParen) {
            let (parameterName, range) = try identifier("for a parameter")
            if parameters.contains(where: { $0.name == parameterName }) {
                throw error("duplicate parameter '\(parameterName)'", at: range)
            }
            let defaultValue = match(.colon) ? try parseExpression() : nil
            parameters.append(Parameter(name: parameterName, defaultValue: defaultValue, range: range))
            if !match(.comma) { break }
        }
        _ = try expect(.rightParen, "after the parameter list")
        let body = try parseBlock("to start the function body")
        return FunctionDecl(
            name: name, parameters: parameters, body: body, range: keyword.range.through(previous))
    }

    /// Parses `if cond { } else if ... else { }`; `else if` becomes a nested `if` statement.
    func parseIf() throws -> (Expr, [Stmt], [Stmt]?) {
        advance()
        let condition = try parseExpression()
        let body = try parseBlock("after the 'if' condition")
        guard continues(with: .kwElse) else { return (condition, body, nil) }
        advance()
        if check(.kwIf) {
            let start = current.range
            let (nestedCondition, nestedBody, nestedElse) = try parseIf()
            let nested = Stmt(
                kind: .ifElse(nestedCondition, nestedBody, nestedElse), range: start.through(previous))
            return (condition, body, [nested])
        }
        return (condition, body, try parseBlock("after 'else'"))
    }

    private func parseFor() throws -> Stmt {
        let keyword = advance()
        let pattern = try parsePattern()
        _ = try expect(.kwIn, "after the loop variable")
        let sequence = try parseExpression()
        let body = try parseBlock("after the 'for' sequence")
        return Stmt(kind: .forIn(pattern, sequence, body), range: keyword.range.through(previous))
    }

    private func parseReturn() throws -> Stmt {
        let keyword = advance()
        switch current.kind {
        case .newline, .semicolon, .rightBrace, .endOfInput:
            return Stmt(kind: .returnValue(nil), range: keyword.range)
        default:
            let value = try parseExpression()
            return Stmt(kind: .returnValue(value), range: keyword.range.through(value.range))
        }
    }

    private func parseImport() throws -> Stmt {
        let keyword = advance()
        guard case .string(let parts) = current.kind, parts.count == 1,
            case .text(let path) = parts[0]
        else {
            throw error("expected a file name in quotes after 'import'")
        }
        advance()
        return Stmt(kind: .importFile(path), range: keyword.range.through(previous))
    }

    private func parseExpressionStatement() throws -> Stmt {
        let target = try parseExpression()
        let operators: [(TokenKind, AssignOperator)] = [
            (.assign, .assign), (.plusAssign, .add), (.minusAssign, .subtract),
            (.starAssign, .multiply), (.slashAssign, .divide),
        ]
        guard let assignment = operators.first(where: { $0.0 == current.kind })?.1 else {
            return Stmt(kind: .expression(target), range: target.range)
        }
        switch target.kind {
        case .name, .field, .index: break
        default: throw error("cannot assign to this expression", at: target.range)
        }
        advance()
        let value = try parseExpression()
        return Stmt(kind: .assignment(target, assignment, value), range: target.range.through(value.range))
    }
}

/// Binding strength of operators, weakest first.
enum Precedence: Int, Comparable {
    case or = 1, and, not, comparison, range, additive, multiplicative, unary, power, postfix

    static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }

    var next: Precedence { Precedence(rawValue: rawValue + 1) ?? .postfix }
}

extension Parser {
    private static let binaryOperators: [(TokenKind, BinaryOperator, Precedence)] = [
        (.kwOr, .or, .or), (.kwAnd, .and, .and),
        (.equal, .equal, .comparison), (.notEqual, .notEqual, .comparison),
        (.less, .less, .comparison), (.lessEqual, .lessEqual, .comparison),
        (.greater, .greater, .comparison), (.greaterEqual, .greaterEqual, .comparison),
        (.kwIn, .contains, .comparison),
        (.plus, .add, .additive), (.minus, .subtract, .additive),
        (.star, .multiply, .multiplicative), (.slash, .divide, .multiplicative),
        (.percent, .remainder, .multiplicative), (.at, .matmul, .multiplicative),
        (.power, .power, .power),
    ]

    private func infixPrecedence() -> Precedence? {
        let kind = current.kind
        if kind == .newline {
            if continues(with: .dot) { return .postfix }
            return nil
        }
        switch kind {
        case .leftParen, .leftBracket, .dot: return .postfix
        case .halfOpenRange, .closedRange: return .range
        default: return Parser.binaryOperators.first(where: { $0.0 == kind })?.2
        }
    }

    func parseExpression(_ minimum: Precedence = .or) throws -> Expr {
        try enterNesting()
        defer { nesting -= 1 }
        var left = try parsePrefix()
        var operators = 0
        while let precedence = infixPrecedence(), precedence >= minimum {
            operators += 1
            if operators > Parser.maxOperators {
                throw error(
                    "expression has more than \(Parser.maxOperators) operators; split it into several statements")
            }
            left = try parseInfix(left, precedence)
        }
        return left
    }

    private func parsePrefix() throws -> Expr {
        let start = current.range
        switch current.kind {
        case .minus:
            advance()
            let operand = try parseExpression(.power)
            return Expr(kind: .unary(.negate, operand), range: start.through(operand.range))
        case .kwNot:
            advance()
            let operand = try parseExpression(.comparison)
            return Expr(kind: .unary(.not, operand), range: start.through(operand.range))
        default:
            return try parsePrimary()
        }
    }

    private func parseInfix(_ left: Expr, _ precedence: Precedence) throws -> Expr {
        let token = advance()
        switch token.kind {
        case .leftParen: return try parseCall(left)
        case .leftBracket: return try parseSubscript(left, opener: token)
        case .dot:
            let (name, range) = try identifier("after '.'")
            return Expr(kind: .field(left, name), range: left.range.through(range))
        case .halfOpenRange, .closedRange:
            skipNewlines()
            let right = try parseExpression(.additive)
            let inclusive = token.kind == .closedRange
            return Expr(kind: .range(left, right, inclusive: inclusive), range: left.range.through(right.range))
        default: break
        }
        guard let op = Parser.binaryOperators.first(where: { $0.0 == token.kind })?.1 else {
            throw error("unexpected \(token.kind.display)", at: token.range)
        }
        while check(.newline) { advance() }
        let right = try parseExpression(op == .power ? .unary : precedence.next)
        let expr = Expr(kind: .binary(op, left, right), range: left.range.through(right.range))
        if precedence == .comparison, infixPrecedence() == .comparison {
            throw error("comparisons cannot be chained; join them with 'and'")
        }
        return expr
    }

    private func parseCall(_ callee: Expr) throws -> Expr {
        var arguments: [Argument] = []
        var sawLabel = false
        while !check(.rightParen) {
            var label: String?
            var labelRange: SourceRange?
            if case .identifier(let name) = current.kind, kind(ahead: 1) == .colon {
                label = name
                labelRange = advance().range
                advance()
                sawLabel = true
            } else if sawLabel {
                throw error("positional argument after a keyword argument")
            }
            let value = try parseExpression()
            arguments.append(Argument(label: label, labelRange: labelRange, value: value))
            if !match(.comma) { break }
        }
        let close = try expect(.rightParen, "after the arguments")
        return Expr(kind: .call(callee, arguments), range: callee.range.through(close.range))
    }

    private func parseSubscript(_ base: Expr, opener: Token) throws -> Expr {
        var components: [IndexComponent<Expr>] = []
        repeat {
            if check(.rightBracket) && !components.isEmpty { break }
            components.append(try parseIndexComponent())
        } while match(.comma)
        let line = opener.range.start.line
        let close = try expect(.rightBracket, "to close the '[' opened at line \(line)")
        return Expr(kind: .index(base, components), range: base.range.through(close.range))
    }

    private func parseIndexComponent() throws -> IndexComponent<Expr> {
        func boundEnds(_ parser: Parser) -> Bool {
            [.colon, .comma, .rightBracket].contains(parser.current.kind)
        }
        let start = boundEnds(self) ? nil : try parseExpression()
        guard match(.colon) else {
            guard let start else { throw error("expected an index, found \(current.kind.display)") }
            return .single(start)
        }
        let end = boundEnds(self) ? nil : try parseExpression()
        var step: Expr?
        if match(.colon) { step = boundEnds(self) ? nil : try parseExpression() }
        return .slice(start: start, end: end, step: step)
    }
}

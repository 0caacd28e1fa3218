extension Compiler {
    func compileExpression(_ expr: Expr) -> Evaluate {
        let range = expr.range
        switch expr.kind {
        case .number(let number):
            let value = Value.number(number)
            return { _ in value }
        case .string(let text):
            let value = Value.string(text)
            return { _ in value }
        case .bool(let flag):
            let value = Value.bool(flag)
            return { _ in value }
        case .none:
            return { _ in .none }
        case .interpolation(let parts):
            return compileInterpolation(parts)
        case .name(let name):
            return compileName(name, range: range)
        case .list(let items):
            let evaluators = items.map { compileExpression($0) }
            return { frame in .list(try evaluators.map { try $0(frame) }) }
        case .dict(let pairs):
            return compileDict(pairs, range: range)
        case .record(let fields):
            let labels = fields.first?.label == nil ? nil : fields.map { $0.label ?? "" }
            let evaluators = fields.map { compileExpression($0.value) }
            return { frame in
                .record(RecordValue(labels: labels, values: try evaluators.map { try $0(frame) }))
            }
        case .unary(let op, let operand):
            return compileUnary(op, operand, range: range)
        case .binary(let op, let left, let right):
            return compileBinary(op, left, right, range: range)
        case .range(let start, let end, let inclusive):
            return compileRange(start, end, inclusive: inclusive, range: range)
        case .call(let callee, let arguments):
            return compileCall(callee, arguments, range: range)
        case .field(let base, let name):
            return compileField(base, name, range: range)
        case .index(let base, let components):
            let object = compileExpression(base)
            let index = compileComponents(components)
            return located(range) { frame in try Indexing.get(try object(frame), try index(frame)) }
        case .function(let decl):
            return compileFunction(decl)
        case .conditional(let condition, let body, let otherwise):
            return compileConditional(condition, body, otherwise)
        }
    }

    /// Wraps `evaluate` so errors it raises without a location point at `range`.
    func located(_ range: SourceRange, _ evaluate: @escaping Evaluate) -> Evaluate {
        return { frame in
            do {
                return try evaluate(frame)
            } catch var error as Diagnostic {
                error.locate(range)
                throw error
            }
        }
    }

    func compileName(_ name: String, range: SourceRange) -> Evaluate {
        if let binding = scope.lookup(name) {
            switch binding.storage {
            case .local(let slot): return { frame in frame.slots[slot].value }
            case .captured(let slot): return { frame in frame.captures[slot].value }
            case .global(let box):
                return { _ in
                    if box.isDefined { return box.value }
                    throw Diagnostic("'\(name)' is used before its definition runs", at: range, kind: .runtime)
                }
            }
        }
        if let builtin = runtime.registry.functionValue(name) {
            let value = Value.function(builtin)
            return { _ in value }
        }
        if let constant = runtime.registry.constants[name] {
            let runtime = self.runtime
            return { _ in constant.value(runtime) }
        }
        let candidates = scope.visibleNames + runtime.registry.allNames
        var message = "undefined name '\(name)'"
        if let suggestion = closestName(to: name, among: candidates) {
            message += "; did you mean '\(suggestion)'?"
        }
        report(message, at: range)
        return { _ in .none }
    }

    private func compileInterpolation(_ parts: [InterpolationPart]) -> Evaluate {
        let pieces: [(String, Evaluate?)] = parts.map { part in
            switch part {
            case .text(let text): return (text, nil)
            case .expr(let expr): return ("", compileExpression(expr))
            }
        }
        return { frame in
            var text = ""
            for (literal, evaluate) in pieces {
                if let evaluate {
                    text += try evaluate(frame).formatted()
                } else {
                    text += literal
                }
            }
            return .string(text)
        }
    }

    private func compileDict(_ pairs: [(key: Expr, value: Expr)], range: SourceRange) -> Evaluate {
        let evaluators = pairs.map { (compileExpression($0.key), compileExpression($0.value)) }
        return located(range) { frame in
            let dict = DictValue()
            for (key, value) in evaluators { try dict.set(try key(frame), try value(frame)) }
            return .dict(dict)
        }
    }

    private func compileUnary(_ op: UnaryOperator, _ operand: Expr, range: SourceRange) -> Evaluate {
        let evaluate = compileExpression(operand)
        switch op {
        case .not:
            return { frame in .bool(!(try evaluate(frame).isTruthy)) }
        case .negate:
            return located(range) { frame in
                let value = try evaluate(frame)
                if case .number(let number) = value { return .number(-number) }
                return try Operators.negate(value)
            }
        }
    }

    private func compileBinary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, range: SourceRange)
        -> Evaluate
    {
        let lhs = compileExpression(left)
        let rhs = compileExpression(right)
        switch op {
        case .and:
            return { frame in
                let value = try lhs(frame)
                return value.isTruthy ? try rhs(frame) : value
            }
        case .or:
            return { frame in
                let value = try lhs(frame)
                return value.isTruthy ? value : try rhs(frame)
            }
        default:
            return located(range) { frame in
                let a = try lhs(frame)
                let b = try rhs(frame)
                if case .number(let x) = a, case .number(let y) = b,
                    let result = Operators.arithmetic(op, x, y)
                {
                    return result
                }
                return try Operators.binary(op, a, b)
            }
        }
    }

    private func compileRange(_ start: Expr, _ end: Expr, inclusive: Bool, range: SourceRange)
        -> Evaluate
    {
        let low = compileExpression(start)
        let high = compileExpression(end)
        return located(range) { frame in
            let lower = try low(frame).requireNumber("range start")
            let upper = try high(frame).requireNumber("range end")
            return .range(RangeValue(start: lower, end: upper, inclusive: inclusive))
        }
    }

    func compileComponents(_ components: [IndexComponent<Expr>]) -> (Frame) throws -> [IndexComponent<Value>] {
        let compiled: [IndexComponent<Evaluate>] = components.map { component in
            switch component {
            case .single(let expr): return .single(compileExpression(expr))
            case .slice(let start, let end, let step):
                return .slice(
                    start: start.map { compileExpression($0) }, end: end.map { compileExpression($0) },
                    step: step.map { compileExpression($0) })
            }
        }
        return { frame in
            try compiled.map { component in
                switch component {
                case .single(let evaluate): return .single(try evaluate(frame))
                case .slice(let start, let end, let step):
                    return .slice(
                        start: try start.map { try $0(frame) }, end: try end.map { try $0(frame) },
                        step: try step.map { try $0(frame) })
                }
            }
        }
    }

    private func compileConditional(_ condition: Expr, _ body: [Stmt], _ otherwise: [Stmt]?) -> Evaluate {
        let test = compileExpression(condition)
        let then = compileValueBlock(body)
        let alternative = otherwise.map { compileValueBlock($0) } ?? { _ in .none }
        return { frame in try test(frame).isTruthy ? try then(frame) : try alternative(frame) }
    }

    /// Compiles a block whose value is that of its last statement when it is an expression
    /// (or a nested `if`); other blocks have the value none.
    private func compileValueBlock(_ statements: [Stmt]) -> Evaluate {
        guard let last = statements.last else { return { _ in .none } }
        var resultExpr: Expr?
        switch last.kind {
        case .expression(let expr): resultExpr = expr
        case .ifElse(let condition, let body, let otherwise):
            resultExpr = Expr(kind: .conditional(condition, body, otherwise), range: last.range)
        default: break
        }
        guard let resultExpr else {
            let run = compileBlock(statements)
            return { frame in
                _ = try run(frame)
                return .none
            }
        }
        scope.blocks.append([:])
        defer { scope.blocks.removeLast() }
        let prefix = Compiler.sequence(statements.dropLast().map { compileStatement($0) })
        let result = compileExpression(resultExpr)
        return { frame in
            _ = try prefix(frame)
            return try result(frame)
        }
    }
}

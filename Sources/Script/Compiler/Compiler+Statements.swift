extension Compiler {
    func compileStatement(_ statement: Stmt) -> Execute {
        let range = statement.range
        switch statement.kind {
        case .expression(let expr):
            let evaluate = compileExpression(expr)
            return { frame in
                _ = try evaluate(frame)
                return .normal
            }
        case .declaration(let isConstant, let pattern, let value):
            return compileDeclaration(isConstant: isConstant, pattern, value, range: range)
        case .assignment(let target, let op, let value):
            return compileAssignment(target, op, value)
        case .function(let decl):
            let create = compileFunction(decl)
            let store = declareName(decl.name ?? "", isConstant: true, range: decl.range, reuseSlot: true)
            return { frame in
                store(frame, try create(frame))
                return .normal
            }
        case .ifElse(let condition, let body, let otherwise):
            return compileIf(condition, body, otherwise)
        case .forIn(let pattern, let sequence, let body):
            return compileFor(pattern, sequence, body, range: range)
        case .whileLoop(let condition, let body):
            return compileWhile(condition, body)
        case .breakLoop, .continueLoop:
            let isBreak = { if case .breakLoop = statement.kind { true } else { false } }()
            if scope.loopDepth == 0 {
                report("'\(isBreak ? "break" : "continue")' outside a loop", at: range)
            }
            return { _ in isBreak ? .breakLoop : .continueLoop }
        case .returnValue(let value):
            return compileReturn(value, range: range)
        case .importFile(let path):
            return compileImport(path, range: range)
        }
    }

    /// Declares `name` in the current scope and returns the code that stores its value.
    func declareName(_ name: String, isConstant: Bool, range: SourceRange, reuseSlot: Bool = false)
        -> (Frame, Value) -> Void
    {
        if atTopLevel, let existing = scope.blocks[0][name], case .global(let box) = existing.storage {
            scope.declare(name, Binding(storage: .global(box), isConstant: isConstant, declaredAt: range))
            return { _, value in
                box.value = value
                box.isDefined = true
            }
        }
        if reuseSlot, let existing = scope.blocks.last?[name], case .local(let slot) = existing.storage {
            return { frame, value in frame.slots[slot].value = value }
        }
        let slot = scope.newSlot()
        scope.declare(name, Binding(storage: .local(slot), isConstant: isConstant, declaredAt: range))
        return { frame, value in frame.slots[slot] = Box(value) }
    }

    /// Compiles the stores for a pattern; a tuple pattern destructures by position.
    func compileBinding(_ pattern: Pattern, isConstant: Bool) -> (Frame, Value) throws -> Void {
        switch pattern {
        case .name(let name, let range):
            let store = declareName(name, isConstant: isConstant, range: range)
            return { frame, value in store(frame, value) }
        case .tuple(let items, let range):
            let stores = items.map { compileBinding($0, isConstant: isConstant) }
            return { frame, value in
                let values: [Value]
                switch value {
                case .record(let record): values = record.values
                case .list(let list): values = list.items
                default:
                    var error = Diagnostic.runtime("cannot destructure \(value.typeName) into \(items.count) names")
                    error.locate(range)
                    throw error
                }
                guard values.count == stores.count else {
                    var error = Diagnostic.runtime(
                        "cannot destructure \(values.count) values into \(stores.count) names")
                    error.locate(range)
                    throw error
                }
                for (store, item) in zip(stores, values) { try store(frame, item) }
            }
        }
    }

    private func compileDeclaration(
        isConstant: Bool, _ pattern: Pattern, _ value: Expr?, range: SourceRange
    ) -> Execute {
        var evaluate: Evaluate = { _ in .none }
        if case .name(let name, _) = pattern, isConstant, atTopLevel, let override = overrides[name] {
            evaluate = { _ in override }
        } else if let value {
            evaluate = compileExpression(value)
        }
        let store = compileBinding(pattern, isConstant: isConstant)
        return { frame in
            try store(frame, try evaluate(frame))
            return .normal
        }
    }

    private func compileIf(_ condition: Expr, _ body: [Stmt], _ otherwise: [Stmt]?) -> Execute {
        let test = compileExpression(condition)
        let then = compileBlock(body)
        guard let otherwise else {
            return { frame in try test(frame).isTruthy ? try then(frame) : .normal }
        }
        let alternative = compileBlock(otherwise)
        return { frame in try test(frame).isTruthy ? try then(frame) : try alternative(frame) }
    }

    private func compileWhile(_ condition: Expr, _ body: [Stmt]) -> Execute {
        let test = compileExpression(condition)
        scope.loopDepth += 1
        let run = compileBlock(body)
        scope.loopDepth -= 1
        let range = condition.range
        return { frame in
            while try test(frame).isTruthy {
                switch try run(frame) {
                case .breakLoop: return .normal
                case .returnValue: return .returnValue
                case .normal, .continueLoop: break
                }
                if StopFlag.isRequested { try StopFlag.raise(at: range) }
            }
            return .normal
        }
    }

    private func compileFor(_ pattern: Pattern, _ sequence: Expr, _ body: [Stmt], range: SourceRange)
        -> Execute
    {
        let items = compileExpression(sequence)
        scope.blocks.append([:])
        defer { scope.blocks.removeLast() }
        let store = compileBinding(pattern, isConstant: false)
        scope.loopDepth += 1
        let run = compileBlock(body)
        scope.loopDepth -= 1
        let sequenceRange = sequence.range
        return { frame in
            var flow = Flow.normal
            let values = try items(frame)
            do {
                try Indexing.iterate(values) { item in
                    try StopFlag.check()
                    try store(frame, item)
                    switch try run(frame) {
                    case .breakLoop: return false
                    case .returnValue:
                        flow = .returnValue
                        return false
                    case .normal, .continueLoop: return true
                    }
                }
            } catch var error as Diagnostic {
                error.locate(sequenceRange)
                throw error
            }
            return flow
        }
    }

    private func compileReturn(_ value: Expr?, range: SourceRange) -> Execute {
        if scope.isTopLevel { report("'return' outside a function", at: range) }
        guard let value else {
            return { frame in
                frame.returnValue = .none
                return .returnValue
            }
        }
        let evaluate = compileExpression(value)
        return { frame in
            frame.returnValue = try evaluate(frame)
            return .returnValue
        }
    }

    private func compileImport(_ path: String, range: SourceRange) -> Execute {
        guard atTopLevel else {
            report("'import' is only allowed at the top level of a file", at: range)
            return { _ in .normal }
        }
        let imported: Module
        do {
            imported = try importModule(path, range)
        } catch let error as Diagnostic {
            diagnostics.append(error)
            return { _ in .normal }
        } catch let error as DiagnosticList {
            diagnostics += error.diagnostics
            return { _ in .normal }
        } catch {
            report("cannot import \"\(path)\": \(error)", at: range)
            return { _ in .normal }
        }
        for (name, binding) in imported.globals { scope.declare(name, binding) }
        let runtime = self.runtime
        return { _ in
            try Interpreter.runOnce(imported, runtime: runtime)
            return .normal
        }
    }
}

extension Compiler {
    private static func combine(_ op: AssignOperator, _ old: Value, _ new: Value) throws -> Value {
        let binary: BinaryOperator
        switch op {
        case .assign: return new
        case .add: binary = .add
        case .subtract: binary = .subtract
        case .multiply: binary = .multiply
        case .divide: binary = .divide
        }
        if case .number(let x) = old, case .number(let y) = new,
            let result = Operators.arithmetic(binary, x, y)
        {
            return result
        }
        return try Operators.binary(binary, old, new)
    }

    func compileAssignment(_ target: Expr, _ op: AssignOperator, _ valueExpr: Expr) -> Execute {
        let value = compileExpression(valueExpr)
        let range = target.range.through(valueExpr.range)
        let store: (Frame, Value) throws -> Void
        switch target.kind {
        case .name(let name):
            store = compileNameStore(name, op, range: target.range)
        case .field(let base, let name):
            let object = compileExpression(base)
            let registry = runtime.registry
            store = { frame, new in
                let receiver = try object(frame)
                switch receiver {
                case .record(let record):
                    if let position = record.labels?.firstIndex(of: name) {
                        record.values[position] = try Compiler.combine(op, record.values[position], new)
                        return
                    }
                case .host(let host):
                    var combined = new
                    if case .assign = op {} else if let old = try host.field(name) {
                        combined = try Compiler.combine(op, old, new)
                    }
                    if try host.setField(name, to: combined) { return }
                default:
                    break
                }
                throw Compiler.missingMember(name, of: receiver, registry: registry, kind: "field")
            }
        case .index(let base, let components):
            let object = compileExpression(base)
            let index = compileComponents(components)
            store = { frame, new in
                let receiver = try object(frame)
                let position = try index(frame)
                var combined = new
                if case .assign = op {} else {
                    combined = try Compiler.combine(op, try Indexing.get(receiver, position), new)
                }
                try Indexing.set(receiver, position, combined)
            }
        default:
            store = { _, _ in }
        }
        return { frame in
            do {
                try store(frame, try value(frame))
            } catch var error as Diagnostic {
                error.locate(range)
                throw error
            }
            return .normal
        }
    }

    private func compileNameStore(_ name: String, _ op: AssignOperator, range: SourceRange)
        -> (Frame, Value) throws -> Void
    {
        guard let binding = scope.lookup(name) else {
            _ = compileName(name, range: range)
            return { _, _ in }
        }
        if binding.isConstant {
            // A declaration in another file or REPL input names it, so "line 1" is not ambiguous.
            let line = binding.declaredAt.map { declared in
                declared.file.name == range.file.name
                    ? " at line \(declared.start.line)" : " at \(declared.file.name):\(declared.start.line)"
            } ?? ""
            report("cannot assign to '\(name)'; it is a constant declared with 'let'\(line)", at: range)
        }
        if case .assign = op {
            switch binding.storage {
            case .local(let slot): return { frame, new in frame.slots[slot].value = new }
            case .captured(let slot): return { frame, new in frame.captures[slot].value = new }
            case .global(let box):
                return { _, new in
                    box.value = new
                    box.isDefined = true
                }
            }
        }
        let read = compileName(name, range: range)
        switch binding.storage {
        case .local(let slot):
            return { frame, new in frame.slots[slot].value = try Compiler.combine(op, try read(frame), new) }
        case .captured(let slot):
            return { frame, new in frame.captures[slot].value = try Compiler.combine(op, try read(frame), new) }
        case .global(let box):
            return { frame, new in
                box.value = try Compiler.combine(op, try read(frame), new)
                box.isDefined = true
            }
        }
    }
}

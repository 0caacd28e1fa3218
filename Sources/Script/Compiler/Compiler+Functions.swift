extension Compiler {
    /// Compiles a `fn`; the result creates the function value, evaluating parameter defaults
    /// and capturing the boxes of outer variables when the declaration runs.
    func compileFunction(_ decl: FunctionDecl) -> Evaluate {
        let name = decl.name ?? "<anonymous fn>"
        let positional = decl.parameters.filter { $0.defaultValue == nil }
        let keywords = decl.parameters.filter { $0.defaultValue != nil }
        let defaults = keywords.map { compileExpression($0.defaultValue!) }

        let outer = scope
        let inner = FunctionScope(parent: outer, name: name)
        scope = inner
        for parameter in positional + keywords {
            let binding = Binding(storage: .local(inner.newSlot()), isConstant: false, declaredAt: parameter.range)
            inner.declare(parameter.name, binding)
        }
        let body = compileBlock(decl.body)
        scope = outer

        let sources = inner.captureSources
        let runtime = self.runtime
        let slotCount = inner.slotCount
        let positionalSpecs = positional.map { ParameterSpec($0.name) }
        let keywordNames = keywords.map(\.name)
        return { frame in
            let captures = sources.map { source -> Box in
                switch source {
                case .local(let slot): return frame.slots[slot]
                case .captured(let slot): return frame.captures[slot]
                case .global(let box): return box
                }
            }
            var keywordSpecs: [ParameterSpec] = []
            for (keyword, evaluate) in zip(keywordNames, defaults) {
                keywordSpecs.append(ParameterSpec(keyword, default: try evaluate(frame)))
            }
            let signature = Signature(positionalSpecs, keywords: keywordSpecs)
            let function = Function(name: name, signature: signature) { arguments in
                try Compiler.invoke(
                    name, arguments.values, slotCount: slotCount, captures: captures, body: body,
                    runtime: runtime)
            }
            return .function(function)
        }
    }

    /// Runs a script function body in a new frame, enforcing the call depth limit and
    /// adding this call to the stack of an error that passes through.
    static func invoke(
        _ name: String, _ values: [Value], slotCount: Int, captures: [Box], body: Execute,
        runtime: Runtime
    ) throws -> Value {
        try StopFlag.check()
        runtime.callDepth += 1
        defer { runtime.callDepth -= 1 }
        if runtime.callDepth > Runtime.maxCallDepth {
            throw Diagnostic.runtime(
                "call depth limit exceeded: more than \(Runtime.maxCallDepth) nested calls "
                    + "(is the recursion missing a base case?)")
        }
        let frame = Frame(slotCount: slotCount, captures: captures)
        for (slot, value) in values.enumerated() { frame.slots[slot] = Box(value) }
        do {
            _ = try body(frame)
        } catch var error as Diagnostic {
            error.trace.frames.append(StackFrame(function: name, range: error.pendingRange))
            error.pendingRange = nil
            throw error
        }
        return frame.returnValue
    }
}

extension Compiler {
    typealias CompiledArguments = (Frame) throws -> CallArguments

    private func compileArguments(_ arguments: [Argument]) -> CompiledArguments {
        let positional = arguments.filter { $0.label == nil }.map { compileExpression($0.value) }
        let keywords = arguments.compactMap { argument in
            argument.label.map { ($0, compileExpression(argument.value)) }
        }
        let labelRanges = arguments.filter { $0.label != nil }.map(\.labelRange)
        let runtime = self.runtime
        return { frame in
            var call = CallArguments(
                positional: try positional.map { try $0(frame) },
                keywords: try keywords.map { (label: $0.0, value: try $0.1(frame)) }, runtime: runtime)
            call.labelRanges = labelRanges
            return call
        }
    }

    /// Reports keyword labels that a builtin does not accept, before the script runs.
    private func checkLabels(_ arguments: [Argument], against function: Function) {
        for argument in arguments {
            guard let label = argument.label, let range = argument.labelRange else { continue }
            if function.signature.position(of: label) == nil {
                report(function.signature.unknownKeyword(label, function.name).message, at: range)
            }
        }
    }

    func compileCall(_ callee: Expr, _ arguments: [Argument], range: SourceRange) -> Evaluate {
        if case .field(let base, let name) = callee.kind {
            return compileMethodCall(base, name, arguments, range: range)
        }
        if case .name(let name) = callee.kind, scope.lookup(name) == nil,
            let builtin = runtime.registry.functionValue(name)
        {
            checkLabels(arguments, against: builtin)
            let bind = compileArguments(arguments)
            return located(range) { frame in try builtin.call(try bind(frame)) }
        }
        let function = compileExpression(callee)
        let bind = compileArguments(arguments)
        let calleeName = { if case .name(let name) = callee.kind { "'\(name)'" } else { "value" } }()
        return located(range) { frame in
            let value = try function(frame)
            let call = try bind(frame)
            switch value {
            case .function(let function):
                return try function.call(call)
            case .host(let object):
                if let result = try object.call(call) { return result }
            default:
                break
            }
            throw Diagnostic.runtime("\(calleeName) is not callable; it is \(value.typeName)")
        }
    }

    private func compileMethodCall(_ base: Expr, _ name: String, _ arguments: [Argument], range: SourceRange)
        -> Evaluate
    {
        let object = compileExpression(base)
        let bind = compileArguments(arguments)
        let registry = runtime.registry
        return located(range) { frame in
            let receiver = try object(frame)
            let call = try bind(frame)
            if let method = registry.method(receiver.typeName, name) {
                return try method.body(try method.signature.bind(call, functionName: name, receiver: receiver))
            }
            switch receiver {
            case .record(let record):
                if let field = record.field(name) { return try call.runtime.call(field, call.positional, keywords: call.keywords) }
            case .host(let object):
                if let result = try object.callMethod(name, call) { return result }
                if let field = try object.field(name) {
                    return try call.runtime.call(field, call.positional, keywords: call.keywords)
                }
            default:
                break
            }
            throw Compiler.missingMember(name, of: receiver, registry: registry, kind: "method")
        }
    }

    static func missingMember(_ name: String, of value: Value, registry: BuiltinRegistry, kind: String)
        -> Diagnostic
    {
        var candidates = registry.methodNames(value.typeName)
        if case .record(let record) = value { candidates += record.labels ?? [] }
        var message = "\(value.typeName) has no \(kind) '\(name)'"
        if let suggestion = closestName(to: name, among: candidates) {
            message += "; did you mean '\(suggestion)'?"
        }
        return .runtime(message)
    }

    func compileField(_ base: Expr, _ name: String, range: SourceRange) -> Evaluate {
        let object = compileExpression(base)
        let registry = runtime.registry
        return located(range) { frame in
            let receiver = try object(frame)
            switch receiver {
            case .record(let record):
                if let value = record.field(name) { return value }
            case .host(let object):
                if let value = try object.field(name) { return value }
            default:
                break
            }
            if let method = registry.method(receiver.typeName, name) {
                return .function(
                    Function(name: name, signature: method.signature, receiver: receiver, body: method.body))
            }
            throw Compiler.missingMember(name, of: receiver, registry: registry, kind: "field")
        }
    }
}

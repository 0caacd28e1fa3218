import Foundation

extension BuiltinRegistry {
    /// Registers the builtins that do not depend on other targets.
    func registerCoreBuiltins() {
        registerBasics()
        registerConversions()
        registerMath()
        registerSequences()
        registerListMethods()
        registerDictMethods()
        registerStringMethods()
        registerFileBuiltins()
    }

    func add(
        _ name: String, _ group: String, _ signature: Signature = Signature(), receiver: String? = nil,
        _ summary: String, body: @escaping (Arguments) throws -> Value
    ) {
        register(Builtin(name, group: group, receiver: receiver, signature, summary: summary, body: body))
    }

    private func registerBasics() {
        let values = ParameterSpec("values")
        add(
            "print", "core", Signature(variadic: values, keywords: [
                ParameterSpec("sep", .string, default: .string(" ")),
                ParameterSpec("end", .string, default: .string("\n")),
            ]), "Write the values to standard output, separated by `sep` and followed by `end`"
        ) { args in
            let text = args.rest.map { $0.formatted() }.joined(separator: try args.string(0))
            args.runtime.output(text + (try args.string(1)))
            return .none
        }
        add("len", "core", Signature([ParameterSpec("value")]), "Number of items in a list, dict, string, range or object") { args in
            .number(Double(try BuiltinRegistry.length(of: args[0])))
        }
        add("type", "core", Signature([ParameterSpec("value")]), "Name of the value's type, such as \"number\" or \"list\"") { args in
            .string(args[0].typeName)
        }
        add(
            "assert", "core",
            Signature([ParameterSpec("condition"), ParameterSpec("message", .string, default: .string("assertion failed"))]),
            "Stop with an error showing `message` unless the condition is true"
        ) { args in
            if !args[0].isTruthy { throw Diagnostic.runtime(try args.string(1)) }
            return .none
        }
        add("now", "core", Signature(), "Seconds since 1970 as a number, for timing") { _ in
            .number(Date().timeIntervalSince1970)
        }
        add("warn", "core", Signature([ParameterSpec("message", .string)]), "Write a warning line to standard error") { args in
            args.runtime.warning("warning: \(try args.string(0))\n")
            return .none
        }
        register(constant: BuiltinConstant(
            name: "args", group: "core", summary: "The command-line arguments after `--`, as a list of strings"
        ) { runtime in .list(runtime.arguments.map { .string($0) }) })
        register(constant: BuiltinConstant(name: "pi", group: "math", summary: "The ratio of a circle's circumference to its diameter") { _ in .number(Double.pi) })
        register(constant: BuiltinConstant(name: "inf", group: "math", summary: "Positive infinity") { _ in .number(Double.infinity) })
        register(constant: BuiltinConstant(name: "nan", group: "math", summary: "Not a number") { _ in .number(Double.nan) })
    }

    static func length(of value: Value) throws -> Int {
        switch value {
        case .list(let list): return list.items.count
        case .dict(let dict): return dict.count
        case .string(let text): return text.count
        case .range(let range): return range.count
        case .record(let record): return record.values.count
        case .host(let object):
            if let length = object.length { return length }
        default: break
        }
        throw Diagnostic.runtime("len() needs a list, dict, string, range or tuple, got \(value.typeName)")
    }

    private func registerConversions() {
        let value = Signature([ParameterSpec("value")])
        add("str", "core", value, "The value as text, as `print` shows it") { args in
            .string(args[0].formatted())
        }
        add("num", "core", value, "Convert a string, bool or number to a number") { args in
            .number(try BuiltinRegistry.toNumber(args[0]))
        }
        add("int", "core", value, "Convert to a number and drop the fraction (toward zero)") { args in
            .number(try BuiltinRegistry.toNumber(args[0]).rounded(.towardZero))
        }
        add("bool", "core", value, "The truth value: false for false, none, 0, \"\", [] and [:]") { args in
            .bool(args[0].isTruthy)
        }
        add("repr", "core", value, "The value as text with strings quoted") { args in
            .string(args[0].formatted(quoted: true))
        }
    }

    static func toNumber(_ value: Value) throws -> Double {
        switch value {
        case .number(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        case .string(let text):
            let trimmed = text.trimmingSpaces()
            if let number = Double(trimmed) { return number }
            if ["inf", "+inf"].contains(trimmed) { return .infinity }
            if trimmed == "-inf" { return -.infinity }
            throw Diagnostic.runtime("cannot convert \(Value.quote(text)) to a number")
        default:
            throw Diagnostic.runtime("cannot convert \(value.typeName) to a number")
        }
    }
}

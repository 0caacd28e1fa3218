import Foundation

extension BuiltinRegistry {
    /// Registers a one-argument math function. A host object argument (a tensor, later) is
    /// passed to its method of the same name, so bindings need not replace these builtins.
    private func addUnary(_ name: String, _ summary: String, _ function: @escaping (Double) -> Double) {
        add(name, "math", Signature([ParameterSpec("x")]), summary) { [unowned self] args in
            switch args[0] {
            case .number(let x): return .number(function(x))
            case .host(let object):
                let call = CallArguments(positional: [], runtime: args.runtime)
                if let method = self.method(object.typeName, name) {
                    return try method.body(try method.signature.bind(call, functionName: name, receiver: args[0]))
                }
                if let result = try object.callMethod(name, call) { return result }
            default: break
            }
            throw args.typeError(0, expected: "a number")
        }
    }

    func registerMath() {
        addUnary("abs", "Absolute value", { abs($0) })
        addUnary("floor", "Largest integer not above x", { $0.rounded(.down) })
        addUnary("ceil", "Smallest integer not below x", { $0.rounded(.up) })
        addUnary("sqrt", "Square root", { $0.squareRoot() })
        addUnary("exp", "e raised to x", { Foundation.exp($0) })
        addUnary("log", "Natural logarithm", { Foundation.log($0) })
        addUnary("log2", "Base-2 logarithm", { Foundation.log2($0) })
        addUnary("log10", "Base-10 logarithm", { Foundation.log10($0) })
        addUnary("sin", "Sine of x in radians", { Foundation.sin($0) })
        addUnary("cos", "Cosine of x in radians", { Foundation.cos($0) })
        addUnary("tan", "Tangent of x in radians", { Foundation.tan($0) })
        addUnary("asin", "Arc sine in radians", { Foundation.asin($0) })
        addUnary("acos", "Arc cosine in radians", { Foundation.acos($0) })
        addUnary("atan", "Arc tangent in radians", { Foundation.atan($0) })
        addUnary("tanh", "Hyperbolic tangent", { Foundation.tanh($0) })
        addUnary("isnan", "1 when x is not a number, else 0", { $0.isNaN ? 1 : 0 })
        add("atan2", "math", Signature([ParameterSpec("y", .number), ParameterSpec("x", .number)]),
            "Angle of the point (x, y) in radians") { args in
            .number(Foundation.atan2(try args.number(0), try args.number(1)))
        }
        add("round", "math", Signature([ParameterSpec("x", .number)], keywords: [ParameterSpec("digits", .integer, default: .number(0))]),
            "Round to `digits` decimal places, halves away from zero") { args in
            // Beyond ±300 digits the scale overflows; a double has no digits there to round.
            let digits = try args.integer(1), x = try args.number(0)
            if digits > 300 { return .number(x) }
            if digits < -300 { return .number(x.isFinite ? 0 : x) }
            let scale = Foundation.pow(10, Double(digits))
            return .number((x * scale).rounded() / scale)
        }
        let values = Signature(variadic: ParameterSpec("values"))
        add("min", "math", values, "Smallest of the arguments, or of one list") { args in
            try BuiltinRegistry.extreme(args, pickLess: true)
        }
        add("max", "math", values, "Largest of the arguments, or of one list") { args in
            try BuiltinRegistry.extreme(args, pickLess: false)
        }
        add("sum", "math", Signature([ParameterSpec("values")]), "Sum of the numbers of a list or range") { args in
            var total = 0.0
            for item in try Indexing.items(args[0]) {
                total += try item.requireNumber("item of sum()")
            }
            return .number(total)
        }
        add("fixed", "math", Signature([ParameterSpec("x", .number), ParameterSpec("digits", .integer, default: .number(2))]),
            "Text of x with exactly `digits` decimals, as \"3.14\"") { args in
            .string(String(format: "%.\(max(0, min(try args.integer(1), 30)))f", try args.number(0)))
        }
        add("sci", "math", Signature([ParameterSpec("x", .number), ParameterSpec("digits", .integer, default: .number(3))]),
            "Text of x in scientific notation with `digits` decimals, as \"1.235e-04\"") { args in
            .string(String(format: "%.\(max(0, min(try args.integer(1), 30)))e", try args.number(0)))
        }
    }

    private static func extreme(_ args: Arguments, pickLess: Bool) throws -> Value {
        var items = args.rest
        if items.count == 1 { items = try Indexing.items(items[0]) }
        guard var best = items.first else {
            throw Diagnostic.runtime("\(args.functionName)() needs at least one value")
        }
        for item in items.dropFirst() {
            let less = try Operators.compare(.less, item, best)
            let greater = try Operators.compare(.greater, item, best)
            if pickLess ? less : greater { best = item }
        }
        return best
    }
}

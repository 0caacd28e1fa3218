/// A callable value: a script `fn`, a builtin, or a builtin method bound to its receiver.
public final class Function {
    public let name: String
    public let signature: Signature
    let receiver: Value
    let body: (Arguments) throws -> Value

    public init(
        name: String, signature: Signature, receiver: Value = .none,
        body: @escaping (Arguments) throws -> Value
    ) {
        self.name = name
        self.signature = signature
        self.receiver = receiver
        self.body = body
    }

    public func call(_ arguments: CallArguments) throws -> Value {
        try body(try signature.bind(arguments, functionName: name, receiver: receiver))
    }
}

/// Arguments matched to a signature: `values` holds the positional parameters and then the
/// keyword options, in signature order; `rest` holds extra positional arguments of a
/// variadic function.
public struct Arguments {
    public let functionName: String
    public let signature: Signature
    public var values: [Value]
    public var rest: [Value]
    /// The object a method was called on, or none for a plain function.
    public let receiver: Value
    public let runtime: Runtime

    public subscript(_ position: Int) -> Value { values[position] }

    /// The value of the parameter or option called `name`.
    public subscript(_ name: String) -> Value {
        guard let position = signature.position(of: name) else {
            preconditionFailure("\(functionName) has no parameter '\(name)'")
        }
        return values[position]
    }

    func parameterName(_ position: Int) -> String { signature.parameter(at: position).name }

    public func number(_ position: Int) throws -> Double {
        try values[position].requireNumber("argument '\(parameterName(position))' of \(functionName)")
    }

    public func integer(_ position: Int) throws -> Int {
        try values[position].requireInteger("argument '\(parameterName(position))' of \(functionName)")
    }

    public func string(_ position: Int) throws -> String {
        try values[position].requireString("argument '\(parameterName(position))' of \(functionName)")
    }

    public func list(_ position: Int) throws -> ListValue {
        guard case .list(let list) = values[position] else {
            throw typeError(position, expected: "a list")
        }
        return list
    }

    public func typeError(_ position: Int, expected: String) -> Diagnostic {
        let value = values[position]
        return .runtime(
            "argument '\(parameterName(position))' of \(functionName) must be \(expected), "
                + "got \(value.typeName)")
    }
}

extension Value {
    func requireNumber(_ what: String) throws -> Double {
        guard case .number(let number) = self else {
            throw Diagnostic.runtime("\(what) must be a number, got \(typeName)")
        }
        return number
    }

    /// The value as an `Int`, rejecting fractions and numbers too large for an index.
    func requireInteger(_ what: String) throws -> Int {
        let number = try requireNumber(what)
        guard number.rounded() == number, abs(number) < 9e15 else {
            throw Diagnostic.runtime("\(what) must be an integer, got \(Value.formatNumber(number))")
        }
        return Int(number)
    }

    func requireString(_ what: String) throws -> String {
        guard case .string(let text) = self else {
            throw Diagnostic.runtime("\(what) must be a string, got \(typeName)")
        }
        return text
    }
}

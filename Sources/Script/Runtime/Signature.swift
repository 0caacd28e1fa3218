/// The type a builtin parameter accepts; checked when arguments are bound.
public enum ValueType {
    case any, number, integer, string, bool, list, dict, function
    /// A tensor, or a number or (nested) list of numbers that converts to one.
    case tensor
    /// A host object whose `typeName` is the given name.
    case host(String)

    var article: String {
        switch self {
        case .any: return "any value"
        case .number: return "a number"
        case .integer: return "an integer"
        case .string: return "a string"
        case .bool: return "a bool"
        case .list: return "a list"
        case .dict: return "a dict"
        case .function: return "a function"
        case .tensor: return "a tensor"
        case .host(let name): return "a \(name)"
        }
    }
}

public struct ParameterSpec {
    public let name: String
    public let type: ValueType
    /// The value used when the argument is left out; nil makes the argument required.
    public let defaultValue: Value?

    public init(_ name: String, _ type: ValueType = .any, default defaultValue: Value? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }
}

/// Parameters of a function. Positional parameters may also be passed by name; keyword
/// options are passed only by name. A variadic parameter collects extra positional arguments.
public struct Signature {
    public var positional: [ParameterSpec]
    public var variadic: ParameterSpec?
    public var keywords: [ParameterSpec]

    public init(
        _ positional: [ParameterSpec] = [], variadic: ParameterSpec? = nil,
        keywords: [ParameterSpec] = []
    ) {
        self.positional = positional
        self.variadic = variadic
        self.keywords = keywords
    }

    func position(of name: String) -> Int? {
        if let index = positional.firstIndex(where: { $0.name == name }) { return index }
        guard let index = keywords.firstIndex(where: { $0.name == name }) else { return nil }
        return positional.count + index
    }

    func parameter(at position: Int) -> ParameterSpec {
        position < positional.count ? positional[position] : keywords[position - positional.count]
    }

    var names: [String] { positional.map(\.name) + keywords.map(\.name) }

    /// The signature as shown in help: `split(text, sep: none)`.
    public func display(name: String) -> String {
        var parts = positional.map { parameter in
            parameter.defaultValue.map { "\(parameter.name) = \($0.formatted(quoted: true))" }
                ?? parameter.name
        }
        if let variadic { parts.append("\(variadic.name)...") }
        for keyword in keywords {
            let shown = keyword.defaultValue?.formatted(quoted: true) ?? "required"
            parts.append("\(keyword.name): \(shown)")
        }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }

    func bind(_ call: CallArguments, functionName: String, receiver: Value) throws -> Arguments {
        var slots = [Value?](repeating: nil, count: positional.count + keywords.count)
        var rest: [Value] = []
        for (position, value) in call.positional.enumerated() {
            if position < positional.count {
                slots[position] = value
            } else if variadic != nil {
                rest.append(value)
            } else {
                throw tooManyArguments(call.positional.count, functionName)
            }
        }
        for (number, keyword) in call.keywords.enumerated() {
            let labelRange = number < call.labelRanges.count ? call.labelRanges[number] : nil
            guard let position = position(of: keyword.label) else {
                var error = unknownKeyword(keyword.label, functionName)
                if let labelRange { error.locate(labelRange) }
                throw error
            }
            if slots[position] != nil {
                throw Diagnostic.runtime(
                    "argument '\(keyword.label)' of \(functionName) is given twice")
            }
            slots[position] = keyword.value
        }
        var values: [Value] = []
        values.reserveCapacity(slots.count)
        for (position, slot) in slots.enumerated() {
            let parameter = self.parameter(at: position)
            guard let value = slot ?? parameter.defaultValue else {
                throw Diagnostic.runtime("missing argument '\(parameter.name)' in call to \(functionName)")
            }
            if slot != nil { try check(value, against: parameter, functionName) }
            values.append(value)
        }
        if let variadic {
            for value in rest { try check(value, against: variadic, functionName) }
        }
        return Arguments(
            functionName: functionName, signature: self, values: values, rest: rest,
            receiver: receiver, runtime: call.runtime)
    }

    private func tooManyArguments(_ given: Int, _ functionName: String) -> Diagnostic {
        let count = positional.count
        let noun = count == 1 ? "argument" : "arguments"
        var message = "\(functionName) takes \(count) positional \(noun) but \(given) were given"
        if !keywords.isEmpty {
            let shown = keywords.prefix(3).map { "'\($0.name)'" }.joined(separator: ", ")
            message += "; options such as \(shown) must be passed by name"
        }
        return .runtime(message)
    }

    func unknownKeyword(_ label: String, _ functionName: String) -> Diagnostic {
        var message = "unknown argument '\(label)' in call to \(functionName)"
        if let suggestion = closestName(to: label, among: names) {
            message += "; did you mean '\(suggestion)'?"
        } else if !names.isEmpty {
            message += "; valid names: " + names.joined(separator: ", ")
        }
        return .runtime(message)
    }

    private func check(_ value: Value, against parameter: ParameterSpec, _ functionName: String)
        throws
    {
        if case .none = value, let defaultValue = parameter.defaultValue, case .none = defaultValue {
            return
        }
        let matches: Bool
        switch (parameter.type, value) {
        case (.any, _), (.number, .number), (.string, .string), (.bool, .bool), (.list, .list),
            (.dict, .dict), (.function, .function):
            matches = true
        case (.integer, .number(let number)):
            guard number.rounded() == number, abs(number) < 9e15 else {
                throw Diagnostic.runtime(
                    "argument '\(parameter.name)' of \(functionName) must be an integer, "
                        + "got \(Value.formatNumber(number))")
            }
            matches = true
        case (.host(let name), .host(let object)):
            matches = object.typeName == name
        case (.tensor, .number), (.tensor, .list), (.tensor, .bool):
            matches = true
        case (.tensor, .host(let object)):
            matches = object is TensorObject
        default:
            matches = false
        }
        if !matches {
            throw Diagnostic.runtime(
                "argument '\(parameter.name)' of \(functionName) must be \(parameter.type.article), "
                    + "got \(value.typeName)")
        }
    }
}

/// The candidate within edit distance 2 of `name` that is closest, if any.
public func closestName(to name: String, among candidates: [String]) -> String? {
    var best: (name: String, distance: Int)?
    for candidate in candidates where candidate != name {
        let distance = editDistance(name, candidate)
        if distance <= 2, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    return best?.name
}

/// The Levenshtein distance between two strings, counted in characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let left = Array(a)
    let right = Array(b)
    if abs(left.count - right.count) > 2 { return 3 }
    var previous = Array(0...right.count)
    for (i, leftCharacter) in left.enumerated() {
        var row = [i + 1]
        for (j, rightCharacter) in right.enumerated() {
            let substitution = previous[j] + (leftCharacter == rightCharacter ? 0 : 1)
            row.append(min(previous[j + 1] + 1, row[j] + 1, substitution))
        }
        previous = row
    }
    return previous[right.count]
}

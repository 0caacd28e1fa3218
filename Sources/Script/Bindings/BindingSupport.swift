import Tensors

extension BuiltinRegistry {
    /// Registers a builtin whose body may throw library errors; they become located script
    /// errors with the library's message.
    func bind(
        _ name: String, _ group: String, _ signature: Signature = Signature(),
        receiver: String? = nil, _ summary: String, body: @escaping (Arguments) throws -> Value
    ) {
        register(
            Builtin(name, group: group, receiver: receiver, signature, summary: summary) { args in
                try translatingErrors { try body(args) }
            })
    }

    /// Registers a builtin that handles some arguments itself and hands the rest to the
    /// builtin registered earlier under the same name. `handle` returns nil to pass.
    func extend(
        _ name: String, _ signature: Signature? = nil, summary: String? = nil,
        handle: @escaping (Arguments) throws -> Value?
    ) {
        guard let previous = functions[name] else { return }
        let merged = signature ?? previous.signature
        register(
            Builtin(
                name, group: previous.group, merged, summary: summary ?? previous.summary
            ) { args in
                if let result = try translatingErrors({ try handle(args) }) { return result }
                return try previous.body(args)
            })
    }
}

extension Arguments {
    /// True when the argument at `position` is none.
    func isNone(_ position: Int) -> Bool {
        if case .none = values[position] { return true }
        return false
    }

    /// The `dim` argument as a list of axes: none gives nil, a number one axis, a list many.
    func axes(_ position: Int) throws -> [Int]? {
        switch values[position] {
        case .none: return nil
        case .number: return [try integer(position)]
        case .list(let list):
            return try list.items.map {
                try $0.requireInteger("item of argument '\(parameterName(position))' of \(functionName)")
            }
        default: throw typeError(position, expected: "an integer or a list of integers")
        }
    }

    /// The argument as a Float, for tensor options such as `eps`.
    func float(_ position: Int) throws -> Float { Float(try number(position)) }

    /// The argument as a bool.
    func bool(_ position: Int) throws -> Bool {
        guard case .bool(let flag) = values[position] else {
            throw typeError(position, expected: "a bool")
        }
        return flag
    }

    /// A shape from variadic extents `f(2, 3)` or one list `f([2, 3])`.
    func shape() throws -> [Int] {
        var items = rest
        if items.count == 1, case .list(let list) = items[0] { items = list.items }
        return try items.map { item in
            let extent = try item.requireInteger("extent in call to \(functionName)")
            guard extent >= 0 else {
                throw Diagnostic.runtime("extents of \(functionName) must be >= 0, got \(extent)")
            }
            return extent
        }
    }

    /// A random stream: a new one from `seed` when given, otherwise the global stream.
    func stream(seedAt position: Int) throws -> RandomStream {
        if isNone(position) { return RandomStream.global }
        return RandomStream(seed: UInt64(truncatingIfNeeded: try integer(position)))
    }
}

extension Value {
    /// Nested lists of the tensor's elements: numbers, or bools for a bool tensor.
    static func nestedList(_ tensor: Tensor) -> Value {
        let flat: [Value]
        switch tensor.dtype {
        case .f32: flat = tensor.toArray().map { .number(Double($0)) }
        case .i64: flat = tensor.toInt64Array().map { .number(Double($0)) }
        case .bool: flat = (0..<tensor.count).map { .bool(tensor.bools[$0] != 0) }
        }
        guard tensor.rank > 0 else { return flat.first ?? .none }
        var level = flat
        for extent in tensor.shape.dropFirst().reversed() {
            guard extent > 0 else {
                return .list([Value](repeating: .list([]), count: tensor.shape[0]))
            }
            level = stride(from: 0, to: level.count, by: extent).map {
                .list(Array(level[$0..<($0 + extent)]))
            }
        }
        return .list(level)
    }

    /// A list of named tensors as an ordered script dictionary.
    static func tensorDict(_ entries: [(name: String, tensor: Tensor)]) throws -> Value {
        let dict = DictValue()
        for (name, tensor) in entries { try dict.set(.string(name), .tensor(tensor)) }
        return .dict(dict)
    }
}

extension DictValue {
    /// The entries as name → tensor, rejecting keys that are not strings or values that do
    /// not convert to tensors.
    func tensors(_ what: String) throws -> [String: Tensor] {
        var result: [String: Tensor] = [:]
        for (key, value) in zip(keys, values) {
            guard case .string(let name) = key else {
                throw Diagnostic.runtime("\(what) keys must be strings, got \(key.typeName)")
            }
            result[name] = try value.toTensor("\(what)[\"\(name)\"]")
        }
        return result
    }
}

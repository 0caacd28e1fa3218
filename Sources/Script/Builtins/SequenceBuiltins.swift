extension BuiltinRegistry {
    func registerSequences() {
        add("range", "sequences",
            Signature([ParameterSpec("start", .integer), ParameterSpec("end", .integer, default: Value.none)],
                      keywords: [ParameterSpec("step", .integer, default: .number(1))]),
            "List of integers: range(n) is 0..n-1, range(a, b) is a..b-1, stepping by `step`") { args in
            var start = try args.number(0)
            var end = start
            if case .none = args[1] { start = 0 } else { end = try args.number(1) }
            let step = try args.number(2)
            guard step != 0 else { throw Diagnostic.runtime("argument 'step' of range must not be 0") }
            return .list(stride(from: start, to: end, by: step).map { .number($0) })
        }
        add("list", "sequences", Signature([ParameterSpec("items", default: Value.none)]),
            "A new list of the items of a list, range, dict (keys), string or iterable object") { args in
            if case .none = args[0] { return .list([]) }
            return .list(try Indexing.items(args[0]))
        }
        add("enumerate", "sequences", Signature([ParameterSpec("items")]), "List of (index, item) tuples") { args in
            .list(try Indexing.items(args[0]).enumerated().map { .tuple([.number(Double($0.offset)), $0.element]) })
        }
        add("zip", "sequences", Signature(variadic: ParameterSpec("sequences")),
            "List of tuples pairing up items; stops at the shortest sequence") { args in
            let lists = try args.rest.map { try Indexing.items($0) }
            let count = lists.map(\.count).min() ?? 0
            return .list((0..<count).map { position in .tuple(lists.map { $0[position] }) })
        }
        add("reversed", "sequences", Signature([ParameterSpec("items")]), "A new list with the items in reverse order") { args in
            .list(try Indexing.items(args[0]).reversed())
        }
        add("sorted", "sequences",
            Signature([ParameterSpec("items")], keywords: [
                ParameterSpec("key", .function, default: Value.none), ParameterSpec("reverse", .bool, default: .bool(false)),
            ]), "A new sorted list; `key` maps each item to what is compared") { args in
            .list(try BuiltinRegistry.sort(try Indexing.items(args[0]), key: args[1], reverse: args[2].isTruthy, runtime: args.runtime))
        }
        add("map", "sequences", Signature([ParameterSpec("function"), ParameterSpec("items")]),
            "List of function(item) for each item") { args in
            .list(try Indexing.items(args[1]).map { try args.runtime.call(args[0], [$0]) })
        }
        add("filter", "sequences", Signature([ParameterSpec("function"), ParameterSpec("items")]),
            "List of the items for which function(item) is true") { args in
            .list(try Indexing.items(args[1]).filter { try args.runtime.call(args[0], [$0]).isTruthy })
        }
        add("any", "sequences", Signature([ParameterSpec("items")]), "True when some item is true") { args in
            .bool(try Indexing.items(args[0]).contains { $0.isTruthy })
        }
        add("all", "sequences", Signature([ParameterSpec("items")]), "True when every item is true") { args in
            .bool(try Indexing.items(args[0]).allSatisfy { $0.isTruthy })
        }
    }

    /// A stable sort by `key(item)` (or the items), comparing numbers with numbers and
    /// strings with strings.
    static func sort(_ items: [Value], key: Value, reverse: Bool, runtime: Runtime) throws -> [Value] {
        let keys: [Value]
        if case .none = key { keys = items } else { keys = try items.map { try runtime.call(key, [$0]) } }
        var failure: Error?
        let order = Array(items.indices).sorted { a, b in
            do {
                let ascending = try Operators.compare(.less, keys[a], keys[b])
                let descending = try Operators.compare(.less, keys[b], keys[a])
                if ascending == descending { return a < b }
                return reverse ? descending : ascending
            } catch {
                failure = failure ?? error
                return a < b
            }
        }
        if let failure { throw failure }
        return order.map { items[$0] }
    }
}

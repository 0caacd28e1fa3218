extension BuiltinRegistry {
    private func listOf(_ args: Arguments) throws -> ListValue {
        guard case .list(let list) = args.receiver else { throw Diagnostic.runtime("list method without a list") }
        return list
    }

    func registerListMethods() {
        let item = ParameterSpec("item")
        add("append", "list methods", Signature([item]), receiver: "list", "Add the item at the end") { [unowned self] args in
            try self.listOf(args).items.append(args[0])
            return .none
        }
        add("extend", "list methods", Signature([ParameterSpec("items")]), receiver: "list", "Add every item of a sequence at the end") { [unowned self] args in
            try self.listOf(args).items += try Indexing.items(args[0])
            return .none
        }
        add("insert", "list methods", Signature([ParameterSpec("index", .integer), item]), receiver: "list",
            "Insert the item before position `index`") { [unowned self] args in
            let list = try self.listOf(args)
            var position = try args.integer(0)
            if position < 0 { position += list.items.count }
            list.items.insert(args[1], at: min(max(position, 0), list.items.count))
            return .none
        }
        add("pop", "list methods", Signature([ParameterSpec("index", .integer, default: .number(-1))]), receiver: "list",
            "Remove and return the item at `index` (the last by default)") { [unowned self] args in
            let list = try self.listOf(args)
            if list.items.isEmpty { throw Diagnostic.runtime("pop from an empty list") }
            return list.items.remove(at: try Indexing.position(args[0], count: list.items.count, args.receiver))
        }
        add("remove", "list methods", Signature([item]), receiver: "list", "Remove the first item equal to the argument") { [unowned self] args in
            let list = try self.listOf(args)
            guard let position = list.items.firstIndex(where: { $0.isEqual(to: args[0]) }) else {
                throw Diagnostic.runtime("\(args[0].formatted(quoted: true)) is not in the list")
            }
            list.items.remove(at: position)
            return .none
        }
        add("index", "list methods", Signature([item]), receiver: "list", "Position of the first item equal to the argument, or -1") { [unowned self] args in
            .number(Double(try self.listOf(args).items.firstIndex { $0.isEqual(to: args[0]) } ?? -1))
        }
        add("contains", "list methods", Signature([item]), receiver: "list", "True when an item equals the argument") { [unowned self] args in
            .bool(try self.listOf(args).items.contains { $0.isEqual(to: args[0]) })
        }
        add("reverse", "list methods", Signature(), receiver: "list", "Reverse the list in place") { [unowned self] args in
            try self.listOf(args).items.reverse()
            return .none
        }
        add("sort", "list methods",
            Signature(keywords: [ParameterSpec("key", .function, default: Value.none), ParameterSpec("reverse", .bool, default: .bool(false))]),
            receiver: "list", "Sort the list in place; `key` maps each item to what is compared") { [unowned self] args in
            let list = try self.listOf(args)
            list.items = try BuiltinRegistry.sort(list.items, key: args[0], reverse: args[1].isTruthy, runtime: args.runtime)
            return .none
        }
        add("copy", "list methods", Signature(), receiver: "list", "A new list with the same items") { [unowned self] args in
            .list(try self.listOf(args).items)
        }
        add("clear", "list methods", Signature(), receiver: "list", "Remove every item") { [unowned self] args in
            try self.listOf(args).items.removeAll()
            return .none
        }
    }

    private func dictOf(_ args: Arguments) throws -> DictValue {
        guard case .dict(let dict) = args.receiver else { throw Diagnostic.runtime("dict method without a dict") }
        return dict
    }

    func registerDictMethods() {
        let key = ParameterSpec("key")
        add("keys", "dict methods", Signature(), receiver: "dict", "List of the keys in insertion order") { [unowned self] args in
            .list(try self.dictOf(args).keys)
        }
        add("values", "dict methods", Signature(), receiver: "dict", "List of the values in insertion order") { [unowned self] args in
            .list(try self.dictOf(args).values)
        }
        add("items", "dict methods", Signature(), receiver: "dict", "List of (key, value) tuples") { [unowned self] args in
            let dict = try self.dictOf(args)
            return .list(zip(dict.keys, dict.values).map { .tuple([$0, $1]) })
        }
        add("get", "dict methods", Signature([key, ParameterSpec("default", default: Value.none)]), receiver: "dict",
            "The value for `key`, or `default` when the key is absent") { [unowned self] args in
            try try self.dictOf(args).get(args[0]) ?? args[1]
        }
        add("contains", "dict methods", Signature([key]), receiver: "dict", "True when the key is present") { [unowned self] args in
            .bool(try try self.dictOf(args).get(args[0]) != nil)
        }
        add("pop", "dict methods", Signature([key, ParameterSpec("default", default: Value.none)]), receiver: "dict",
            "Remove the key and return its value, or `default` when absent") { [unowned self] args in
            try try self.dictOf(args).remove(args[0]) ?? args[1]
        }
        add("copy", "dict methods", Signature(), receiver: "dict", "A new dict with the same entries") { [unowned self] args in
            .dict(try self.dictOf(args).copy())
        }
        add("clear", "dict methods", Signature(), receiver: "dict", "Remove every entry") { [unowned self] args in
            try self.dictOf(args).removeAll()
            return .none
        }
    }
}

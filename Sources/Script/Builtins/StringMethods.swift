import Foundation

extension BuiltinRegistry {
    private func textOf(_ args: Arguments) throws -> String {
        guard case .string(let text) = args.receiver else { throw Diagnostic.runtime("string method without a string") }
        return text
    }

    func registerStringMethods() {
        let group = "string methods"
        add("split", group, Signature(keywords: [ParameterSpec("sep", .string, default: Value.none)]), receiver: "string",
            "List of the parts between `sep`, or between runs of whitespace when `sep` is none") { [unowned self] args in
            let text = try self.textOf(args)
            guard case .string(let separator) = args[0] else {
                return .list(text.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) })
            }
            if separator.isEmpty { throw Diagnostic.runtime("argument 'sep' of split must not be empty") }
            return .list(text.components(separatedBy: separator).map { .string($0) })
        }
        add("join", group, Signature([ParameterSpec("items")]), receiver: "string",
            "The items as text with this string between them") { [unowned self] args in
            .string(try Indexing.items(args[0]).map { $0.formatted() }.joined(separator: try self.textOf(args)))
        }
        add("upper", group, Signature(), receiver: "string", "The string in upper case") { [unowned self] args in
            .string(try self.textOf(args).uppercased())
        }
        add("lower", group, Signature(), receiver: "string", "The string in lower case") { [unowned self] args in
            .string(try self.textOf(args).lowercased())
        }
        add("strip", group, Signature(), receiver: "string", "The string without leading and trailing whitespace") { [unowned self] args in
            .string(try self.textOf(args).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        add("replace", group, Signature([ParameterSpec("old", .string), ParameterSpec("new", .string)]), receiver: "string",
            "The string with every `old` replaced by `new`") { [unowned self] args in
            let old = try args.string(0)
            if old.isEmpty { throw Diagnostic.runtime("argument 'old' of replace must not be empty") }
            return .string(try self.textOf(args).replacingOccurrences(of: old, with: try args.string(1)))
        }
        add("starts_with", group, Signature([ParameterSpec("prefix", .string)]), receiver: "string",
            "True when the string begins with `prefix`") { [unowned self] args in
            .bool(try self.textOf(args).hasPrefix(try args.string(0)))
        }
        add("ends_with", group, Signature([ParameterSpec("suffix", .string)]), receiver: "string",
            "True when the string ends with `suffix`") { [unowned self] args in
            .bool(try self.textOf(args).hasSuffix(try args.string(0)))
        }
        add("contains", group, Signature([ParameterSpec("part", .string)]), receiver: "string",
            "True when `part` occurs in the string") { [unowned self] args in
            let part = try args.string(0)
            let text = try self.textOf(args)
            return .bool(part.isEmpty || text.contains(part))
        }
        add("find", group, Signature([ParameterSpec("part", .string)]), receiver: "string",
            "Character position of the first `part`, or -1") { [unowned self] args in
            let text = try self.textOf(args)
            guard let found = text.range(of: try args.string(0)) else { return .number(-1) }
            return .number(Double(text.distance(from: text.startIndex, to: found.lowerBound)))
        }
        for (name, left) in [("pad_left", true), ("pad_right", false)] {
            add(name, group, Signature([ParameterSpec("width", .integer)], keywords: [ParameterSpec("fill", .string, default: .string(" "))]),
                receiver: "string",
                "The string padded on the \(left ? "left" : "right") with `fill` to `width` characters") { [unowned self] args in
                let text = try self.textOf(args)
                let fill = try args.string(1)
                guard fill.count == 1 else { throw Diagnostic.runtime("argument 'fill' of \(name) must be one character") }
                let padding = String(repeating: fill, count: max(0, try args.integer(0) - text.count))
                return .string(left ? padding + text : text + padding)
            }
        }
    }
}

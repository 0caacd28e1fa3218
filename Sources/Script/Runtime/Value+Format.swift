extension Value {
    /// Formats a number the way `print` does: integral values below 1e15 without a fraction,
    /// others in the shortest form that reads back to the same Double.
    public static func formatNumber(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number > 0 ? "inf" : "-inf" }
        if number.rounded(.towardZero) == number && abs(number) < 1e15 {
            return String(Int64(number))
        }
        return "\(number)"
    }

    /// The text `print` and `str` produce; strings nested in containers are quoted.
    public func formatted(quoted: Bool = false) -> String {
        var visiting: Set<ObjectIdentifier> = []
        return format(quoted: quoted, visiting: &visiting)
    }

    private func format(quoted: Bool, visiting: inout Set<ObjectIdentifier>) -> String {
        switch self {
        case .number(let number): return Value.formatNumber(number)
        case .string(let text): return quoted ? Value.quote(text) : text
        case .bool(let flag): return flag ? "true" : "false"
        case .none: return "none"
        case .range(let range):
            let start = Value.formatNumber(range.start)
            return start + (range.inclusive ? "..." : "..<") + Value.formatNumber(range.end)
        case .function(let function): return "<fn \(function.name)>"
        case .host(let object): return object.description
        case .list(let list):
            return nested(list, "[...]", &visiting) { visiting in
                "[" + list.items.map { $0.format(quoted: true, visiting: &visiting) }
                    .joined(separator: ", ") + "]"
            }
        case .dict(let dict):
            return nested(dict, "[...]", &visiting) { visiting in
                if dict.count == 0 { return "[:]" }
                var pairs: [String] = []
                for (key, value) in zip(dict.keys, dict.values) {
                    let keyText = key.format(quoted: true, visiting: &visiting)
                    pairs.append(keyText + ": " + value.format(quoted: true, visiting: &visiting))
                }
                return "[" + pairs.joined(separator: ", ") + "]"
            }
        case .record(let record):
            return nested(record, "(...)", &visiting) { visiting in
                var fields: [String] = []
                for (position, value) in record.values.enumerated() {
                    let text = value.format(quoted: true, visiting: &visiting)
                    fields.append(record.labels.map { "\($0[position]): \(text)" } ?? text)
                }
                let trailing = record.labels == nil && fields.count == 1 ? "," : ""
                return "(" + fields.joined(separator: ", ") + trailing + ")"
            }
        }
    }

    /// Formats a container once; a container that contains itself shows as `placeholder`.
    private func nested(
        _ object: AnyObject, _ placeholder: String, _ visiting: inout Set<ObjectIdentifier>,
        _ body: (inout Set<ObjectIdentifier>) -> String
    ) -> String {
        let identifier = ObjectIdentifier(object)
        guard visiting.insert(identifier).inserted else { return placeholder }
        defer { visiting.remove(identifier) }
        return body(&visiting)
    }

    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension Value {
    /// Structural equality for numbers, strings, lists, dicts and records; identity for
    /// functions and host objects. Containers that contain themselves compare without
    /// recursing forever: a pair already being compared counts as equal.
    public func isEqual(to other: Value) -> Bool {
        var comparing = Set<ContainerPair>()
        return isEqual(to: other, comparing: &comparing)
    }

    private func isEqual(to other: Value, comparing: inout Set<ContainerPair>) -> Bool {
        if let pair = ContainerPair(self, other) {
            guard comparing.insert(pair).inserted else { return true }
        }
        switch (self, other) {
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.none, .none): return true
        case (.range(let a), .range(let b)):
            return a.start == b.start && a.end == b.end && a.inclusive == b.inclusive
        case (.list(let a), .list(let b)):
            return a === b || (a.items.count == b.items.count
                && zip(a.items, b.items).allSatisfy { $0.isEqual(to: $1, comparing: &comparing) })
        case (.record(let a), .record(let b)):
            return a === b || (a.labels == b.labels && a.values.count == b.values.count
                && zip(a.values, b.values).allSatisfy { $0.isEqual(to: $1, comparing: &comparing) })
        case (.dict(let a), .dict(let b)):
            guard a === b || a.count == b.count else { return false }
            for (key, value) in zip(a.keys, a.values) {
                guard let match = try? b.get(key), match.isEqual(to: value, comparing: &comparing) else { return false }
            }
            return true
        case (.function(let a), .function(let b)): return a === b
        case (.host(let a), .host(let b)): return a === b
        default: return false
        }
    }
}

/// Identities of two containers under comparison.
private struct ContainerPair: Hashable {
    let lhs: ObjectIdentifier
    let rhs: ObjectIdentifier

    init?(_ lhs: Value, _ rhs: Value) {
        switch (lhs, rhs) {
        case (.list(let a), .list(let b)): (self.lhs, self.rhs) = (ObjectIdentifier(a), ObjectIdentifier(b))
        case (.record(let a), .record(let b)): (self.lhs, self.rhs) = (ObjectIdentifier(a), ObjectIdentifier(b))
        case (.dict(let a), .dict(let b)): (self.lhs, self.rhs) = (ObjectIdentifier(a), ObjectIdentifier(b))
        default: return nil
        }
    }
}

import Foundation

/// Arithmetic and comparison on values; host objects get the first chance at any operator
/// that involves them.
enum Operators {
    static func binary(_ op: BinaryOperator, _ left: Value, _ right: Value) throws -> Value {
        if case .host(let object) = left,
            let result = try object.binaryOperation(op, right, selfIsLeft: true)
        {
            return result
        }
        if case .host(let object) = right,
            let result = try object.binaryOperation(op, left, selfIsLeft: false)
        {
            return result
        }
        switch (op, left, right) {
        case (_, .number(let a), .number(let b)):
            if let result = arithmetic(op, a, b) { return result }
        case (.add, .string(let a), .string(let b)):
            return .string(a + b)
        case (.add, .list(let a), .list(let b)):
            return .list(a.items + b.items)
        case (.multiply, .string(let text), .number), (.multiply, .number, .string(let text)):
            let count = try repeatCount(left, right)
            return .string(String(repeating: text, count: count))
        case (.multiply, .list(let list), .number), (.multiply, .number, .list(let list)):
            let count = try repeatCount(left, right)
            return .list(Array([[Value]](repeating: list.items, count: count).joined()))
        default:
            break
        }
        switch op {
        case .equal: return .bool(left.isEqual(to: right))
        case .notEqual: return .bool(!left.isEqual(to: right))
        case .less, .lessEqual, .greater, .greaterEqual:
            return .bool(try compare(op, left, right))
        case .contains: return .bool(try contains(right, left))
        default:
            throw Diagnostic.runtime(
                "operator '\(op.rawValue)' is not defined for \(left.typeName) and \(right.typeName)")
        }
    }

    static func arithmetic(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Value? {
        switch op {
        case .add: return .number(a + b)
        case .subtract: return .number(a - b)
        case .multiply: return .number(a * b)
        case .divide: return .number(a / b)
        case .remainder: return .number(a - b * (a / b).rounded(.down))
        case .power: return .number(pow(a, b))
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less: return .bool(a < b)
        case .lessEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterEqual: return .bool(a >= b)
        default: return nil
        }
    }

    private static func repeatCount(_ left: Value, _ right: Value) throws -> Int {
        let number: Double
        if case .number(let value) = left { number = value } else if case .number(let value) = right {
            number = value
        } else {
            number = 0
        }
        guard number.rounded() == number, number >= 0, number < 1e9 else {
            throw Diagnostic.runtime(
                "repeat count must be a non-negative integer, got \(Value.formatNumber(number))")
        }
        return Int(number)
    }

    static func compare(_ op: BinaryOperator, _ left: Value, _ right: Value) throws -> Bool {
        let order: Int
        switch (left, right) {
        case (.number(let a), .number(let b)):
            if let result = arithmetic(op, a, b), case .bool(let flag) = result { return flag }
            order = 0
        case (.string(let a), .string(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        default:
            throw Diagnostic.runtime(
                "operator '\(op.rawValue)' cannot compare \(left.typeName) with \(right.typeName)")
        }
        switch op {
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }

    /// `element in container`.
    static func contains(_ container: Value, _ element: Value) throws -> Bool {
        switch (container, element) {
        case (.list(let list), _): return list.items.contains { $0.isEqual(to: element) }
        case (.dict(let dict), _): return try dict.get(element) != nil
        case (.string(let text), .string(let part)): return part.isEmpty || text.contains(part)
        case (.range(let range), .number(let number)):
            let upperOK = range.inclusive ? number <= range.end : number < range.end
            return number >= range.start && upperOK && (number - range.start).rounded() == number - range.start
        case (.record(let record), _): return record.values.contains { $0.isEqual(to: element) }
        default:
            throw Diagnostic.runtime(
                "operator 'in' cannot look for \(element.typeName) in \(container.typeName)")
        }
    }

    static func negate(_ value: Value) throws -> Value {
        switch value {
        case .number(let number): return .number(-number)
        case .host(let object):
            if let result = try object.negated() { return result }
        default: break
        }
        throw Diagnostic.runtime("unary '-' is not defined for \(value.typeName)")
    }
}

/// A JSON value (RFC 8259), as read by `JSONParser` and written by `JSONValue.serialized()`.
///
/// Objects keep their keys in document order. Numbers keep their source text, so
/// integers beyond 2^53 (safetensors byte offsets) convert exactly through `integer`.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count
                && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// A number from an integer.
    public static func integer(_ value: Int) -> JSONValue { .number(String(value)) }

    /// The value of a number written without fraction or exponent, if it fits in `Int`.
    public var integer: Int? {
        guard case .number(let text) = self else { return nil }
        return Int(text)
    }

    /// The value of any number, rounded to the nearest `Double`.
    public var double: Double? {
        guard case .number(let text) = self else { return nil }
        return Double(text)
    }

    /// The contents of a string.
    public var string: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The value stored under `key` in an object (the first one when keys repeat).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The name of the value's kind as JSON calls it, for error messages.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A syntax error in a JSON document, at a byte offset counted from 0.
public struct JSONError: Error, Equatable, CustomStringConvertible {
    /// Position of the offending byte in the input.
    public var offset: Int
    /// What is wrong at that position.
    public var message: String

    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}

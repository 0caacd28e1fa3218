/// A value of the script language. Lists, dictionaries, records, functions and host objects
/// are references, so assigning one shares it as in Python.
public enum Value {
    case number(Double)
    case string(String)
    case bool(Bool)
    case none
    case list(ListValue)
    case dict(DictValue)
    case range(RangeValue)
    case function(Function)
    case record(RecordValue)
    case host(HostObject)

    /// The type name shown by `type(x)` and in error messages.
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .string: return "string"
        case .bool: return "bool"
        case .none: return "none"
        case .list: return "list"
        case .dict: return "dict"
        case .range: return "range"
        case .function: return "function"
        case .record(let record): return record.labels == nil ? "tuple" : "record"
        case .host(let object): return object.typeName
        }
    }

    /// Python-style truth: false, none, 0, "" and empty lists and dictionaries are false.
    public var isTruthy: Bool {
        switch self {
        case .bool(let flag): return flag
        case .none: return false
        case .number(let value): return value != 0
        case .string(let text): return !text.isEmpty
        case .list(let list): return !list.items.isEmpty
        case .dict(let dict): return !dict.keys.isEmpty
        case .range(let range): return range.count > 0
        case .record(let record): return !record.values.isEmpty
        case .function, .host: return true
        }
    }

    public static func list(_ items: [Value]) -> Value { .list(ListValue(items)) }

    public static func tuple(_ items: [Value]) -> Value { .record(RecordValue(labels: nil, values: items)) }
}

public final class ListValue {
    public var items: [Value]

    public init(_ items: [Value]) { self.items = items }
}

/// A record `(a: 1, b: 2)`, or a tuple `(1, 2)` when `labels` is nil.
public final class RecordValue {
    public let labels: [String]?
    public var values: [Value]

    public init(labels: [String]?, values: [Value]) {
        self.labels = labels
        self.values = values
    }

    public func field(_ name: String) -> Value? {
        guard let position = labels?.firstIndex(of: name) else { return nil }
        return values[position]
    }
}

/// `start..<end` or `start...end` with unit steps.
public struct RangeValue {
    public let start: Double
    public let end: Double
    public let inclusive: Bool

    public var count: Int {
        let upper = inclusive ? end + 1 : end
        guard upper > start, start.isFinite, end.isFinite else { return 0 }
        let count = (upper - start).rounded(.up)
        return count < Double(Int.max) ? Int(count) : Int.max
    }

    public func element(_ position: Int) -> Double { start + Double(position) }
}

/// The keys a dictionary accepts: numbers, strings, booleans and none.
enum DictKey: Hashable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case none

    init(_ value: Value) throws {
        switch value {
        case .number(let number): self = .number(number == 0 ? 0 : number)
        case .string(let text): self = .string(text)
        case .bool(let flag): self = .bool(flag)
        case .none: self = .none
        default:
            throw Diagnostic.runtime(
                "dictionary keys must be numbers, strings, booleans or none, not \(value.typeName)")
        }
    }
}

/// A dictionary that keeps its keys in insertion order.
public final class DictValue {
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []
    private var positions: [DictKey: Int] = [:]

    public init() {}

    public var count: Int { keys.count }

    public func get(_ key: Value) throws -> Value? {
        guard let position = positions[try DictKey(key)] else { return nil }
        return values[position]
    }

    public func set(_ key: Value, _ value: Value) throws {
        let dictKey = try DictKey(key)
        if let position = positions[dictKey] {
            values[position] = value
        } else {
            positions[dictKey] = keys.count
            keys.append(key)
            values.append(value)
        }
    }

    /// Removes `key` and returns its value, or nil when it is absent.
    public func remove(_ key: Value) throws -> Value? {
        guard let position = positions.removeValue(forKey: try DictKey(key)) else { return nil }
        let value = values[position]
        keys.remove(at: position)
        values.remove(at: position)
        for (dictKey, other) in positions where other > position { positions[dictKey] = other - 1 }
        return value
    }

    public func removeAll() {
        keys = []
        values = []
        positions = [:]
    }

    public func copy() -> DictValue {
        let copy = DictValue()
        copy.keys = keys
        copy.values = values
        copy.positions = positions
        return copy
    }
}

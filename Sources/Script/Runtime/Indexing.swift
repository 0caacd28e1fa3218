import Tensors

/// Subscripts of lists, strings, dictionaries, tuples and host objects, with Python-style
/// negative indices and slices.
enum Indexing {
    static func get(_ base: Value, _ components: [IndexComponent<Value>]) throws -> Value {
        if case .host(let object) = base {
            if let result = try object.index(components) { return result }
            throw Diagnostic.runtime("\(object.typeName) does not support subscripts")
        }
        guard components.count == 1 else {
            throw Diagnostic.runtime(
                "\(base.typeName) takes one subscript, got \(components.count)")
        }
        let component = components[0]
        switch base {
        case .list(let list):
            if case .single(let index) = component {
                return list.items[try position(index, count: list.items.count, base)]
            }
            return .list(try slice(component, count: list.items.count).map { list.items[$0] })
        case .string(let text):
            let characters = Array(text)
            if case .single(let index) = component {
                return .string(String(characters[try position(index, count: characters.count, base)]))
            }
            return .string(String(try slice(component, count: characters.count).map { characters[$0] }))
        case .record(let record):
            guard case .single(let index) = component else { break }
            if case .string(let name) = index, let value = record.field(name) { return value }
            return record.values[try position(index, count: record.values.count, base)]
        case .range(let range):
            guard case .single(let index) = component else { break }
            return .number(range.element(try position(index, count: range.count, base)))
        case .dict(let dict):
            guard case .single(let key) = component else { break }
            if let value = try dict.get(key) { return value }
            throw Diagnostic.runtime("key \(key.formatted(quoted: true)) not found in dict")
        default:
            break
        }
        throw Diagnostic.runtime("\(base.typeName) does not support this subscript")
    }

    static func set(_ base: Value, _ components: [IndexComponent<Value>], _ value: Value) throws {
        switch (base, components.first) {
        case (.host(let object), _):
            if try object.setIndex(components, to: value) { return }
            throw Diagnostic.runtime("\(object.typeName) does not support assignment to subscripts")
        case (.list(let list), .single(let index)) where components.count == 1:
            list.items[try position(index, count: list.items.count, base)] = value
        case (.dict(let dict), .single(let key)) where components.count == 1:
            try dict.set(key, value)
        case (.record(let record), .single(let index)) where components.count == 1:
            record.values[try position(index, count: record.values.count, base)] = value
        default:
            throw Diagnostic.runtime("cannot assign to this subscript of \(base.typeName)")
        }
    }

    /// The array position of `index` in a sequence of `count`; negative indices count from the end.
    static func position(_ index: Value, count: Int, _ base: Value) throws -> Int {
        let number = try index.requireInteger("\(base.typeName) index")
        let resolved = number < 0 ? number + count : number
        guard resolved >= 0 && resolved < count else {
            throw Diagnostic.runtime(
                "index \(number) is out of range for \(base.typeName) of length \(count)")
        }
        return resolved
    }

    /// The positions selected by a slice `start:end:step` of a sequence of `count`.
    static func slice(_ component: IndexComponent<Value>, count: Int) throws -> [Int] {
        guard case .slice(let startValue, let endValue, let stepValue) = component else { return [] }
        func bound(_ value: Value?, _ name: String) throws -> Int? {
            guard let value, !{ if case .none = value { true } else { false } }() else { return nil }
            return try value.requireInteger("slice \(name)")
        }
        let step = try bound(stepValue, "step") ?? 1
        guard step != 0 else { throw Diagnostic.runtime("slice step cannot be zero") }
        func clamp(_ index: Int?, _ fallback: Int, low: Int, high: Int) -> Int {
            guard var index else { return fallback }
            if index < 0 { index += count }
            return min(max(index, low), high)
        }
        var positions: [Int] = []
        if step > 0 {
            let start = clamp(try bound(startValue, "start"), 0, low: 0, high: count)
            let end = clamp(try bound(endValue, "end"), count, low: 0, high: count)
            positions = Array(stride(from: start, to: end, by: step))
        } else {
            let start = clamp(try bound(startValue, "start"), count - 1, low: -1, high: count - 1)
            let end = clamp(try bound(endValue, "end"), -1, low: -1, high: count - 1)
            positions = Array(stride(from: start, to: end, by: step))
        }
        return positions
    }

    /// Calls `body` with each item of an iterable value; `body` returns false to stop early.
    static func iterate(_ sequence: Value, _ body: (Value) throws -> Bool) throws {
        switch sequence {
        case .range(let range):
            var number = range.start
            let end = range.end
            while range.inclusive ? number <= end : number < end {
                guard try body(.number(number)) else { return }
                number += 1
            }
        case .list(let list):
            var position = 0
            while position < list.items.count {
                guard try body(list.items[position]) else { return }
                position += 1
            }
        case .dict(let dict):
            for key in dict.keys { guard try body(key) else { return } }
        case .string(let text):
            for character in text { guard try body(.string(String(character))) else { return } }
        case .record(let record):
            for value in record.values { guard try body(value) else { return } }
        case .host(let object):
            guard let next = try object.makeIterator() else {
                throw Diagnostic.runtime("cannot iterate over \(object.typeName)")
            }
            while let item = try next() { guard try body(item) else { return } }
        default:
            throw Diagnostic.runtime("cannot iterate over \(sequence.typeName)")
        }
    }

    static func items(_ sequence: Value) throws -> [Value] {
        if case .list(let list) = sequence { return list.items }
        if case .range(let range) = sequence {
            // A list item takes about 40 bytes; refuse a range that cannot fit in memory.
            let count = range.count
            let limit = Tensors.Storage.physicalMemory / 40
            guard count <= limit else {
                throw Diagnostic.runtime(
                    "a list of \(count) items does not fit in this machine's memory; "
                        + "loop over the range instead of making a list of it")
            }
        }
        var items: [Value] = []
        try iterate(sequence) { item in
            items.append(item)
            if items.count % 65536 == 0 { try StopFlag.check() }
            return true
        }
        return items
    }
}

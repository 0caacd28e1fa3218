/// A strict JSON reader (RFC 8259) for file headers.
///
/// It accepts exactly one value surrounded by optional whitespace, rejects
/// invalid UTF-8, raw control characters in strings, lone surrogates, leading
/// zeros, trailing commas and, unless allowed, repeated object keys. Nesting
/// and input size are capped so a hostile header cannot exhaust the stack or memory.
public struct JSONParser {
    /// Bounds on the input that `parse` enforces before and while reading.
    public struct Limits: Sendable {
        /// Deepest nesting of arrays and objects.
        public var maxDepth = 64
        /// Largest input in bytes.
        public var maxBytes = 100_000_000
        /// Whether an object may repeat a key (all occurrences are kept in order).
        public var allowsDuplicateKeys = false

        public init(
            maxDepth: Int = 64, maxBytes: Int = 100_000_000,
            allowsDuplicateKeys: Bool = false
        ) {
            self.maxDepth = maxDepth
            self.maxBytes = maxBytes
            self.allowsDuplicateKeys = allowsDuplicateKeys
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let limits: Limits
    private var position = 0
    private var depth = 0

    private init(bytes: UnsafeBufferPointer<UInt8>, limits: Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// Parses one JSON document; error offsets count from the slice's first byte.
    public static func parse(_ input: ArraySlice<UInt8>, limits: Limits = Limits()) throws
        -> JSONValue
    {
        guard input.count <= limits.maxBytes else {
            throw JSONError(
                offset: limits.maxBytes,
                message: "document of \(input.count) bytes exceeds the limit of "
                    + "\(limits.maxBytes) bytes")
        }
        return try input.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, limits: limits)
            parser.skipWhitespace()
            let value = try parser.parseValue()
            parser.skipWhitespace()
            if parser.position < buffer.count {
                throw parser.error("unexpected \(parser.describeCurrent()) after the value")
            }
            return value
        }
    }

    /// Parses one JSON document from a whole array.
    public static func parse(_ input: [UInt8], limits: Limits = Limits()) throws -> JSONValue {
        try parse(input[...], limits: limits)
    }

    /// Parses one JSON document from the UTF-8 bytes of `text`.
    public static func parse(_ text: String, limits: Limits = Limits()) throws -> JSONValue {
        try parse(Array(text.utf8), limits: limits)
    }

    // MARK: - Values

    private mutating func parseValue() throws -> JSONValue {
        guard position < bytes.count else { throw error("expected a value at end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("expected a value, found \(describeCurrent())")
        }
    }

    private mutating func parseLiteral(_ word: String, _ value: JSONValue) throws -> JSONValue {
        let start = position
        for expected in word.utf8 {
            guard position < bytes.count, bytes[position] == expected else {
                throw JSONError(offset: start, message: "invalid literal, expected '\(word)'")
            }
            position += 1
        }
        return value
    }

    private mutating func enterContainer() throws {
        depth += 1
        if depth > limits.maxDepth {
            throw error("nesting deeper than the limit of \(limits.maxDepth) levels")
        }
    }

    private mutating func parseArray() throws -> JSONValue {
        try enterContainer()
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) {
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            if consume(UInt8(ascii: "]")) { break }
            guard consume(UInt8(ascii: ",")) else {
                throw error("expected ',' or ']' in array, found \(describeCurrent())")
            }
        }
        depth -= 1
        return .array(elements)
    }

    private mutating func parseObject() throws -> JSONValue {
        try enterContainer()
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        var seenKeys = Set<String>()
        skipWhitespace()
        if consume(UInt8(ascii: "}")) {
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            let keyOffset = position
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a string key in object, found \(describeCurrent())")
            }
            let key = try parseString()
            if !limits.allowsDuplicateKeys && !seenKeys.insert(key).inserted {
                throw JSONError(offset: keyOffset, message: "duplicate key \"\(key)\" in object")
            }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else {
                throw error("expected ':' after object key, found \(describeCurrent())")
            }
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            if consume(UInt8(ascii: "}")) { break }
            guard consume(UInt8(ascii: ",")) else {
                throw error("expected ',' or '}' in object, found \(describeCurrent())")
            }
        }
        depth -= 1
        return .object(members)
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws -> JSONValue {
        let start = position
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
            if position < bytes.count, isDigit(bytes[position]) {
                throw error("leading zeros are not allowed in numbers")
            }
        } else if !consumeDigits() {
            throw error("expected a digit in number")
        }
        if consume(UInt8(ascii: ".")) {
            guard consumeDigits() else { throw error("expected a digit after '.'") }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard consumeDigits() else { throw error("expected a digit in exponent") }
        }
        let text = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]),
            as: UTF8.self)
        return .number(text)
    }

    /// Consumes a run of decimal digits and reports whether there was at least one.
    private mutating func consumeDigits() -> Bool {
        let start = position
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        return position > start
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    // MARK: - Strings

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws -> String {
        position += 1
        var utf8: [UInt8] = []
        while true {
            guard position < bytes.count else { throw error("unterminated string") }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    throw error("string is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                try parseEscape(into: &utf8)
            case 0..<0x20:
                throw error("control character 0x\(String(byte, radix: 16)) must be escaped")
            default:
                utf8.append(byte)
                position += 1
            }
        }
    }

    private mutating func parseEscape(into utf8: inout [UInt8]) throws {
        position += 1
        guard position < bytes.count else { throw error("unterminated escape sequence") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"): utf8.append(contentsOf: try parseUnicodeEscape())
        default:
            position -= 1
            throw error("invalid escape '\\\(Unicode.Scalar(byte))'")
        }
    }

    /// Decodes `XXXX` after `\u`, joining a surrogate pair into one scalar.
    private mutating func parseUnicodeEscape() throws -> [UInt8] {
        let start = position - 2
        let high = try parseHex4()
        var value = UInt32(high)
        if (0xD800...0xDBFF).contains(high) {
            guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else {
                throw JSONError(offset: start, message: "high surrogate without a low surrogate")
            }
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw JSONError(offset: start, message: "high surrogate without a low surrogate")
            }
            value = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(high) {
            throw JSONError(offset: start, message: "low surrogate without a high surrogate")
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw JSONError(offset: start, message: "invalid Unicode scalar")
        }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func parseHex4() throws -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard position < bytes.count, let digit = hexValue(bytes[position]) else {
                throw error("expected 4 hexadecimal digits after '\\u'")
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    // MARK: - Scanning

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private func describeCurrent() -> String {
        guard position < bytes.count else { return "end of input" }
        let byte = bytes[position]
        if byte >= 0x20 && byte < 0x7F { return "'\(Unicode.Scalar(byte))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    private func error(_ message: String) -> JSONError {
        JSONError(offset: position, message: message)
    }
}

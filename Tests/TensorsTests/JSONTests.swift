import Testing

@testable import Tensors

/// Parses `text` expecting failure and returns the error.
private func parseError(_ text: String, limits: JSONParser.Limits = .init()) -> JSONError? {
    do {
        _ = try JSONParser.parse(text, limits: limits)
    } catch let error as JSONError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
    }
    return nil
}

@Suite struct JSONTests {
    @Test func parse_allValueKinds() throws {
        let value = try JSONParser.parse(
            #" {"a": [1, -2.5e3, 0], "b": true, "c": null, "d": false} "#)
        let expected: JSONValue = .object([
            ("a", .array([.number("1"), .number("-2.5e3"), .number("0")])),
            ("b", .bool(true)), ("c", .null), ("d", .bool(false)),
        ])
        #expect(value == expected)
        #expect(value["a"] == .array([.number("1"), .number("-2.5e3"), .number("0")]))
        #expect(JSONValue.number("-2.5e3").double == -2500)
        #expect(JSONValue.number("18446744073709551").integer == 18_446_744_073_709_551)
        #expect(JSONValue.number("1.0").integer == nil)
    }

    @Test func parse_stringEscapes() throws {
        let value = try JSONParser.parse(#""q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00""#)
        #expect(value == .string("q\" b\\ s/ \u{8}\u{C}\n\r\t é 😀"))
    }

    @Test func serialized_roundTrips() throws {
        let value: JSONValue = .object([
            ("text", .string("a\"b\\c\n\u{1}é")), ("list", .array([.integer(3), .null])),
            ("empty", .object([])),
        ])
        let text = value.serialized()
        #expect(text == #"{"text":"a\"b\\c\n\u0001é","list":[3,null],"empty":{}}"#)
        #expect(try JSONParser.parse(text) == value)
    }

    @Test(arguments: [
        ("[1,]", 3, "expected a value, found ']'"),
        ("{\"a\" 1}", 5, "expected ':' after object key"),
        ("01", 1, "leading zeros are not allowed"),
        ("\"abc", 4, "unterminated string"),
        ("\"a\u{1}\"", 2, "control character 0x1 must be escaped"),
        ("\"\\x\"", 2, "invalid escape '\\x'"),
        ("\"\\ud800\"", 1, "high surrogate without a low surrogate"),
        ("\"\\udc00\"", 1, "low surrogate without a high surrogate"),
        ("tru", 0, "invalid literal, expected 'true'"),
        ("1 2", 2, "unexpected '2' after the value"),
        ("{\"k\":1,\"k\":2}", 7, "duplicate key \"k\" in object"),
        ("-", 1, "expected a digit in number"),
        ("1.e5", 2, "expected a digit after '.'"),
        ("", 0, "expected a value at end of input"),
    ])
    func parse_rejectsInvalid(text: String, offset: Int, message: String) {
        let error = parseError(text)
        #expect(error?.offset == offset)
        #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
    }

    @Test func parse_rejectsInvalidUTF8() {
        #expect(throws: JSONError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func parse_enforcesDepthLimit() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = parseError(deep)
        #expect(error?.message == "nesting deeper than the limit of 64 levels")
        #expect(error?.offset == 64)
        let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONParser.parse(allowed) }
    }

    @Test func parse_enforcesSizeLimit() {
        let error = parseError("[1, 2, 3]", limits: .init(maxBytes: 4))
        #expect(
            error?.description
                == "invalid JSON at byte 4: document of 9 bytes exceeds the limit of 4 bytes")
    }

    @Test func parse_allowsDuplicateKeysWhenAsked() throws {
        let value = try JSONParser.parse(
            #"{"k":1,"k":2}"#, limits: .init(allowsDuplicateKeys: true))
        #expect(value == .object([("k", .number("1")), ("k", .number("2"))]))
    }
}

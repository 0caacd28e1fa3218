/// A Python literal as found in a `.npy` header: the repr of a dict of strings,
/// booleans, integers and tuples, as `numpy.lib.format` writes it.
enum PythonLiteral: Equatable {
    case none
    case bool(Bool)
    case integer(Int)
    case string(String)
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([(key: PythonLiteral, value: PythonLiteral)])

    static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.tuple(let a), .tuple(let b)), (.list(let a), .list(let b)): return a == b
        case (.dict(let a), .dict(let b)):
            return a.count == b.count
                && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The value stored under the string key `key` in a dict.
    subscript(key: String) -> PythonLiteral? {
        guard case .dict(let items) = self else { return nil }
        return items.first { $0.key == .string(key) }?.value
    }
}

/// A parser for the subset of Python literal syntax that `.npy` headers use.
struct PythonLiteralParser {
    struct SyntaxError: Error {
        var offset: Int
        var message: String
    }

    private let characters: [Character]
    private var position = 0
    private var depth = 0
    private static let maxDepth = 32

    /// Parses `text` as one literal followed only by whitespace.
    static func parse(_ text: String) throws -> PythonLiteral {
        var parser = PythonLiteralParser(characters: Array(text))
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == parser.characters.count else {
            throw parser.error("unexpected text after the literal")
        }
        return value
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private mutating func parseValue() throws -> PythonLiteral {
        skipWhitespace()
        guard position < characters.count else { throw error("expected a value at end of text") }
        switch characters[position] {
        case "{": return try parseDict()
        case "(": return try parseSequence(closer: ")").asTuple
        case "[": return try parseSequence(closer: "]").asList
        case "'", "\"": return .string(try parseString())
        case "-", "0"..."9": return try parseInteger()
        default: return try parseWord()
        }
    }

    private mutating func parseWord() throws -> PythonLiteral {
        var word = ""
        while position < characters.count, characters[position].isLetter {
            word.append(characters[position])
            position += 1
        }
        switch word {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return .none
        default: throw error("unexpected '\(word.isEmpty ? String(characters[position]) : word)'")
        }
    }

    private mutating func parseInteger() throws -> PythonLiteral {
        var text = ""
        if characters[position] == "-" {
            text = "-"
            position += 1
        }
        while position < characters.count, characters[position].isASCII,
            characters[position].isNumber
        {
            text.append(characters[position])
            position += 1
        }
        // Python 2 headers mark long integers with a trailing L.
        if position < characters.count, characters[position] == "L" { position += 1 }
        guard let value = Int(text) else { throw error("invalid integer '\(text)'") }
        return .integer(value)
    }

    private mutating func parseString() throws -> String {
        let quote = characters[position]
        position += 1
        var text = ""
        while position < characters.count, characters[position] != quote {
            if characters[position] == "\\" { position += 1 }
            guard position < characters.count else { break }
            text.append(characters[position])
            position += 1
        }
        guard position < characters.count else { throw error("unterminated string") }
        position += 1
        return text
    }

    private enum Sequence {
        case items([PythonLiteral], trailingComma: Bool)

        var asList: PythonLiteral {
            guard case .items(let items, _) = self else { return .list([]) }
            return .list(items)
        }

        /// A parenthesised single value without a comma is just that value in Python.
        var asTuple: PythonLiteral {
            guard case .items(let items, let trailingComma) = self else { return .tuple([]) }
            if items.count == 1 && !trailingComma { return items[0] }
            return .tuple(items)
        }
    }

    private mutating func parseSequence(closer: Character) throws -> Sequence {
        try enter()
        position += 1
        var items: [PythonLiteral] = []
        var trailingComma = false
        while true {
            skipWhitespace()
            if consume(closer) { break }
            items.append(try parseValue())
            skipWhitespace()
            trailingComma = consume(",")
            if !trailingComma {
                guard consume(closer) else { throw error("expected ',' or '\(closer)'") }
                break
            }
        }
        depth -= 1
        return .items(items, trailingComma: trailingComma)
    }

    private mutating func parseDict() throws -> PythonLiteral {
        try enter()
        position += 1
        var items: [(key: PythonLiteral, value: PythonLiteral)] = []
        while true {
            skipWhitespace()
            if consume("}") { break }
            let key = try parseValue()
            skipWhitespace()
            guard consume(":") else { throw error("expected ':' after a dict key") }
            items.append((key, try parseValue()))
            skipWhitespace()
            if !consume(",") {
                guard consume("}") else { throw error("expected ',' or '}'") }
                break
            }
        }
        depth -= 1
        return .dict(items)
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= PythonLiteralParser.maxDepth else {
            throw error("nesting deeper than \(PythonLiteralParser.maxDepth) levels")
        }
    }

    private mutating func skipWhitespace() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    private mutating func consume(_ character: Character) -> Bool {
        guard position < characters.count, characters[position] == character else { return false }
        position += 1
        return true
    }

    private func error(_ message: String) -> SyntaxError {
        SyntaxError(offset: position, message: message)
    }
}

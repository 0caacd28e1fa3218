extension Lexer {
    /// Lexes a double-quoted string with escapes and `\(expr)` interpolations.
    mutating func lexString(from start: SourcePosition) {
        advance()
        var parts: [StringPart] = []
        var text = ""
        while true {
            guard offset < end, peek() != 10 else {
                error("unterminated string literal starting at line \(start.line)", from: start)
                break
            }
            let byte = peek()
            if byte == UInt8(ascii: "\"") {
                advance()
                break
            }
            if byte == 0 {
                let nulStart = position
                advance()
                error("source contains a NUL byte", from: nulStart)
                continue
            }
            if byte != UInt8(ascii: "\\") {
                let first = offset
                advance()
                while offset < end && peek() & 0xC0 == 0x80 { advance() }
                text += String(decoding: bytes[first..<offset], as: UTF8.self)
                continue
            }
            let escapeStart = position
            advance()
            if peek() == UInt8(ascii: "(") {
                advance()
                if !text.isEmpty { parts.append(.text(text)) }
                text = ""
                let codeStart = position
                guard let codeEnd = skipInterpolation() else {
                    error("unterminated interpolation '\\(' in string", from: escapeStart)
                    return
                }
                parts.append(.code(start: codeStart, endOffset: codeEnd))
                continue
            }
            if let scalar = lexEscape(from: escapeStart) { text.unicodeScalars.append(scalar) }
        }
        if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
        add(.string(parts), from: start)
    }

    private mutating func lexEscape(from start: SourcePosition) -> UnicodeScalar? {
        guard offset < end else { return nil }
        let byte = peek()
        advance()
        switch byte {
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "0"): return "\0"
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "u") where peek() == UInt8(ascii: "{"):
            advance()
            var digits = ""
            while offset < end, peek() != UInt8(ascii: "}"), peek() != 10, digits.count < 9 {
                digits.append(Character(UnicodeScalar(peek())))
                advance()
            }
            if peek() == UInt8(ascii: "}") { advance() }
            if let code = UInt32(digits, radix: 16), let scalar = UnicodeScalar(code) {
                return scalar
            }
            error("invalid unicode escape '\\u{\(digits)}'", from: start)
            return nil
        default:
            let shown = String(decoding: [byte], as: UTF8.self)
            error("invalid escape sequence '\\\(shown)' in string", from: start)
            return nil
        }
    }

    /// Moves past the code of an interpolation and its closing `)`, skipping nested strings.
    /// Returns the offset of that `)`, or nil when the line or input ends first.
    private mutating func skipInterpolation() -> Int? {
        var depth = 1
        while offset < end && peek() != 10 {
            let byte = peek()
            if byte == UInt8(ascii: "\"") {
                guard skipNestedString() else { return nil }
                continue
            }
            if byte == UInt8(ascii: "(") { depth += 1 }
            if byte == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 {
                    let closing = offset
                    advance()
                    return closing
                }
            }
            advance()
        }
        return nil
    }

    private mutating func skipNestedString() -> Bool {
        advance()
        while offset < end && peek() != 10 {
            let byte = peek()
            advance()
            if byte == UInt8(ascii: "\"") { return true }
            if byte == UInt8(ascii: "\\") {
                if peek() == UInt8(ascii: "(") {
                    advance()
                    guard skipInterpolation() != nil else { return false }
                } else if offset < end {
                    advance()
                }
            }
        }
        return false
    }
}

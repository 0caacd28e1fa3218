extension Lexer {
    private static let twoByte: [String: TokenKind] = [
        "**": .power, "+=": .plusAssign, "-=": .minusAssign, "*=": .starAssign,
        "/=": .slashAssign, "==": .equal, "!=": .notEqual, "<=": .lessEqual,
        ">=": .greaterEqual,
    ]
    private static let oneByte: [UInt8: TokenKind] = [
        UInt8(ascii: "("): .leftParen, UInt8(ascii: ")"): .rightParen,
        UInt8(ascii: "["): .leftBracket, UInt8(ascii: "]"): .rightBracket,
        UInt8(ascii: "{"): .leftBrace, UInt8(ascii: "}"): .rightBrace,
        UInt8(ascii: ","): .comma, UInt8(ascii: ":"): .colon, UInt8(ascii: ";"): .semicolon,
        UInt8(ascii: "."): .dot, UInt8(ascii: "+"): .plus, UInt8(ascii: "-"): .minus,
        UInt8(ascii: "*"): .star, UInt8(ascii: "/"): .slash, UInt8(ascii: "%"): .percent,
        UInt8(ascii: "@"): .at, UInt8(ascii: "="): .assign, UInt8(ascii: "<"): .less,
        UInt8(ascii: ">"): .greater,
    ]

    mutating func lexPunctuation(from start: SourcePosition) {
        let byte = peek(0)
        if byte == UInt8(ascii: "."), peek(1) == UInt8(ascii: ".") {
            let third = peek(2)
            if third == UInt8(ascii: "<") || third == UInt8(ascii: ".") {
                advance(3)
                add(third == UInt8(ascii: "<") ? .halfOpenRange : .closedRange, from: start)
                return
            }
        }
        let pair = String(decoding: [byte, peek(1)], as: UTF8.self)
        if let kind = Lexer.twoByte[pair] {
            advance(2)
            add(kind, from: start)
            return
        }
        if let kind = Lexer.oneByte[byte] {
            advance(1)
            trackNesting(kind)
            add(kind, from: start)
            return
        }
        if byte == 0 {
            advance(1)
            error("source contains a NUL byte", from: start)
            return
        }
        var length = 1
        while length < 4 && peek(length) & 0xC0 == 0x80 { length += 1 }
        advance(length)
        let character = String(decoding: bytes[start.offset..<start.offset + length], as: UTF8.self)
        error("unexpected character '\(character)'", from: start)
    }

    private mutating func trackNesting(_ kind: TokenKind) {
        switch kind {
        case .leftParen: openers.append(UInt8(ascii: "("))
        case .leftBracket: openers.append(UInt8(ascii: "["))
        case .leftBrace: openers.append(UInt8(ascii: "{"))
        case .rightParen, .rightBracket, .rightBrace: _ = openers.popLast()
        default: break
        }
    }
}

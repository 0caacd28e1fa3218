/// String measurement in DejaVu Sans, the font every figure's text uses.
///
/// Widths come from the font's advance widths without kerning, so a measured width may
/// differ from the rendered one by a few percent for kerned pairs.
enum TextMetrics {
    static let fontFamily = "DejaVu Sans"
    /// Ascender of the font as a fraction of the font size (hhea ascent 1901 / 2048).
    static let ascent = 0.928
    /// Descender depth as a fraction of the font size (hhea descent 483 / 2048).
    static let descent = 0.236
    /// Height of capitals and digits as a fraction of the font size (1493 / 2048).
    static let capHeight = 0.729
    /// Distance between baselines of consecutive lines, as a multiple of the font size.
    static let lineSpacing = 1.2

    /// Returns the advance width of `text` in points at `size` points.
    static func width(_ text: String, size: Double) -> Double {
        var units = 0
        for scalar in text.unicodeScalars {
            units += advance(scalar)
        }
        return Double(units) / DejaVuSansWidths.unitsPerEm * size
    }

    /// Returns the width of the widest line of `text`.
    static func maxLineWidth(_ text: String, size: Double) -> Double {
        lines(text).map { width($0, size: size) }.max() ?? 0
    }

    /// Returns the height from the top of the first line's capitals to the last baseline.
    static func height(_ text: String, size: Double) -> Double {
        let count = Double(lines(text).count)
        return capHeight * size + (count - 1) * lineSpacing * size
    }

    /// Returns how far the text reaches below its baseline: the descender if any glyph has one.
    static func depth(_ text: String, size: Double) -> Double {
        let descending: Set<Character> = [
            "g", "j", "p", "q", "y", "(", ")", "[", "]", "{", "}", ",", ";", "|",
        ]
        return text.contains(where: { descending.contains($0) }) ? descent * size : 0
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private static func advance(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 32 && value < 127 {
            return DejaVuSansWidths.ascii[Int(value) - 32]
        }
        return DejaVuSansWidths.extra[value] ?? DejaVuSansWidths.fallback
    }
}

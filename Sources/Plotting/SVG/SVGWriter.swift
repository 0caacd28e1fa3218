import Foundation

/// Horizontal alignment of text relative to its anchor point.
enum TextAnchor: String {
    case start, middle, end
}

/// Vertical alignment of text relative to its anchor point.
enum TextBaseline {
    /// The anchor is the top of the capitals.
    case top
    /// The anchor is halfway up the capitals.
    case center
    /// The anchor is the baseline.
    case baseline
    /// The anchor is the lowest point of the text, below any descender.
    case bottom
}

/// Accumulates SVG 1.1 markup with fixed number formatting, so equal input gives equal bytes.
final class SVGWriter {
    private(set) var lines: [String] = []
    private var nextID = 0

    /// Formats a coordinate with at most two decimals and no trailing zeros.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (value * 100).rounded()
        if hundredths == 0 { return "0" }
        var text = String(format: "%.2f", hundredths / 100)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Returns a document-unique identifier with the given prefix.
    func makeID(_ prefix: String) -> String {
        nextID += 1
        return "\(prefix)\(nextID)"
    }

    func raw(_ line: String) {
        lines.append(line)
    }

    func beginGroup(_ attributes: String = "") {
        lines.append(attributes.isEmpty ? "<g>" : "<g \(attributes)>")
    }

    func endGroup() {
        lines.append("</g>")
    }

    /// Defines a rectangular clip path and returns its id.
    func clipRect(_ rect: Rect) -> String {
        let id = makeID("clip")
        lines.append("<defs><clipPath id=\"\(id)\">\(rectTag(rect, style: ""))</clipPath></defs>")
        return id
    }

    func rect(
        _ rect: Rect, fill: String, stroke: String? = nil, strokeWidth: Double = 0.8,
        extra: String = ""
    ) {
        var style = "fill=\"\(fill)\""
        if let stroke {
            style += " stroke=\"\(stroke)\" stroke-width=\"\(Self.number(strokeWidth))\""
        }
        if !extra.isEmpty { style += " " + extra }
        lines.append(rectTag(rect, style: style))
    }

    func line(_ from: Point, _ to: Point, stroke: String, width: Double, extra: String = "") {
        let n = Self.number
        var tag = "<line x1=\"\(n(from.x))\" y1=\"\(n(from.y))\" x2=\"\(n(to.x))\" "
        tag += "y2=\"\(n(to.y))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        if !extra.isEmpty { tag += " " + extra }
        lines.append(tag + "/>")
    }

    func polyline(_ points: [Point], stroke: String, width: Double, extra: String = "") {
        let coordinates = points.map { Self.number($0.x) + "," + Self.number($0.y) }
        var tag = "<polyline points=\"\(coordinates.joined(separator: " "))\" fill=\"none\" "
        tag += "stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\" "
        tag += "stroke-linejoin=\"round\" stroke-linecap=\"square\""
        if !extra.isEmpty { tag += " " + extra }
        lines.append(tag + "/>")
    }

    func polygon(_ points: [Point], fill: String, extra: String = "") {
        let coordinates = points.map { Self.number($0.x) + "," + Self.number($0.y) }
        var tag = "<polygon points=\"\(coordinates.joined(separator: " "))\" fill=\"\(fill)\""
        if !extra.isEmpty { tag += " " + extra }
        lines.append(tag + "/>")
    }

    func circle(center: Point, radius: Double, fill: String, extra: String = "") {
        let n = Self.number
        var tag = "<circle cx=\"\(n(center.x))\" cy=\"\(n(center.y))\" r=\"\(n(radius))\" "
        tag += "fill=\"\(fill)\""
        if !extra.isEmpty { tag += " " + extra }
        lines.append(tag + "/>")
    }

    /// Writes text at `point`; multi-line text stacks lines downward from the first baseline.
    func text(
        _ text: String, at point: Point, size: Double, anchor: TextAnchor = .middle,
        baseline: TextBaseline = .baseline, rotation: Double = 0, fill: String = "#000000"
    ) {
        let lines = TextMetrics.lines(text)
        let step = TextMetrics.lineSpacing * size
        let total = Double(lines.count - 1) * step
        var firstBaseline: Double
        switch baseline {
        case .top: firstBaseline = TextMetrics.capHeight * size
        case .center: firstBaseline = TextMetrics.capHeight * size / 2 - total / 2
        case .baseline: firstBaseline = 0
        case .bottom: firstBaseline = -total - TextMetrics.depth(lines.last ?? "", size: size)
        }
        let n = Self.number
        var transform = "translate(\(n(point.x)) \(n(point.y)))"
        if rotation != 0 { transform += " rotate(\(n(rotation)))" }
        var tag = "<text transform=\"\(transform)\" font-family=\"\(TextMetrics.fontFamily)\" "
        tag += "font-size=\"\(n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\">"
        for (index, line) in lines.enumerated() {
            let y = firstBaseline + Double(index) * step
            tag += "<tspan x=\"0\" y=\"\(n(y))\">\(Self.escape(line))</tspan>"
        }
        self.lines.append(tag + "</text>")
    }

    /// Embeds PNG bytes stretched over `rect`.
    func image(png: [UInt8], in rect: Rect, extra: String = "") {
        let n = Self.number
        var tag = "<image x=\"\(n(rect.x))\" y=\"\(n(rect.y))\" width=\"\(n(rect.width))\" "
        tag += "height=\"\(n(rect.height))\" preserveAspectRatio=\"none\""
        if !extra.isEmpty { tag += " " + extra }
        tag += " xlink:href=\"data:image/png;base64,\(Data(png).base64EncodedString())\"/>"
        lines.append(tag)
    }

    private func rectTag(_ rect: Rect, style: String) -> String {
        let n = Self.number
        var tag = "<rect x=\"\(n(rect.x))\" y=\"\(n(rect.y))\" width=\"\(n(rect.width))\" "
        tag += "height=\"\(n(rect.height))\""
        if !style.isEmpty { tag += " " + style }
        return tag + "/>"
    }
}

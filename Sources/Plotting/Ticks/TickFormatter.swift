import Foundation

/// Tick labels for one axis plus the offset or scale text shown at the axis end.
struct TickLabels: Equatable {
    var labels: [String]
    /// Text such as "1e6" or "+1.234e4" that applies to every label; empty when unused.
    var offsetText: String
}

/// Formats tick values the way matplotlib's ScalarFormatter does.
///
/// All labels share one number of decimals, the fewest that shows every tick exactly.
/// Negative numbers use the minus sign U+2212. Ticks whose magnitude reaches 1e6 or falls
/// below 1e-4 are divided by a power of ten, shown as "1eN" at the axis end. Ticks that
/// agree in their first four significant digits are shown relative to a common offset.
enum TickFormatter {
    static let minus = "\u{2212}"

    static func labels(for ticks: [Double]) -> TickLabels {
        guard !ticks.isEmpty else { return TickLabels(labels: [], offsetText: "") }
        let offset = commonOffset(ticks)
        let shifted = ticks.map { $0 - offset }
        let maxAbs = shifted.map { abs($0) }.max() ?? 0
        var exponent = 0
        if maxAbs > 0 {
            let magnitude = Int(log10(maxAbs).rounded(.down))
            if magnitude >= 6 || magnitude <= -5 { exponent = magnitude }
        }
        let scale = pow(10, Double(exponent))
        let scaled = shifted.map { $0 / scale }
        let decimals = decimalsNeeded(scaled)
        let labels = scaled.map { format($0, decimals: decimals) }
        var offsetText = ""
        if exponent != 0 { offsetText = "1e" + signed(exponent) }
        if offset != 0 {
            offsetText += (offset < 0 ? minus : "+") + compact(abs(offset))
        }
        return TickLabels(labels: labels, offsetText: offsetText)
    }

    /// Formats `value` with a fixed number of decimals and a proper minus sign.
    static func format(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-") {
            let digits = text.dropFirst()
            let isZero = digits.allSatisfy { $0 == "0" || $0 == "." }
            text = isZero ? String(digits) : minus + digits
        }
        return text
    }

    /// Shortest plain rendering of a single value, used for offsets and annotations.
    static func compact(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 {
            return format(value, decimals: 0)
        }
        let magnitude = Int(log10(abs(value)).rounded(.down))
        if magnitude >= 6 || magnitude <= -5 {
            let mantissa = value / pow(10, Double(magnitude))
            return format(mantissa, decimals: decimalsNeeded([mantissa], maxDecimals: 6))
                + "e" + signed(magnitude)
        }
        return format(value, decimals: decimalsNeeded([value], maxDecimals: 8))
    }

    private static func signed(_ exponent: Int) -> String {
        exponent < 0 ? minus + String(-exponent) : String(exponent)
    }

    private static func decimalsNeeded(_ values: [Double], maxDecimals: Int = 12) -> Int {
        let scale = values.map { abs($0) }.max() ?? 0
        for decimals in 0...maxDecimals {
            let factor = pow(10, Double(decimals))
            let exact = values.allSatisfy { value in
                abs((value * factor).rounded() / factor - value) <= max(scale, 1e-300) * 1e-9
            }
            if exact { return decimals }
        }
        return maxDecimals
    }

    /// Returns the offset subtracted from every tick, or 0 when the labels read well without one.
    private static func commonOffset(_ ticks: [Double]) -> Double {
        guard let low = ticks.min(), let high = ticks.max(), high > low else { return 0 }
        let maxAbs = max(abs(low), abs(high))
        let rangeMagnitude = log10(high - low).rounded(.down)
        let valueMagnitude = log10(maxAbs).rounded(.down)
        if valueMagnitude - rangeMagnitude < 4 { return 0 }
        let unit = pow(10, rangeMagnitude + 1)
        let base = low >= 0 ? (low / unit).rounded(.down) : (high / unit).rounded(.up)
        return base * unit
    }
}

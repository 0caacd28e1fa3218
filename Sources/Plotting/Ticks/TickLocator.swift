import Foundation

/// Chooses tick positions at round numbers, in the manner of matplotlib's MaxNLocator.
///
/// The step is 1, 2, 2.5 or 5 times a power of ten (matplotlib's default steps), the
/// smallest one that covers the range with at most `maxBins` intervals.
enum TickLocator {
    static let steps: [Double] = [1, 2, 2.5, 5, 10]

    /// Returns the ticks that lie inside [low, high], at most about `maxBins + 1` of them.
    static func ticks(low: Double, high: Double, maxBins: Int) -> [Double] {
        guard low.isFinite, high.isFinite, high > low else {
            return low.isFinite ? [low] : []
        }
        let bins = Double(max(1, maxBins))
        let rawStep = (high - low) / bins
        let scale = pow(10, (log10(rawStep)).rounded(.down))
        for multiplier in steps {
            let step = multiplier * scale
            if step < rawStep * (1 - 1e-9) { continue }
            let ticks = ticksFor(step: step, low: low, high: high)
            if ticks.count >= 2 || multiplier == steps.last {
                return ticks
            }
        }
        return [low, high]
    }

    /// Number of bins that fit along an axis of `length` points with labels of `fontSize`.
    ///
    /// matplotlib allows one label per three font sizes on x and per two on y, capped at nine.
    static func maxBins(length: Double, fontSize: Double, horizontal: Bool) -> Int {
        let perLabel = fontSize * (horizontal ? 3 : 2)
        return max(1, min(9, Int((length / perLabel).rounded(.down))))
    }

    private static func ticksFor(step: Double, low: Double, high: Double) -> [Double] {
        let tolerance = step * 1e-9
        let first = ((low - tolerance) / step).rounded(.up)
        let last = ((high + tolerance) / step).rounded(.down)
        guard first <= last, last - first < 1000 else { return [] }
        var ticks: [Double] = []
        var index = first
        while index <= last {
            let value = index * step
            ticks.append(value == 0 ? 0 : value)
            index += 1
        }
        return ticks
    }
}

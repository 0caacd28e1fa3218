import Foundation

/// The data interval one axis shows: `start` at the left or bottom edge, `end` at the
/// right or top edge. `start > end` is an inverted axis, as a heatmap's y axis with row 0
/// at the top.
struct AxisView {
    var start: Double
    var end: Double

    var low: Double { min(start, end) }
    var high: Double { max(start, end) }

    /// Position of `value` along the axis, 0 at `start` and 1 at `end`.
    func fraction(_ value: Double) -> Double {
        (value - start) / (end - start)
    }

    func contains(_ value: Double) -> Bool {
        let tolerance = (high - low) * 1e-9
        return value >= low - tolerance && value <= high + tolerance
    }

    /// Builds a view around data from `low` to `high`, padded by `margin` of the range on
    /// each side. An empty range widens by 5% of the value (or 0.05 at zero) first, so
    /// constant data still spans a visible interval. A padded side that crosses `sticky`
    /// stops there, as bars keep their base on zero.
    static func autoscaled(low: Double, high: Double, margin: Double, sticky: Double? = nil)
        -> AxisView
    {
        var low = low
        var high = high
        if low == high {
            let pad = low == 0 ? 0.05 : abs(low) * 0.05
            low -= pad
            high += pad
        }
        let pad = (high - low) * margin
        var start = low - pad
        var end = high + pad
        if let sticky {
            if low >= sticky && start < sticky { start = sticky }
            if high <= sticky && end > sticky { end = sticky }
        }
        return AxisView(start: start, end: end)
    }
}

/// Ticks of one axis with their labels, limited to the visible interval.
struct AxisTicks {
    var positions: [Double]
    var labels: TickLabels

    static let empty = AxisTicks(positions: [], labels: TickLabels(labels: [], offsetText: ""))

    /// Places ticks for `view` along `length` points, or uses `override` when given.
    static func make(view: AxisView, length: Double, horizontal: Bool, override: TickOverride?)
        -> AxisTicks
    {
        if let override {
            var positions: [Double] = []
            var labels: [String] = []
            for (position, label) in zip(override.positions, override.labels)
            where view.contains(position) {
                positions.append(position)
                labels.append(label)
            }
            return AxisTicks(
                positions: positions, labels: TickLabels(labels: labels, offsetText: ""))
        }
        let bins = TickLocator.maxBins(
            length: length, fontSize: Style.fontSize, horizontal: horizontal)
        let positions = TickLocator.ticks(low: view.low, high: view.high, maxBins: bins)
            .filter { view.contains($0) }
        return AxisTicks(positions: positions, labels: TickFormatter.labels(for: positions))
    }

    func maxLabelWidth(size: Double = Style.fontSize) -> Double {
        labels.labels.map { TextMetrics.width($0, size: size) }.max() ?? 0
    }
}

extension Axes {
    /// Returns the x interval shown: explicit limits, else the heatmap extent, else the data
    /// plus 5% on each side.
    func xView() -> AxisView {
        if let limits = xLimits {
            return AxisView.autoscaled(low: limits.lowerBound, high: limits.upperBound, margin: 0)
        }
        if let image = images.last {
            return AxisView(start: image.extent.left, end: image.extent.right)
        }
        var values: [Double] = []
        for series in lines { values += series.x }
        for series in scatters { values += series.x }
        for series in bars {
            for x in series.x {
                values += [x - series.width / 2, x + series.width / 2]
            }
        }
        values += texts.map(\.x) + arrows.flatMap { [$0.from.x, $0.to.x] }
        return autoscale(values, sticky: nil)
    }

    /// Returns the y interval shown, chosen as `xView()` does. Bars keep their base at zero.
    func yView() -> AxisView {
        if let limits = yLimits {
            return AxisView.autoscaled(low: limits.lowerBound, high: limits.upperBound, margin: 0)
        }
        if let image = images.last {
            return AxisView(start: image.extent.bottom, end: image.extent.top)
        }
        var values: [Double] = []
        for series in lines { values += series.y }
        for series in scatters { values += series.y }
        for series in bars { values += series.heights + [0] }
        values += texts.map(\.y) + arrows.flatMap { [$0.from.y, $0.to.y] }
        return autoscale(values, sticky: bars.isEmpty ? nil : 0)
    }

    private func autoscale(_ values: [Double], sticky: Double?) -> AxisView {
        let finite = values.filter { $0.isFinite }
        guard let low = finite.min(), let high = finite.max() else {
            return AxisView(start: 0, end: 1)
        }
        return AxisView.autoscaled(low: low, high: high, margin: 0.05, sticky: sticky)
    }
}

extension Axes {
    private enum LegendHandle {
        case line(Color, Marker)
        case patch(Color)
        case point(Color)
    }

    private var legendEntries: [(label: String, handle: LegendHandle)] {
        var entries: [(String, LegendHandle)] = []
        for series in bars {
            if let label = series.label { entries.append((label, .patch(series.color))) }
        }
        for series in lines {
            if let label = series.label {
                entries.append((label, .line(series.color, series.marker)))
            }
        }
        for series in scatters {
            if let label = series.label, let color = series.colors.compactMap({ $0 }).first {
                entries.append((label, .point(color)))
            }
        }
        return entries
    }

    /// Draws a framed legend in a corner of `box`, one row per labelled series.
    func drawLegend(in box: Rect, location: LegendLocation, to svg: SVGWriter) {
        let entries = legendEntries
        guard !entries.isEmpty else { return }
        let size = Style.fontSize
        let handleWidth = 2 * size
        let rowHeight = size * 1.3
        let padding = size * 0.4
        let textWidth = entries.map { TextMetrics.width($0.label, size: size) }.max() ?? 0
        let width = padding * 2 + handleWidth + size * 0.8 + textWidth
        let height = padding * 2 + rowHeight * Double(entries.count)
        let margin = size * 0.5
        let left = location == .upperLeft || location == .lowerLeft
        let upper = location == .upperLeft || location == .upperRight
        let frame = Rect(
            x: left ? box.x + margin : box.maxX - margin - width,
            y: upper ? box.y + margin : box.maxY - margin - height, width: width, height: height)
        svg.beginGroup("class=\"legend\"")
        svg.rect(
            frame, fill: "#ffffff", stroke: "#cccccc", strokeWidth: 1,
            extra: "fill-opacity=\"0.8\" rx=\"2\"")
        for (index, entry) in entries.enumerated() {
            let y = frame.y + padding + rowHeight * (Double(index) + 0.5)
            let x = frame.x + padding
            drawHandle(entry.handle, x: x, y: y, width: handleWidth, to: svg)
            svg.text(
                entry.label, at: Point(x: x + handleWidth + size * 0.8, y: y), size: size,
                anchor: .start, baseline: .center)
        }
        svg.endGroup()
    }

    private func drawHandle(
        _ handle: LegendHandle, x: Double, y: Double, width: Double,
        to svg: SVGWriter
    ) {
        switch handle {
        case .line(let color, let marker):
            svg.line(
                Point(x: x, y: y), Point(x: x + width, y: y), stroke: color.hex,
                width: Style.lineWidth)
            if marker != .none {
                drawMarker(
                    marker, at: Point(x: x + width / 2, y: y), size: Style.markerSize,
                    color: color, to: svg, className: "legend-marker")
            }
        case .patch(let color):
            svg.rect(Rect(x: x, y: y - 3.5, width: width, height: 7), fill: color.hex)
        case .point(let color):
            svg.circle(center: Point(x: x + width / 2, y: y), radius: 3, fill: color.hex)
        }
    }
}

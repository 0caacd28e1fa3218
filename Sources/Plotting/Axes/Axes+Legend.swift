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

    /// Returns the legend's frame in a corner of `box`.
    private func legendFrame(in box: Rect, location: LegendLocation, entries: Int) -> Rect {
        let size = Style.fontSize
        let textWidth = legendEntries.map { TextMetrics.width($0.label, size: size) }.max() ?? 0
        let width = size * 0.8 + 2 * size + size * 0.8 + textWidth
        let height = size * 0.8 + size * 1.3 * Double(entries)
        let margin = size * 0.5
        let left = location == .upperLeft || location == .lowerLeft
        let upper = location == .upperLeft || location == .upperRight || location == .best
        return Rect(
            x: left ? box.x + margin : box.maxX - margin - width,
            y: upper ? box.y + margin : box.maxY - margin - height, width: width, height: height)
    }

    /// Returns the corner whose legend frame covers the fewest data points. Lines count their
    /// vertices and 7 points between each pair, bars a 10 × 10 grid each. Ties go to upper
    /// right, upper left, lower left, then lower right, as in matplotlib.
    func bestLegendLocation(_ layout: AxesLayout) -> LegendLocation {
        let corners: [LegendLocation] = [.upperRight, .upperLeft, .lowerLeft, .lowerRight]
        let count = legendEntries.count
        guard count > 0 else { return .upperRight }
        var points: [Point] = []
        for series in lines {
            var previous: Point?
            for (x, y) in zip(series.x, series.y) {
                guard x.isFinite, y.isFinite else {
                    previous = nil
                    continue
                }
                let point = layout.point(x, y)
                if let previous {
                    for step in 1..<8 {
                        let t = Double(step) / 8
                        points.append(Point(x: previous.x + (point.x - previous.x) * t, y: previous.y + (point.y - previous.y) * t))
                    }
                }
                points.append(point)
                previous = point
            }
        }
        for series in scatters {
            for (x, y) in zip(series.x, series.y) where x.isFinite && y.isFinite { points.append(layout.point(x, y)) }
        }
        for series in bars {
            for (x, height) in zip(series.x, series.heights) where x.isFinite && height.isFinite {
                let left = layout.pixelX(x - series.width / 2), right = layout.pixelX(x + series.width / 2)
                let base = layout.pixelY(0), top = layout.pixelY(height)
                for i in 0..<10 {
                    for j in 0..<10 {
                        let u = (Double(i) + 0.5) / 10, v = (Double(j) + 0.5) / 10
                        points.append(Point(x: left + (right - left) * u, y: base + (top - base) * v))
                    }
                }
            }
        }
        var best = LegendLocation.upperRight, fewest = Int.max
        for corner in corners {
            // The margin counts markers whose centre lies just outside the frame.
            let frame = legendFrame(in: layout.box, location: corner, entries: count)
            let margin = 6.0
            let covered = points.filter {
                $0.x >= frame.x - margin && $0.x <= frame.maxX + margin
                    && $0.y >= frame.y - margin && $0.y <= frame.maxY + margin
            }.count
            if covered < fewest {
                best = corner
                fewest = covered
            }
        }
        return best
    }

    /// Draws a framed legend in a corner of `box`, one row per labelled series.
    func drawLegend(in box: Rect, location: LegendLocation, to svg: SVGWriter) {
        let entries = legendEntries
        guard !entries.isEmpty else { return }
        let size = Style.fontSize
        let handleWidth = 2 * size
        let rowHeight = size * 1.3
        let padding = size * 0.4
        let frame = legendFrame(in: box, location: location, entries: entries.count)
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

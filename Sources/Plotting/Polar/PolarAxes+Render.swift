import Foundation

extension PolarAxes {
    /// Draws the polar axes centred in `cell`, leaving room for the title and angle labels.
    func render(in cell: Rect, to svg: SVGWriter) {
        let labelRoom = Style.tickPad * 2 + TextMetrics.width("180°", size: Style.fontSize)
        var top = labelRoom
        if !title.isEmpty {
            top = max(
                top,
                Style.titlePad + Style.fontSize * 1.6
                    + TextMetrics.height(title, size: Style.titleSize))
        }
        let area = cell.inset(left: labelRoom, top: top, right: labelRoom, bottom: labelRoom)
        let radius = max(1, min(area.width, area.height) / 2)
        let center = Point(x: area.center.x, y: area.y + radius + (area.height / 2 - radius))
        let view = radialView()
        let project = { (theta: Double, r: Double) -> Point in
            let distance = view.fraction(r) * radius
            return Point(x: center.x + distance * cos(theta), y: center.y - distance * sin(theta))
        }
        svg.beginGroup("class=\"polar-axes\"")
        svg.circle(center: center, radius: radius, fill: "#ffffff")
        drawGrid(center: center, radius: radius, view: view, to: svg)
        drawData(project: project, to: svg)
        svg.circle(
            center: center, radius: radius, fill: "none",
            extra: "stroke=\"#000000\" stroke-width=\"\(SVGWriter.number(Style.spineWidth))\"")
        drawAngleLabels(center: center, radius: radius, to: svg)
        if !title.isEmpty {
            let y = center.y - radius - Style.titlePad - Style.fontSize * 1.6
            svg.text(title, at: Point(x: center.x, y: y), size: Style.titleSize, baseline: .bottom)
        }
        svg.endGroup()
    }

    private func drawGrid(center: Point, radius: Double, view: AxisView, to svg: SVGWriter) {
        let gridColor = Color.gridGray.hex
        for step in 0..<8 {
            let angle = Double(step) * Double.pi / 4
            let end = Point(x: center.x + radius * cos(angle), y: center.y - radius * sin(angle))
            svg.line(center, end, stroke: gridColor, width: 0.8)
        }
        guard showRadialTicks else { return }
        let bins = TickLocator.maxBins(length: radius, fontSize: Style.fontSize, horizontal: false)
        let ticks = TickLocator.ticks(low: view.low, high: view.high, maxBins: min(bins, 5))
            .filter { $0 > view.low && view.contains($0) && view.fraction($0) < 0.999 }
        let labels = TickFormatter.labels(for: ticks).labels
        let labelAngle = Double.pi / 8
        for (value, label) in zip(ticks, labels) {
            let distance = view.fraction(value) * radius
            svg.circle(
                center: center, radius: distance, fill: "none",
                extra: "stroke=\"\(gridColor)\" stroke-width=\"0.8\"")
            let at = Point(
                x: center.x + distance * cos(labelAngle),
                y: center.y - distance * sin(labelAngle))
            svg.text(label, at: at, size: Style.fontSize, anchor: .start, baseline: .bottom)
        }
    }

    private func drawData(project: (Double, Double) -> Point, to svg: SVGWriter) {
        for series in lines {
            let points = zip(series.x, series.y).map { theta, r -> Point? in
                guard theta.isFinite && r.isFinite else { return nil }
                return project(theta, r)
            }
            for segment in finiteRuns(points) where segment.count >= 2 {
                svg.polyline(segment, stroke: series.color.hex, width: series.width)
            }
            for point in points.compactMap({ $0 }) {
                drawMarker(
                    series.marker, at: point, size: series.markerSize, color: series.color,
                    to: svg)
            }
        }
        for series in scatters {
            let opacity =
                series.alpha < 1 ? " fill-opacity=\"\(SVGWriter.number(series.alpha))\"" : ""
            for index in series.x.indices {
                let theta = series.x[index]
                let r = series.y[index]
                guard theta.isFinite, r.isFinite, let color = series.colors[index] else { continue }
                svg.circle(
                    center: project(theta, r), radius: series.areas[index].squareRoot() / 2,
                    fill: color.hex, extra: "class=\"marker\"" + opacity)
            }
        }
    }

    private func drawAngleLabels(center: Point, radius: Double, to svg: SVGWriter) {
        let distance = radius + Style.tickPad * 2
        for step in 0..<8 {
            let angle = Double(step) * Double.pi / 4
            let cosine = cos(angle)
            let sine = sin(angle)
            let at = Point(x: center.x + distance * cosine, y: center.y - distance * sine)
            let anchor: TextAnchor = cosine > 0.1 ? .start : (cosine < -0.1 ? .end : .middle)
            let baseline: TextBaseline = sine > 0.1 ? .bottom : (sine < -0.1 ? .top : .center)
            svg.text(
                "\(step * 45)°", at: at, size: Style.fontSize, anchor: anchor,
                baseline: baseline)
        }
    }
}

import Foundation

extension Axes {
    func drawImages(_ layout: AxesLayout, to svg: SVGWriter) {
        for image in images {
            let left = layout.pixelX(image.extent.left)
            let right = layout.pixelX(image.extent.right)
            let rowZeroEdge = image.origin == .upper ? image.extent.top : image.extent.bottom
            let otherEdge = image.origin == .upper ? image.extent.bottom : image.extent.top
            let rowZeroY = layout.pixelY(rowZeroEdge)
            let otherY = layout.pixelY(otherEdge)
            let frame = Rect(
                x: min(left, right), y: min(rowZeroY, otherY), width: abs(right - left),
                height: abs(otherY - rowZeroY))
            // rsvg-convert 2.54 smooths embedded images even with image-rendering set, so each
            // cell becomes a block of pixels to keep cell edges sharp. A budget of 768 pixels
            // along the longer side keeps a 512 x 512 heatmap at one pixel per cell.
            let longer = max(image.matrix.rows, image.matrix.columns)
            let factor = min(64, max(1, 768 / longer))
            let raster = raster(for: image, rowZeroAtTop: rowZeroY <= otherY).scaled(by: factor)
            svg.image(
                png: PNGEncoder.encode(raster), in: frame,
                extra: "class=\"heatmap\" style=\"image-rendering:pixelated\"")
        }
    }

    func drawBars(_ layout: AxesLayout, to svg: SVGWriter) {
        for series in bars {
            for (x, height) in zip(series.x, series.heights) where x.isFinite && height.isFinite {
                let left = layout.pixelX(x - series.width / 2)
                let right = layout.pixelX(x + series.width / 2)
                let base = layout.pixelY(0)
                let top = layout.pixelY(height)
                let frame = Rect(
                    x: min(left, right), y: min(base, top), width: abs(right - left),
                    height: abs(top - base))
                svg.rect(frame, fill: series.color.hex)
            }
        }
    }

    func drawLines(_ layout: AxesLayout, to svg: SVGWriter) {
        for series in lines {
            let points = zip(series.x, series.y).map { x, y -> Point? in
                guard x.isFinite && y.isFinite else { return nil }
                return layout.point(x, y)
            }
            for segment in finiteRuns(points) where segment.count >= 2 {
                svg.polyline(segment, stroke: series.color.hex, width: series.width)
            }
        }
    }

    /// Draws the markers of every line; they go above scatter points, as start and end
    /// markers should stay visible.
    func drawLineMarkers(_ layout: AxesLayout, to svg: SVGWriter) {
        for series in lines where series.marker != .none {
            for (x, y) in zip(series.x, series.y) where x.isFinite && y.isFinite {
                drawMarker(
                    series.marker, at: layout.point(x, y), size: series.markerSize,
                    color: series.color, to: svg)
            }
        }
    }

    func drawScatters(_ layout: AxesLayout, to svg: SVGWriter) {
        for series in scatters {
            let opacity =
                series.alpha < 1 ? " fill-opacity=\"\(SVGWriter.number(series.alpha))\"" : ""
            for index in series.x.indices {
                let x = series.x[index]
                let y = series.y[index]
                guard x.isFinite, y.isFinite, let color = series.colors[index] else { continue }
                let radius = series.areas[index].squareRoot() / 2
                svg.circle(
                    center: layout.point(x, y), radius: radius, fill: color.hex,
                    extra: "class=\"marker\"" + opacity)
            }
        }
    }

    func drawArrows(_ layout: AxesLayout, to svg: SVGWriter) {
        for arrow in arrows {
            let from = layout.point(arrow.from.x, arrow.from.y)
            let to = layout.point(arrow.to.x, arrow.to.y)
            drawArrow(from: from, to: to, color: arrow.color, width: arrow.width, to: svg)
        }
    }

    func drawTexts(_ layout: AxesLayout, to svg: SVGWriter) {
        for text in texts {
            svg.text(
                text.text, at: layout.point(text.x, text.y), size: text.size,
                baseline: .center, fill: text.color.hex)
        }
    }
}

/// Splits a sequence of optional points into runs of consecutive present points.
func finiteRuns(_ points: [Point?]) -> [[Point]] {
    var runs: [[Point]] = []
    var current: [Point] = []
    for point in points {
        if let point {
            current.append(point)
        } else if !current.isEmpty {
            runs.append(current)
            current = []
        }
    }
    if !current.isEmpty { runs.append(current) }
    return runs
}

/// Draws one marker of `size` points (its diameter or side) centred at `point`.
///
/// Data markers carry the class "marker" so that tests and tools can count them; legend
/// samples pass another class.
func drawMarker(
    _ marker: Marker, at point: Point, size: Double, color: Color, to svg: SVGWriter,
    className: String = "marker"
) {
    let half = size / 2
    let tagClass = "class=\"\(className)\""
    switch marker {
    case .none:
        return
    case .circle:
        svg.circle(center: point, radius: half, fill: color.hex, extra: tagClass)
    case .square:
        let frame = Rect(x: point.x - half, y: point.y - half, width: size, height: size)
        svg.rect(frame, fill: color.hex, extra: tagClass)
    case .triangle:
        let corners = [
            Point(x: point.x, y: point.y - half), Point(x: point.x + half, y: point.y + half),
            Point(x: point.x - half, y: point.y + half),
        ]
        svg.polygon(corners, fill: color.hex, extra: tagClass)
    }
}

/// Draws a straight arrow whose head ends exactly at `to`.
func drawArrow(from: Point, to: Point, color: Color, width: Double, to svg: SVGWriter) {
    let dx = to.x - from.x
    let dy = to.y - from.y
    let length = (dx * dx + dy * dy).squareRoot()
    guard length > 0 else { return }
    let headLength = min(length, 4 + 3 * width)
    let headHalfWidth = headLength * 0.45
    let ux = dx / length
    let uy = dy / length
    let base = Point(x: to.x - ux * headLength, y: to.y - uy * headLength)
    svg.line(from, base, stroke: color.hex, width: width)
    let corners = [
        to, Point(x: base.x - uy * headHalfWidth, y: base.y + ux * headHalfWidth),
        Point(x: base.x + uy * headHalfWidth, y: base.y - ux * headHalfWidth),
    ]
    svg.polygon(corners, fill: color.hex)
}

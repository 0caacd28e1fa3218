/// A point in SVG user units (points), y pointing down.
struct Point: Equatable {
    var x: Double
    var y: Double
}

/// An axis-aligned rectangle in SVG user units; (x, y) is the top-left corner.
struct Rect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var center: Point { Point(x: x + width / 2, y: y + height / 2) }

    /// Returns the rectangle shrunk by the given margins; sizes never go below 1 point.
    func inset(left: Double, top: Double, right: Double, bottom: Double) -> Rect {
        Rect(
            x: x + left, y: y + top, width: max(1, width - left - right),
            height: max(1, height - top - bottom))
    }
}

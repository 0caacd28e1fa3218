import Foundation

/// A figure of `rows` x `columns` panels, each Cartesian or polar, written as SVG 1.1.
///
/// Sizes are in inches as in matplotlib; the SVG measures 72 points per inch. Panels are
/// numbered row by row from 0.
public final class Figure {
    public let width: Double
    public let height: Double
    public let rows: Int
    public let columns: Int
    /// Title centred above all panels, as matplotlib's `suptitle`.
    public var title = ""

    enum Panel {
        case cartesian(Axes)
        case polar(PolarAxes)
    }

    var panels: [Panel?]

    /// Creates an empty figure; throws on non-positive sizes or grid dimensions.
    public init(width: Double = 6.4, height: Double = 4.8, rows: Int = 1, columns: Int = 1) throws {
        try requirePositive(width, name: "figure width")
        try requirePositive(height, name: "figure height")
        if rows <= 0 || columns <= 0 {
            throw PlotError.invalidArgument(
                "figure grid must have at least one row and column, got \(rows) x \(columns)")
        }
        if rows * columns > 10_000 {
            throw PlotError.invalidArgument("figure grid of \(rows) x \(columns) is too large")
        }
        self.width = width
        self.height = height
        self.rows = rows
        self.columns = columns
        panels = Array(repeating: nil, count: rows * columns)
    }

    /// Returns the Cartesian axes of panel `index`, creating them on first use.
    public func axes(_ index: Int = 0) throws -> Axes {
        try checkIndex(index)
        switch panels[index] {
        case .cartesian(let axes)?:
            return axes
        case .polar?:
            throw PlotError.invalidArgument(
                "panel \(index) already contains polar axes; use polarAxes(\(index))")
        case nil:
            let axes = Axes()
            panels[index] = .cartesian(axes)
            return axes
        }
    }

    /// Returns the polar axes of panel `index`, creating them on first use.
    public func polarAxes(_ index: Int = 0) throws -> PolarAxes {
        try checkIndex(index)
        switch panels[index] {
        case .polar(let axes)?:
            return axes
        case .cartesian?:
            throw PlotError.invalidArgument(
                "panel \(index) already contains Cartesian axes; use axes(\(index))")
        case nil:
            let axes = PolarAxes()
            panels[index] = .polar(axes)
            return axes
        }
    }

    private func checkIndex(_ index: Int) throws {
        if index < 0 || index >= panels.count {
            throw PlotError.invalidArgument(
                "panel index \(index) is out of range for a \(rows) x \(columns) figure "
                    + "(valid: 0..<\(panels.count))")
        }
    }

    /// Renders the figure as an SVG document; equal figures give identical bytes.
    public func svg() -> String {
        let pointsWide = width * 72
        let pointsHigh = height * 72
        let writer = SVGWriter()
        let n = SVGWriter.number
        writer.raw("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?>")
        writer.raw(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                + "version=\"1.1\" width=\"\(n(pointsWide))pt\" height=\"\(n(pointsHigh))pt\" "
                + "viewBox=\"0 0 \(n(pointsWide)) \(n(pointsHigh))\">")
        writer.rect(Rect(x: 0, y: 0, width: pointsWide, height: pointsHigh), fill: "#ffffff")
        var top = Style.cellPad
        if !title.isEmpty {
            writer.text(
                title, at: Point(x: pointsWide / 2, y: Style.cellPad * 2),
                size: Style.titleSize + 2, baseline: .top)
            top += TextMetrics.height(title, size: Style.titleSize + 2) + Style.cellPad * 2
        }
        let grid = Rect(
            x: Style.cellPad, y: top, width: pointsWide - 2 * Style.cellPad,
            height: pointsHigh - top - Style.cellPad)
        for (index, panel) in panels.enumerated() {
            guard let panel else { continue }
            let cell = cellRect(index, in: grid)
            switch panel {
            case .cartesian(let axes): axes.render(in: cell, to: writer)
            case .polar(let axes): axes.render(in: cell, to: writer)
            }
        }
        writer.raw("</svg>")
        return writer.lines.joined(separator: "\n") + "\n"
    }

    private func cellRect(_ index: Int, in grid: Rect) -> Rect {
        let cellWidth = grid.width / Double(columns)
        let cellHeight = grid.height / Double(rows)
        let row = Double(index / columns)
        let column = Double(index % columns)
        let cell = Rect(
            x: grid.x + column * cellWidth, y: grid.y + row * cellHeight,
            width: cellWidth, height: cellHeight)
        return cell.inset(
            left: Style.cellPad, top: Style.cellPad, right: Style.cellPad,
            bottom: Style.cellPad)
    }
}

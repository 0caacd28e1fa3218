/// Shape drawn at each data point of a line.
public enum Marker: String, CaseIterable {
    case none, circle, square, triangle
}

/// Placement of a heatmap's row 0: the top (matplotlib's default) or the bottom.
public enum ImageOrigin {
    case upper, lower
}

/// Cell shape of a heatmap: square cells, or cells stretched to fill the axes.
public enum ImageAspect {
    case equal, auto
}

/// Corner of the axes that contains the legend; `best`, as matplotlib's default, takes
/// the corner that covers the fewest data points.
public enum LegendLocation: String, CaseIterable {
    case best
    case upperRight = "upper right", upperLeft = "upper left", lowerLeft = "lower left", lowerRight = "lower right"
}

/// Font sizes and line widths of matplotlib's default style, in points.
enum Style {
    static let fontSize = 10.0
    static let titleSize = 12.0
    static let tickLength = 3.5
    static let tickWidth = 0.8
    static let tickPad = 3.5
    static let labelPad = 4.0
    static let titlePad = 6.0
    static let spineWidth = 0.8
    static let lineWidth = 1.5
    static let markerSize = 6.0
    /// Space kept free around each grid cell of a figure.
    static let cellPad = 5.4
    /// Gap between axes and colorbar, as a fraction of the axes width (matplotlib's pad 0.05).
    static let colorbarPad = 0.05
    /// Colorbar height over width (matplotlib's aspect 20).
    static let colorbarAspect = 20.0
}

/// Cartesian axes: one panel of a figure with data series, ticks, labels and a colorbar.
///
/// Obtain axes from `Figure.axes(_:)`. Every plotting call checks its input and throws
/// `PlotError` on empty, all-NaN or mismatched data.
public final class Axes {
    public var title = ""
    public var xLabel = ""
    public var yLabel = ""
    /// Draws light grey grid lines at the major ticks.
    public var grid = false
    /// Fixed view limits; nil means autoscale to the data.
    public var xLimits: ClosedRange<Double>?
    public var yLimits: ClosedRange<Double>?

    var lines: [LineSeries] = []
    var scatters: [ScatterSeries] = []
    var bars: [BarSeries] = []
    var images: [ImageSeries] = []
    var texts: [TextAnnotation] = []
    var arrows: [ArrowAnnotation] = []
    var xTickOverride: TickOverride?
    var yTickOverride: TickOverride?
    var legendLocation: LegendLocation?
    /// The most recent colour-mapped series, which `colorbar(label:)` describes.
    var lastScale: ColorScale?
    var colorbar: (scale: ColorScale, label: String)?
    private var cycleIndex = 0

    init() {}

    func nextColor() -> Color {
        defer { cycleIndex += 1 }
        return Color.cycle(cycleIndex)
    }

    /// Draws a line through (x[i], y[i]); a NaN or infinite coordinate breaks the line.
    ///
    /// With a marker, every finite point gets one, including a point isolated between gaps.
    public func plot(
        x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
        lineWidth: Double = 1.5, marker: Marker = .none, markerSize: Double = 6
    ) throws {
        try requireSameLength(x, y, names: ("x", "y"))
        try requireFinitePairs(x, y)
        try requirePositive(lineWidth, name: "lineWidth")
        try requirePositive(markerSize, name: "markerSize")
        lines.append(
            LineSeries(
                x: x, y: y, color: color ?? nextColor(), width: lineWidth, marker: marker,
                markerSize: markerSize, label: label))
    }

    /// Draws `y` against its indices 0, 1, 2, ...
    public func plot(
        _ y: [Double], label: String? = nil, color: Color? = nil, lineWidth: Double = 1.5,
        marker: Marker = .none, markerSize: Double = 6
    ) throws {
        let x = (0..<y.count).map(Double.init)
        try plot(
            x: x, y: y, label: label, color: color, lineWidth: lineWidth, marker: marker,
            markerSize: markerSize)
    }

    /// Single-precision variant of `plot(x:y:)`; array literals pick the Double version.
    @_disfavoredOverload
    public func plot(
        x: [Float], y: [Float], label: String? = nil, color: Color? = nil,
        lineWidth: Double = 1.5, marker: Marker = .none, markerSize: Double = 6
    ) throws {
        try plot(
            x: x.map(Double.init), y: y.map(Double.init), label: label, color: color,
            lineWidth: lineWidth, marker: marker, markerSize: markerSize)
    }

    /// Draws a circle per point. `values` colours points through `colormap`; `size` is the
    /// marker area in square points, as matplotlib's `s`.
    public func scatter(
        x: [Double], y: [Double], values: [Double]? = nil, colormap: String = "viridis",
        vmin: Double? = nil, vmax: Double? = nil, color: Color? = nil, size: Double = 36,
        sizes: [Double]? = nil, alpha: Double = 1, label: String? = nil
    ) throws {
        try requireSameLength(x, y, names: ("x", "y"))
        try requireFinitePairs(x, y)
        let areas = try markerAreas(count: x.count, size: size, sizes: sizes)
        try requireAlpha(alpha)
        var colors: [Color?]
        if let values {
            try requireSameLength(x, values, names: ("x", "values"))
            try requireFinite(values, name: "values")
            let scale = ColorScale(
                colormap: try Colormap(named: colormap),
                normalization: try ColorNormalization(values: values, vmin: vmin, vmax: vmax))
            colors = values.map { $0.isFinite ? scale.color(for: $0) : nil }
            lastScale = scale
        } else {
            colors = Array(repeating: color ?? nextColor(), count: x.count)
        }
        scatters.append(
            ScatterSeries(x: x, y: y, colors: colors, areas: areas, alpha: alpha, label: label))
    }

    /// Draws vertical bars of `heights` centred at `x`.
    public func bar(
        x: [Double], heights: [Double], width: Double = 0.8, color: Color? = nil,
        label: String? = nil
    ) throws {
        try requireSameLength(x, heights, names: ("x", "heights"))
        try requireFinitePairs(x, heights)
        try requirePositive(width, name: "width")
        bars.append(
            BarSeries(
                x: x, heights: heights, width: width, color: color ?? nextColor(),
                label: label))
    }

    /// Draws bars at 0, 1, 2, ... labelled with `categories`.
    public func bar(
        categories: [String], heights: [Double], width: Double = 0.8, color: Color? = nil,
        label: String? = nil
    ) throws {
        let x = (0..<categories.count).map(Double.init)
        try bar(x: x, heights: heights, width: width, color: color, label: label)
        try setXTicks(x, labels: categories)
    }

    /// Writes `text` centred on the data point (x, y).
    public func text(
        x: Double, y: Double, _ text: String, color: Color = .black, size: Double = 10
    ) throws {
        if !x.isFinite || !y.isFinite {
            throw PlotError.invalidArgument("text position must be finite, got (\(x), \(y))")
        }
        try requirePositive(size, name: "size")
        texts.append(TextAnnotation(x: x, y: y, text: text, color: color, size: size))
    }

    /// Draws an arrow from one data point to another.
    public func arrow(
        from: (x: Double, y: Double), to: (x: Double, y: Double), color: Color = .black,
        width: Double = 1
    ) throws {
        let coordinates = [from.x, from.y, to.x, to.y]
        if !coordinates.allSatisfy({ $0.isFinite }) {
            throw PlotError.invalidArgument("arrow end points must be finite")
        }
        try requirePositive(width, name: "width")
        arrows.append(ArrowAnnotation(from: from, to: to, color: color, width: width))
    }

    /// Shows a legend of every labelled series.
    public func legend(location: LegendLocation = .best) {
        legendLocation = location
    }

    /// Replaces the automatic x ticks; an empty array removes them.
    public func setXTicks(_ positions: [Double], labels: [String]? = nil) throws {
        xTickOverride = try tickOverride(positions, labels: labels)
    }

    /// Replaces the automatic y ticks; an empty array removes them.
    public func setYTicks(_ positions: [Double], labels: [String]? = nil) throws {
        yTickOverride = try tickOverride(positions, labels: labels)
    }

    private func tickOverride(_ positions: [Double], labels: [String]?) throws -> TickOverride {
        if !positions.allSatisfy({ $0.isFinite }) {
            throw PlotError.invalidArgument("tick positions must be finite")
        }
        let text = labels ?? TickFormatter.labels(for: positions).labels
        if text.count != positions.count {
            throw PlotError.invalidArgument(
                "got \(text.count) tick labels for \(positions.count) tick positions")
        }
        return TickOverride(positions: positions, labels: text)
    }
}

/// Throws unless at least one (x, y) pair is finite in both coordinates.
func requireFinitePairs(_ x: [Double], _ y: [Double]) throws {
    if x.isEmpty {
        throw PlotError.invalidData("data is empty")
    }
    if !zip(x, y).contains(where: { $0.isFinite && $1.isFinite }) {
        throw PlotError.invalidData("data has no finite point (all NaN or infinite)")
    }
}

func requireAlpha(_ alpha: Double) throws {
    if !(alpha >= 0 && alpha <= 1) {
        throw PlotError.invalidArgument("alpha must be in [0, 1], got \(alpha)")
    }
}

func markerAreas(count: Int, size: Double, sizes: [Double]?) throws -> [Double] {
    guard let sizes else {
        try requirePositive(size, name: "size")
        return Array(repeating: size, count: count)
    }
    if sizes.count != count {
        throw PlotError.invalidData("sizes has \(sizes.count) values but x has \(count)")
    }
    for value in sizes where !(value.isFinite && value >= 0) {
        throw PlotError.invalidArgument("sizes must be finite and non-negative, got \(value)")
    }
    return sizes
}

/// Polar axes: angle in radians counter-clockwise from the right, radius outward.
///
/// The radial axis starts at 0 when every radius is non-negative, as matplotlib's does.
/// Angular grid lines and labels sit every 45 degrees.
public final class PolarAxes {
    public var title = ""
    /// Shows radial grid circles with their labels along the 22.5-degree ray; false hides
    /// both, as matplotlib's `yticks([])` does.
    public var showRadialTicks = true
    /// Fixed outer radius; nil means the largest radius plus 5%.
    public var radialLimit: Double?

    var lines: [LineSeries] = []
    var scatters: [ScatterSeries] = []
    var lastScale: ColorScale?
    private var cycleIndex = 0

    init() {}

    private func nextColor() -> Color {
        defer { cycleIndex += 1 }
        return Color.cycle(cycleIndex)
    }

    /// Draws a line through (theta[i], r[i]); a NaN or infinite value breaks the line.
    public func plot(
        theta: [Double], r: [Double], label: String? = nil, color: Color? = nil,
        lineWidth: Double = 1.5, marker: Marker = .none, markerSize: Double = 6
    ) throws {
        try requireSameLength(theta, r, names: ("theta", "r"))
        try requireFinitePairs(theta, r)
        try requirePositive(lineWidth, name: "lineWidth")
        try requirePositive(markerSize, name: "markerSize")
        lines.append(
            LineSeries(
                x: theta, y: r, color: color ?? nextColor(), width: lineWidth,
                marker: marker, markerSize: markerSize, label: label))
    }

    /// Draws a circle per point; `values` colours points through `colormap` and `size` is
    /// the marker area in square points.
    public func scatter(
        theta: [Double], r: [Double], values: [Double]? = nil, colormap: String = "viridis",
        vmin: Double? = nil, vmax: Double? = nil, color: Color? = nil, size: Double = 36,
        sizes: [Double]? = nil, alpha: Double = 1, label: String? = nil
    ) throws {
        try requireSameLength(theta, r, names: ("theta", "r"))
        try requireFinitePairs(theta, r)
        let areas = try markerAreas(count: theta.count, size: size, sizes: sizes)
        try requireAlpha(alpha)
        var colors: [Color?]
        if let values {
            try requireSameLength(theta, values, names: ("theta", "values"))
            try requireFinite(values, name: "values")
            let scale = ColorScale(
                colormap: try Colormap(named: colormap),
                normalization: try ColorNormalization(values: values, vmin: vmin, vmax: vmax))
            colors = values.map { $0.isFinite ? scale.color(for: $0) : nil }
            lastScale = scale
        } else {
            colors = Array(repeating: color ?? nextColor(), count: theta.count)
        }
        scatters.append(
            ScatterSeries(x: theta, y: r, colors: colors, areas: areas, alpha: alpha, label: label))
    }

    /// Returns the radial interval: from 0 (or the smallest radius if negative) to the
    /// largest radius plus 5%.
    func radialView() -> AxisView {
        let radii = (lines.flatMap(\.y) + scatters.flatMap(\.y)).filter { $0.isFinite }
        let low = min(0, radii.min() ?? 0)
        if let radialLimit, radialLimit > low {
            return AxisView(start: low, end: radialLimit)
        }
        let high = radii.max() ?? 1
        if high <= low { return AxisView(start: low, end: low + 1) }
        return AxisView(start: low, end: high + (high - low) * 0.05)
    }
}

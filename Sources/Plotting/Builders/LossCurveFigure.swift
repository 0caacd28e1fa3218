/// One named series of a training history, such as "train" or "val" loss per epoch.
public struct LossSeries {
    public var name: String
    public var values: [Double]
    /// Step or epoch of each value; nil numbers them 1, 2, 3, ...
    public var steps: [Double]?

    public init(name: String, values: [Double], steps: [Double]? = nil) {
        self.name = name
        self.values = values
        self.steps = steps
    }
}

/// Builds loss curves: one line per series in the given order, with a legend.
public func lossCurveFigure(
    history: [LossSeries], xLabel: String = "Epoch", yLabel: String = "Loss",
    title: String = "Training History"
) throws -> Figure {
    if history.isEmpty {
        throw PlotError.invalidData("loss history has no series")
    }
    let figure = try Figure(width: 6.4, height: 4.8)
    let axes = try figure.axes(0)
    for series in history {
        let steps = series.steps ?? series.values.indices.map { Double($0 + 1) }
        do {
            try axes.plot(
                x: steps, y: series.values, label: series.name,
                marker: series.values.count <= 30 ? .circle : .none, markerSize: 4)
        } catch let error as PlotError {
            throw PlotError.invalidData("loss series '\(series.name)': \(error.description)")
        }
    }
    axes.title = title
    axes.xLabel = xLabel
    axes.yLabel = yLabel
    axes.grid = true
    axes.legend()
    return figure
}

/// Builds the two-panel synchronisation figure: the coupling heatmap with a colorbar beside
/// the polar phase portrait coloured by time.
///
/// - Parameters:
///   - coupling: [T, T] coupling strengths, source time step by row, target by column.
///   - phases: oscillator phase angles in radians, one per time step.
///   - radii: radius of each phase point; nil puts every point on the unit circle.
///   - title: the heatmap's title.
public func syncFigure(
    coupling: Matrix, phases: [Double], radii: [Double]? = nil,
    title: String = "Neural Phase Synchronization\n(Time x Time Coupling)"
) throws -> Figure {
    let figure = try Figure(width: 12, height: 5, rows: 1, columns: 2)
    let heatmap = try figure.axes(0)
    try heatmap.imshow(coupling, colormap: "viridis")
    try heatmap.colorbar(label: "Coupling Strength (Phase Sync)")
    heatmap.title = title
    heatmap.xLabel = "Target Time Step"
    heatmap.yLabel = "Source Time Step"

    let portrait = try figure.polarAxes(1)
    let radius = radii ?? Array(repeating: 1, count: phases.count)
    let count = phases.count
    let time = (0..<count).map { count > 1 ? Double($0) / Double(count - 1) : 0 }
    try portrait.scatter(
        theta: phases, r: radius, values: time, colormap: "plasma", vmin: 0, vmax: 1, size: 50,
        alpha: 0.75)
    portrait.title = "Latent Oscillator Phases\n(Color = Time Evolution)"
    portrait.showRadialTicks = false
    return figure
}

/// Builds a phase portrait of a trajectory in its first two principal components.
///
/// The path is drawn as a line with direction arrows along it, a circle at the start and a
/// square at the end, and points coloured by time.
/// - Parameter trajectory: [T, D] states, one row per time step, T >= 2.
public func phasePortraitFigure(
    trajectory: Matrix, title: String = "Latent Trajectory (PCA)"
) throws -> Figure {
    let scores = try principalComponentScores(trajectory, count: 2)
    let first = scores[0]
    let second = scores[1]
    let figure = try Figure(width: 6.4, height: 5.6)
    let axes = try figure.axes(0)
    let pathColor = Color.cycle(0)
    try axes.plot(x: first, y: second, color: pathColor, lineWidth: 1)
    let count = first.count
    let time = (0..<count).map { Double($0) / Double(count - 1) }
    try axes.scatter(x: first, y: second, values: time, colormap: "viridis", size: 16)
    try axes.colorbar(label: "Time (fraction of trajectory)")
    let arrowCount = min(8, count - 1)
    for step in 1...arrowCount {
        let index = step * (count - 1) / (arrowCount + 1)
        let ahead = min(count - 1, index + max(1, count / 40))
        try axes.arrow(
            from: (first[index], second[index]), to: (first[ahead], second[ahead]),
            color: pathColor, width: 1.2)
    }
    try axes.plot(
        x: [first[0]], y: [second[0]], label: "start", color: Color.cycle(2),
        marker: .circle, markerSize: 9)
    try axes.plot(
        x: [first[count - 1]], y: [second[count - 1]], label: "end",
        color: Color.cycle(3), marker: .square, markerSize: 9)
    axes.legend()
    axes.title = title
    axes.xLabel = "PC 1"
    axes.yLabel = "PC 2"
    axes.grid = true
    return figure
}

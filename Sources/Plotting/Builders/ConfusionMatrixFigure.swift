/// Builds a confusion matrix heatmap with each count written in its cell.
/// - Parameters:
///   - counts: [classes, classes] counts, true class by row, predicted class by column.
///   - classLabels: one name per class, in index order.
public func confusionMatrixFigure(
    counts: [[Int]], classLabels: [String], title: String = "Confusion Matrix"
) throws -> Figure {
    let classes = classLabels.count
    if classes == 0 {
        throw PlotError.invalidData("confusion matrix needs at least one class label")
    }
    if counts.count != classes || counts.contains(where: { $0.count != classes }) {
        throw PlotError.invalidData(
            "confusion matrix must be \(classes) x \(classes) to match the class labels")
    }
    if counts.joined().contains(where: { $0 < 0 }) {
        throw PlotError.invalidData("confusion matrix counts must be non-negative")
    }
    let matrix = try Matrix(counts.map { $0.map(Double.init) })
    let side = min(12, max(4.8, 0.5 * Double(classes) + 2.5))
    let figure = try Figure(width: side + 1.2, height: side)
    let axes = try figure.axes(0)
    try axes.imshow(matrix, colormap: "viridis")
    try axes.colorbar(label: "Count")
    let positions = (0..<classes).map(Double.init)
    try axes.setXTicks(positions, labels: classLabels)
    try axes.setYTicks(positions, labels: classLabels)
    guard let scale = axes.lastScale else { return figure }
    let textSize = classes > 15 ? 7.0 : 10.0
    for row in 0..<classes {
        for column in 0..<classes {
            let cellColor = scale.color(for: matrix[row, column])
            let textColor = cellColor.luminance < 0.5 ? Color.white : Color.black
            try axes.text(
                x: Double(column), y: Double(row), String(counts[row][column]),
                color: textColor, size: textSize)
        }
    }
    axes.title = title
    axes.xLabel = "Predicted label"
    axes.yLabel = "True label"
    return figure
}

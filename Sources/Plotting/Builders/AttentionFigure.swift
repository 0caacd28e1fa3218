import Foundation

/// Builds attention maps, one heatmap panel per head, sharing one colour range.
/// - Parameter heads: one [T_query, T_key] attention matrix per head.
public func attentionFigure(heads: [Matrix], title: String = "Attention Weights") throws -> Figure {
    if heads.isEmpty {
        throw PlotError.invalidData("attention figure needs at least one head")
    }
    let all = heads.flatMap(\.values).filter { $0.isFinite }
    guard let low = all.min(), let high = all.max() else {
        throw PlotError.invalidData("attention weights have no finite value")
    }
    let columns = min(4, heads.count)
    let rows = (heads.count + columns - 1) / columns
    let figure = try Figure(
        width: 3.6 * Double(columns), height: 3.4 * Double(rows) + 0.4,
        rows: rows, columns: columns)
    figure.title = title
    for (index, head) in heads.enumerated() {
        let axes = try figure.axes(index)
        try axes.imshow(head, colormap: "viridis", vmin: low, vmax: high)
        axes.title = "Head \(index + 1)"
        axes.xLabel = "Key position"
        if index % columns == 0 { axes.yLabel = "Query position" }
        if index % columns == columns - 1 || index == heads.count - 1 {
            try axes.colorbar(label: "Weight")
        }
    }
    return figure
}

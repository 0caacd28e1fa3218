/// Lays out a tensor's values in nested brackets, following PyTorch's
/// `torch._tensor_str` (line width 80, 4 decimals, 3 edge items, threshold 1000).
struct TensorPrinter {
    /// Element count above which axes are summarized with `...`.
    static let summaryThreshold = 1000
    /// Entries kept at each end of a summarized axis.
    static let edgeItems = 3
    /// Width in columns at which a row of numbers wraps.
    static let lineWidth = 80

    private let tensor: Tensor
    private let summarize: Bool
    private let strides: [Int]
    private var formatter = ElementFormatter.integer
    /// Width of the widest printed entry; every entry is right-aligned to it.
    private var width = 0

    init(_ tensor: Tensor) {
        self.tensor = tensor
        self.summarize = tensor.count > TensorPrinter.summaryThreshold
        var strides = [Int](repeating: 1, count: tensor.rank)
        for axis in stride(from: tensor.rank - 2, through: 0, by: -1) {
            strides[axis] = strides[axis + 1] * tensor.shape[axis + 1]
        }
        self.strides = strides
    }

    /// The values as text, without the header line.
    mutating func formatValues() -> String {
        formatter = makeFormatter()
        forEachPrintedElement { width = max(width, formatter.format(tensor, at: $0).count) }
        if tensor.rank == 0 { return formatter.format(tensor, at: 0) }
        return formatAxis(0, base: 0, indent: 0)
    }

    /// Positions printed along `axis`; `nil` marks the `...` between head and tail.
    private func printedIndices(axis: Int) -> [Int?] {
        let size = tensor.shape[axis]
        let edge = TensorPrinter.edgeItems
        guard summarize && size > 2 * edge else { return Array(0..<size) }
        return Array(0..<edge) + [nil] + Array((size - edge)..<size)
    }

    /// Calls `body` with the flat index of every element that will be printed.
    private func forEachPrintedElement(axis: Int = 0, base: Int = 0, _ body: (Int) -> Void) {
        if axis == tensor.rank {
            body(base)
            return
        }
        for case let index? in printedIndices(axis: axis) {
            forEachPrintedElement(axis: axis + 1, base: base + index * strides[axis], body)
        }
    }

    private func makeFormatter() -> ElementFormatter {
        switch tensor.dtype {
        case .i64: return .integer
        case .bool: return .boolean
        case .f32:
            var values: [Float] = []
            forEachPrintedElement { values.append(tensor.floats[$0]) }
            return ElementFormatter.float(fitting: values)
        }
    }

    private func formatAxis(_ axis: Int, base: Int, indent: Int) -> String {
        if axis == tensor.rank - 1 { return formatRow(base: base, indent: indent) }
        let depthBelow = tensor.rank - 1 - axis
        let separator =
            "," + String(repeating: "\n", count: depthBelow)
            + String(repeating: " ", count: indent + 1)
        let slices = printedIndices(axis: axis).map { index -> String in
            guard let index else { return "..." }
            return formatAxis(axis + 1, base: base + index * strides[axis], indent: indent + 1)
        }
        return "[" + slices.joined(separator: separator) + "]"
    }

    /// Formats the last axis, wrapping at `lineWidth` with every entry padded to one width.
    private func formatRow(base: Int, indent: Int) -> String {
        let entries = printedIndices(axis: tensor.rank - 1).map { index -> String in
            guard let index else { return " ..." }
            return pad(formatter.format(tensor, at: base + index), to: width)
        }
        let perLine = max(1, (TensorPrinter.lineWidth - indent) / (width + 2))
        var lines: [String] = []
        for start in stride(from: 0, to: entries.count, by: perLine) {
            let end = min(start + perLine, entries.count)
            lines.append(entries[start..<end].joined(separator: ", "))
        }
        let separator = ",\n" + String(repeating: " ", count: indent + 1)
        return "[" + lines.joined(separator: separator) + "]"
    }

    private func pad(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

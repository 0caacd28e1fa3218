/// A dense row-major matrix of doubles, the input type of heatmaps.
public struct Matrix: Equatable {
    public let rows: Int
    public let columns: Int
    /// Elements in row-major order; element (r, c) is `values[r * columns + c]`.
    public let values: [Double]

    /// Creates a matrix from row-major `values`; throws if the count is not rows x columns.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        if rows <= 0 || columns <= 0 {
            throw PlotError.invalidData(
                "matrix shape must be positive, got \(rows) x \(columns)")
        }
        if values.count != rows * columns {
            throw PlotError.invalidData(
                "matrix of \(rows) x \(columns) needs \(rows * columns) values, got \(values.count)"
            )
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Creates a matrix from row-major single-precision `values`.
    public init(rows: Int, columns: Int, values: [Float]) throws {
        try self.init(rows: rows, columns: columns, values: values.map { Double($0) })
    }

    /// Creates a matrix from nested rows; throws if the rows are empty or ragged.
    public init(_ nested: [[Double]]) throws {
        guard let first = nested.first else {
            throw PlotError.invalidData("matrix has no rows")
        }
        for (index, row) in nested.enumerated() where row.count != first.count {
            throw PlotError.invalidData(
                "matrix row \(index) has \(row.count) values but row 0 has \(first.count)")
        }
        try self.init(rows: nested.count, columns: first.count, values: nested.flatMap { $0 })
    }

    public subscript(row: Int, column: Int) -> Double {
        values[row * columns + column]
    }

    /// Returns row `index` as an array.
    public func row(_ index: Int) -> [Double] {
        Array(values[(index * columns)..<((index + 1) * columns)])
    }
}

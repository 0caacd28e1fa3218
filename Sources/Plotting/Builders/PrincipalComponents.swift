/// Projects the rows of `data` ([T, D]) onto their first `count` principal components.
///
/// Components come from power iteration with deflation on the D x D covariance matrix.
/// Each component's sign is fixed so that its largest-magnitude entry is positive, which
/// makes the result deterministic. Returns one array of T scores per component.
func principalComponentScores(_ data: Matrix, count: Int) throws -> [[Double]] {
    if !data.values.allSatisfy({ $0.isFinite }) {
        throw PlotError.invalidData("trajectory contains NaN or infinite values")
    }
    if data.rows < 2 {
        throw PlotError.invalidData("trajectory needs at least 2 time steps, got \(data.rows)")
    }
    let rows = data.rows
    let dims = data.columns
    var means = [Double](repeating: 0, count: dims)
    for r in 0..<rows { for c in 0..<dims { means[c] += data[r, c] / Double(rows) } }
    var centered = data.values
    for r in 0..<rows { for c in 0..<dims { centered[r * dims + c] -= means[c] } }
    var covariance = [Double](repeating: 0, count: dims * dims)
    for r in 0..<rows {
        for i in 0..<dims {
            let value = centered[r * dims + i]
            if value == 0 { continue }
            for j in 0..<dims { covariance[i * dims + j] += value * centered[r * dims + j] }
        }
    }
    var scores: [[Double]] = []
    var found: [[Double]] = []
    for _ in 0..<count {
        let vector = dominantEigenvector(covariance, size: dims, orthogonalTo: found)
        found.append(vector)
        let eigenvalue = rayleighQuotient(covariance, vector, size: dims)
        for i in 0..<dims {
            for j in 0..<dims { covariance[i * dims + j] -= eigenvalue * vector[i] * vector[j] }
        }
        scores.append(
            (0..<rows).map { r in
                (0..<dims).reduce(0) { $0 + centered[r * dims + $1] * vector[$1] }
            })
    }
    return scores
}

/// Power iteration kept orthogonal to `previous`, so a deflated matrix whose remaining
/// eigenvalues are round-off noise still yields a direction orthogonal to earlier ones.
private func dominantEigenvector(_ matrix: [Double], size: Int, orthogonalTo previous: [[Double]])
    -> [Double]
{
    // A start vector with distinct entries is unlikely to be orthogonal to the dominant
    // eigenvector.
    var vector = (0..<size).map { 1 + Double($0) / Double(size) }
    orthogonalize(&vector, against: previous)
    normalize(&vector)
    for _ in 0..<500 {
        var next = [Double](repeating: 0, count: size)
        for i in 0..<size {
            for j in 0..<size { next[i] += matrix[i * size + j] * vector[j] }
        }
        orthogonalize(&next, against: previous)
        let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm < 1e-300 { break }
        normalize(&next)
        let change = zip(next, vector).reduce(0) { $0 + abs($1.0 - $1.1) }
        vector = next
        if change < 1e-12 { break }
    }
    if let largest = vector.indices.max(by: { abs(vector[$0]) < abs(vector[$1]) }),
        vector[largest] < 0
    {
        vector = vector.map { -$0 }
    }
    return vector
}

private func rayleighQuotient(_ matrix: [Double], _ vector: [Double], size: Int) -> Double {
    var total = 0.0
    for i in 0..<size {
        for j in 0..<size { total += vector[i] * matrix[i * size + j] * vector[j] }
    }
    return total
}

private func normalize(_ vector: inout [Double]) {
    let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
    if norm > 0 { vector = vector.map { $0 / norm } }
}

private func orthogonalize(_ vector: inout [Double], against basis: [[Double]]) {
    for direction in basis {
        let projection = zip(vector, direction).reduce(0) { $0 + $1.0 * $1.1 }
        for index in vector.indices { vector[index] -= projection * direction[index] }
    }
}

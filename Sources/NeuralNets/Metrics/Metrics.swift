import Tensors

#if canImport(Glibc)
import Glibc
#endif

/// Classification and synchronisation metrics.
public enum Metrics {
    /// Class predictions: the argmax of logits [N, C], or integer labels as given.
    public static func predictions(_ values: Tensor) throws -> [Int] {
        if values.rank == 2 { return try values.argmax(axis: 1).toInt64Array().map(Int.init) }
        return values.toInt64Array().map(Int.init)
    }

    /// Fraction of predictions equal to the labels.
    public static func accuracy(_ predicted: Tensor, _ labels: Tensor) throws -> Double {
        let p = try predictions(predicted), y = labels.toInt64Array().map(Int.init)
        guard p.count == y.count, !y.isEmpty else {
            throw TensorError.shapeMismatch(
                op: "accuracy", lhs: predicted.shape, rhs: labels.shape,
                detail: "needs one prediction per label")
        }
        return Double(zip(p, y).filter { $0 == $1 }.count) / Double(y.count)
    }

    /// Counts [classes, classes]: row = true label, column = prediction.
    public static func confusionMatrix(_ predicted: Tensor, _ labels: Tensor, classes: Int? = nil)
        throws -> [[Int]]
    {
        let p = try predictions(predicted), y = labels.toInt64Array().map(Int.init)
        guard p.count == y.count else {
            throw TensorError.shapeMismatch(
                op: "confusion_matrix", lhs: predicted.shape, rhs: labels.shape,
                detail: "needs one prediction per label")
        }
        let count = classes ?? ((p + y).max().map { $0 + 1 } ?? 0)
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: count), count: count)
        for (guess, truth) in zip(p, y) {
            guard guess >= 0, guess < count, truth >= 0, truth < count else {
                throw TensorError.invalidArgument(
                    op: "confusion_matrix", message: "label \(max(guess, truth)) is outside 0..<\(count)")
            }
            matrix[truth][guess] += 1
        }
        return matrix
    }

    /// Cohen's kappa: agreement beyond chance, (p_o − p_e)/(1 − p_e); 1 when both are 1.
    public static func cohenKappa(_ predicted: Tensor, _ labels: Tensor, classes: Int? = nil) throws -> Double {
        let matrix = try confusionMatrix(predicted, labels, classes: classes)
        let total = Double(matrix.joined().reduce(0, +))
        guard total > 0 else { return 0 }
        let observed = Double(matrix.indices.reduce(0) { $0 + matrix[$1][$1] }) / total
        var expected = 0.0
        for k in matrix.indices {
            let row = Double(matrix[k].reduce(0, +)), column = Double(matrix.reduce(0) { $0 + $1[k] })
            expected += row * column / (total * total)
        }
        return expected == 1 ? 1 : (observed - expected) / (1 - expected)
    }

    /// Kuramoto order parameter per sample: r = |mean_t exp(iθ_t)| with
    /// θ = atan2(z₁, z₀) over the time steps of z [B, T, D] (D >= 2).
    public static func orderParameter(_ z: Tensor) throws -> [Double] {
        guard z.rank == 3, z.shape[2] >= 2 else {
            throw TensorError.invalidArgument(
                op: "order_parameter", message: "needs z of shape [B, T, D] with D >= 2, got \(formatShape(z.shape))")
        }
        let (b, t, d) = (z.shape[0], z.shape[1], z.shape[2])
        let values = try z.contiguousCopy().toArray()
        return (0..<b).map { sample in
            var re = 0.0, im = 0.0
            for step in 0..<t {
                let base = (sample * t + step) * d
                let theta = atan2(Double(values[base + 1]), Double(values[base]))
                re += cos(theta)
                im += sin(theta)
            }
            return t > 0 ? (re * re + im * im).squareRoot() / Double(t) : 0
        }
    }
}

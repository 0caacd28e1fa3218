/// Broadcasting under PyTorch's rules: shapes align at the right, and an
/// axis of extent 1 stretches to the other's extent.
enum Broadcast {
    /// The shape two operands broadcast to.
    static func shape(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard x == y || x == 1 || y == 1 else {
                throw TensorError.shapeMismatch(
                    op: op, lhs: a, rhs: b,
                    detail: "axis \(i) has extents \(x) and \(y), and neither is 1")
            }
            result[i] = x == 1 ? y : x
        }
        return result
    }

    /// Element strides of `shape` read as `target`: 0 on stretched axes.
    static func strides(of shape: [Int], as target: [Int]) -> [Int] {
        let lead = target.count - shape.count
        var strides = [Int](repeating: 0, count: target.count)
        var step = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[lead + i] = shape[i] == 1 ? 0 : step
            step *= shape[i]
        }
        return strides
    }
}

/// Row-major strides of a contiguous shape, in elements.
public func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var step = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[i] = step
        step *= shape[i]
    }
    return strides
}

/// Resolves a possibly negative axis against `rank`.
func normalizeAxis(_ axis: Int, rank: Int, op: String) throws -> Int {
    let resolved = axis < 0 ? axis + rank : axis
    guard resolved >= 0, resolved < max(rank, 1) else {
        throw TensorError.invalidArgument(
            op: op, message: "axis \(axis) is out of range for a tensor of rank \(rank)")
    }
    return resolved
}

/// Visits every position of a broadcast iteration as (outer offsets, inner run).
///
/// The last axis forms the inner run of `inner` elements; `body` receives the
/// starting offsets into each operand and the output for each run.
func forEachBroadcastRun(
    shape: [Int], strides: [[Int]],
    _ body: (_ offsets: [Int], _ outOffset: Int, _ inner: Int, _ innerStrides: [Int]) -> Void
) {
    let rank = shape.count
    guard rank > 0 else {
        body([Int](repeating: 0, count: strides.count), 0, 1, strides.map { _ in 0 })
        return
    }
    let inner = shape[rank - 1]
    let innerStrides = strides.map { $0[rank - 1] }
    let outer = shape.dropLast().reduce(1, *)
    var index = [Int](repeating: 0, count: rank - 1)
    var offsets = [Int](repeating: 0, count: strides.count)
    for run in 0..<outer {
        body(offsets, run * inner, inner, innerStrides)
        var axis = rank - 2
        while axis >= 0 {
            index[axis] += 1
            for k in 0..<strides.count { offsets[k] += strides[k][axis] }
            if index[axis] < shape[axis] { break }
            for k in 0..<strides.count { offsets[k] -= strides[k][axis] * shape[axis] }
            index[axis] = 0
            axis -= 1
        }
    }
}

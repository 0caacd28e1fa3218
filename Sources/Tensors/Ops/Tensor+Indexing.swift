// Integer-array indexing, gather, topk and one_hot.

extension Tensor {
    /// Resolves integer indices (negative counts from the end) against `extent`.
    private func indexList(_ indices: Tensor, extent: Int, axis: Int, op: String) throws -> [Int] {
        guard indices.dtype == .i64 || indices.dtype == .f32 else {
            throw TensorError.unsupportedDType(op: op, dtype: indices.dtype, expected: "i64 indices")
        }
        return try indices.toInt64Array().map { raw in
            let index = Int(raw) < 0 ? Int(raw) + extent : Int(raw)
            guard index >= 0, index < extent else {
                throw TensorError.indexOutOfRange(op: op, index: Int(raw), axis: axis, size: extent)
            }
            return index
        }
    }

    /// The sub-tensor at position `index` of `axis`, with that axis removed (`x[i]`).
    public func selected(axis: Int, index: Int) throws -> Tensor {
        let axis = try normalizeAxis(axis, rank: rank, op: "select")
        let extent = shape[axis]
        let resolved = index < 0 ? index + extent : index
        guard resolved >= 0, resolved < extent else {
            throw TensorError.indexOutOfRange(op: "index", index: index, axis: axis, size: extent)
        }
        return try narrowed(axis: axis, start: resolved, length: 1).squeezed(axis)
    }

    /// Rows of `axis` picked by an integer tensor, as `x.index_select(axis, indices)`;
    /// the axis becomes the indices' shape (`x[idx]` with a tensor index).
    public func indexSelect(axis: Int, _ indices: Tensor) throws -> Tensor {
        let axis = try normalizeAxis(axis, rank: rank, op: "index")
        let extent = shape[axis]
        let list = try indexList(indices, extent: extent, axis: axis, op: "index")
        let (outer, _, inner) = split(around: axis)
        var outShape = Array(shape[..<axis]) + indices.shape + Array(shape[(axis + 1)...])
        if outShape.isEmpty { outShape = [] }
        let result = try Tensor(shape: outShape, dtype: dtype, zeroed: false)
        let size = dtype.itemSize, picked = list.count
        for o in 0..<outer {
            for (r, index) in list.enumerated() {
                let src = storage.pointer + (offset + (o * extent + index) * inner) * size
                let dst = result.storage.pointer + ((o * picked + r) * inner) * size
                dst.copyMemory(from: src, byteCount: inner * size)
            }
        }
        let inputShape = shape
        return result.recorded("index", [self]) { g in
            let grad = try Tensor(shape: inputShape)
            let dg = try g.contiguousCopy()
            for o in 0..<outer {
                for (r, index) in list.enumerated() {
                    let dst = grad.floats + (o * extent + index) * inner
                    let src = dg.floats + (o * picked + r) * inner
                    for i in 0..<inner { dst[i] += src[i] }
                }
            }
            return [grad]
        }
    }

    /// Values along `axis` at the positions in `index`, as `torch.gather(x, axis, index)`.
    ///
    /// `index` has the rank of `self`; the result has the shape of `index`.
    public func gather(axis: Int, _ index: Tensor) throws -> Tensor {
        let axis = try normalizeAxis(axis, rank: rank, op: "gather")
        guard index.rank == rank else {
            throw TensorError.shapeMismatch(
                op: "gather", lhs: shape, rhs: index.shape, detail: "index needs the input's rank")
        }
        for d in 0..<rank where d != axis && index.shape[d] > shape[d] {
            throw TensorError.shapeMismatch(
                op: "gather", lhs: shape, rhs: index.shape,
                detail: "index extent on axis \(d) exceeds the input's")
        }
        let input = try asFloat()
        let list = try indexList(index, extent: shape[axis], axis: axis, op: "gather")
        let result = try Tensor(shape: index.shape, zeroed: false)
        let inStrides = contiguousStrides(shape), outStrides = contiguousStrides(index.shape)
        var sources = [Int](repeating: 0, count: list.count)
        for (flat, position) in list.enumerated() {
            var rest = flat, source = 0
            for d in 0..<rank {
                let coordinate = rest / outStrides[d]
                rest %= outStrides[d]
                source += (d == axis ? position : coordinate) * inStrides[d]
            }
            sources[flat] = source
            result.floats[flat] = input.floats[source]
        }
        let inputShape = shape
        return result.recorded("gather", [self]) { g in
            let grad = try Tensor(shape: inputShape)
            let dg = try g.contiguousCopy()
            for (flat, source) in sources.enumerated() { grad.floats[source] += dg.floats[flat] }
            return [grad]
        }
    }

    /// The `k` largest values along `axis` in descending order, with their
    /// positions (i64); equal values keep the lower index first.
    public func topk(_ k: Int, axis: Int = -1) throws -> (values: Tensor, indices: Tensor) {
        guard rank > 0 else {
            throw TensorError.invalidArgument(op: "topk", message: "needs a tensor of rank >= 1")
        }
        let axis = try normalizeAxis(axis, rank: rank, op: "topk")
        let extent = shape[axis]
        guard k >= 0, k <= extent else {
            throw TensorError.invalidArgument(
                op: "topk", message: "k = \(k) must be between 0 and the axis extent \(extent)")
        }
        let input = try asFloat()
        let (outer, n, inner) = split(around: axis)
        var outShape = shape
        outShape[axis] = k
        let indices = try Tensor(shape: outShape, dtype: .i64, zeroed: false)
        var row = [Int](repeating: 0, count: n)
        for o in 0..<outer {
            for i in 0..<inner {
                let base = input.floats + o * n * inner + i
                for r in 0..<n { row[r] = r }
                // Stable order: larger first, NaN largest, ties by lower index.
                row.sort { a, b in
                    let x = base[a * inner], y = base[b * inner]
                    if x.isNaN != y.isNaN { return x.isNaN }
                    if x != y && !x.isNaN { return x > y }
                    return a < b
                }
                for r in 0..<k { indices.int64s[(o * k + r) * inner + i] = Int64(row[r]) }
            }
        }
        return (try gather(axis: axis, indices), indices)
    }

    /// One-hot rows for integer labels: shape `self.shape + [classes]`, i64 as in PyTorch.
    public func oneHot(classes: Int) throws -> Tensor {
        guard classes > 0 else {
            throw TensorError.invalidArgument(
                op: "one_hot", message: "classes must be > 0, got \(classes)")
        }
        // Negative labels are errors, as in PyTorch, not indices from the end.
        if let negative = try converted(to: .i64).contiguousCopy().toInt64Array().first(where: { $0 < 0 }) {
            throw TensorError.invalidArgument(
                op: "one_hot", message: "class values must be >= 0, got \(negative)")
        }
        let labels = try indexList(self, extent: classes, axis: rank, op: "one_hot")
        let result = try Tensor(shape: shape + [classes], dtype: .i64)
        for (i, label) in labels.enumerated() { result.int64s[i * classes + label] = 1 }
        return result
    }
}

extension Tensor {
    /// Rows of `source` added into a zero tensor of `rows` rows at positions
    /// `indices` (repeats add up), as `zeros.index_add_(0, indices, source)`.
    public static func indexAdd(rows: Int, indices: [Int], source: Tensor) throws -> Tensor {
        guard source.rank >= 1, source.shape[0] == indices.count else {
            throw TensorError.shapeMismatch(
                op: "index_add", lhs: source.shape, rhs: [indices.count],
                detail: "needs one index per source row")
        }
        let rowShape = Array(source.shape.dropFirst())
        let width = rowShape.reduce(1, *)
        let input = try source.asFloat()
        let result = try Tensor(shape: [rows] + rowShape)
        for (r, index) in indices.enumerated() {
            guard index >= 0, index < rows else {
                throw TensorError.indexOutOfRange(op: "index_add", index: index, axis: 0, size: rows)
            }
            let dst = result.floats + index * width, src = input.floats + r * width
            for i in 0..<width { dst[i] += src[i] }
        }
        return result.recorded("index_add", [source]) { g in
            [try g.indexSelect(axis: 0, Tensor(int64: indices.map(Int64.init), shape: [indices.count]))]
        }
    }
}

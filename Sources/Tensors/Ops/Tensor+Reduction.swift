// Reductions over axes. A tensor is read as [outer, n, inner] around the
// reduced axis, so every axis uses the same loop.

extension Tensor {
    /// Extents before, at and after `axis`.
    func split(around axis: Int) -> (outer: Int, n: Int, inner: Int) {
        let outer = shape[..<axis].reduce(1, *)
        let inner = shape[(axis + 1)...].reduce(1, *)
        return (outer, shape[axis], inner)
    }

    /// Sum over one axis, kept as extent 1.
    private func sumKeeping(axis: Int) throws -> Tensor {
        var outShape = shape
        outShape[axis] = 1
        let result = try Tensor(shape: outShape)
        let (outer, n, inner) = split(around: axis)
        let x = floats, out = result.floats
        for o in 0..<outer {
            let dst = out + o * inner
            for r in 0..<n {
                let src = x + (o * n + r) * inner
                for i in 0..<inner { dst[i] += src[i] }
            }
        }
        return result
    }

    /// Sum over `axes` (all axes when empty), as `tensor.sum(dim, keepdim)`.
    public func sum(axes: [Int] = [], keepDim: Bool = false) throws -> Tensor {
        let input = try asFloat()
        let resolved = try resolveAxes(axes, op: "sum")
        var result = input
        for axis in resolved.sorted(by: >) { result = try result.sumKeeping(axis: axis) }
        if result === input { result = try input.contiguousCopy() }
        let keptShape = result.shape
        if !keepDim {
            let kept = shape.enumerated().filter { !resolved.contains($0.offset) }
            result = try result.reshaped(kept.map(\.element))
        }
        let inputShape = shape
        return result.detached().recorded("sum", [self]) { g in
            [try g.reshaped(keptShape).broadcast(to: inputShape)]
        }
    }

    /// Sum over one axis.
    public func sum(axis: Int, keepDim: Bool = false) throws -> Tensor {
        try sum(axes: [axis], keepDim: keepDim)
    }

    /// Mean over `axes` (all axes when empty).
    public func mean(axes: [Int] = [], keepDim: Bool = false) throws -> Tensor {
        let resolved = try resolveAxes(axes, op: "mean")
        let n = resolved.reduce(1) { $0 * shape[$1] }
        // An empty reduction gives 0 / 0 = NaN, as in PyTorch.
        return try sum(axes: resolved, keepDim: keepDim) / Float(n)
    }

    /// Mean over one axis.
    public func mean(axis: Int, keepDim: Bool = false) throws -> Tensor {
        try mean(axes: [axis], keepDim: keepDim)
    }

    /// Largest values along `axis` and their first positions (i64), as `torch.max(x, dim)`.
    public func max(axis: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extreme(axis: axis, keepDim: keepDim, op: "max") { $0 > $1 }
    }

    /// Smallest values along `axis` and their first positions (i64).
    public func min(axis: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extreme(axis: axis, keepDim: keepDim, op: "min") { $0 < $1 }
    }

    /// Largest element (NaN if any element is NaN).
    public func max() throws -> Tensor {
        try reshaped([count]).max(axis: 0).values
    }

    /// Smallest element (NaN if any element is NaN).
    public func min() throws -> Tensor {
        try reshaped([count]).min(axis: 0).values
    }

    /// Position of the largest value along `axis` (i64).
    public func argmax(axis: Int, keepDim: Bool = false) throws -> Tensor {
        try max(axis: axis, keepDim: keepDim).indices
    }

    private func extreme(
        axis: Int, keepDim: Bool, op: String, _ better: (Float, Float) -> Bool
    ) throws -> (values: Tensor, indices: Tensor) {
        let input = try asFloat()
        let axis = try normalizeAxis(axis, rank: rank, op: op)
        guard rank > 0 else { return (try clone(), try Tensor(int64: [0], shape: [])) }
        guard shape[axis] > 0 else {
            throw TensorError.invalidArgument(op: op, message: "cannot reduce an empty axis \(axis)")
        }
        var outShape = shape
        outShape[axis] = 1
        let values = try Tensor(shape: outShape, zeroed: false)
        let indices = try Tensor(shape: outShape, dtype: .i64, zeroed: false)
        let (outer, n, inner) = split(around: axis)
        let x = input.floats
        for o in 0..<outer {
            for i in 0..<inner {
                var best = x[o * n * inner + i], at = 0
                for r in 1..<Swift.max(n, 1) where !best.isNaN {
                    let v = x[(o * n + r) * inner + i]
                    if v.isNaN || better(v, best) { best = v; at = r }
                }
                values.floats[o * inner + i] = best
                indices.int64s[o * inner + i] = Int64(at)
            }
        }
        var finalShape = outShape
        if !keepDim { finalShape.remove(at: axis) }
        let inputShape = shape
        let picked = try indices.reshaped(outShape)
        let result = try values.reshaped(finalShape).detached()
        result.recorded(op, [self]) { g in
            let grad = try Tensor(shape: inputShape)
            let dg = try g.reshaped(outShape).contiguousCopy()
            for o in 0..<outer {
                for i in 0..<inner {
                    let r = Int(picked.int64s[o * inner + i])
                    grad.floats[(o * n + r) * inner + i] += dg.floats[o * inner + i]
                }
            }
            return [grad]
        }
        return (result, try indices.reshaped(finalShape))
    }

    /// Resolved, de-duplicated axes; empty means every axis.
    func resolveAxes(_ axes: [Int], op: String) throws -> [Int] {
        if axes.isEmpty || rank == 0 {
            if rank == 0 { for axis in axes { _ = try normalizeAxis(axis, rank: 0, op: op) } }
            return Array(0..<rank)
        }
        var seen: [Int] = []
        for axis in axes {
            let resolved = try normalizeAxis(axis, rank: rank, op: op)
            guard !seen.contains(resolved) else {
                throw TensorError.invalidArgument(op: op, message: "axis \(axis) appears twice")
            }
            seen.append(resolved)
        }
        return seen
    }
}

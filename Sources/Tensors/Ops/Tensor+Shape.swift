// Shape changes: views where the layout allows, copies otherwise.

extension Tensor {
    /// The same elements under another shape, sharing storage. One extent
    /// may be -1 and is inferred, as in `tensor.reshape`.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        var target = newShape
        if let hole = target.firstIndex(of: -1) {
            let known = target.enumerated().filter { $0.offset != hole }.reduce(1) { $0 * $1.element }
            guard known > 0, count % known == 0, target.filter({ $0 == -1 }).count == 1 else {
                throw TensorError.shapeMismatch(
                    op: "reshape", lhs: shape, rhs: newShape,
                    detail: "cannot infer the -1 extent for \(count) elements")
            }
            target[hole] = count / known
        }
        guard try Tensor.checkedCount(target) == count else {
            throw TensorError.shapeMismatch(
                op: "reshape", lhs: shape, rhs: newShape,
                detail: "\(count) elements cannot take a shape of \(target.reduce(1, *))")
        }
        let view = Tensor(storage: storage, shape: target, dtype: dtype, offset: offset)
        let inputShape = shape
        return view.recorded("reshape", [self]) { g in [try g.reshaped(inputShape)] }
    }

    /// Inserts an axis of extent 1 at `axis`.
    public func unsqueezed(_ axis: Int) throws -> Tensor {
        let axis = try normalizeAxis(axis, rank: rank + 1, op: "unsqueeze")
        var target = shape
        target.insert(1, at: axis)
        return try reshaped(target)
    }

    /// Removes `axis`, which must have extent 1.
    public func squeezed(_ axis: Int) throws -> Tensor {
        let axis = try normalizeAxis(axis, rank: rank, op: "squeeze")
        guard rank > 0, shape[axis] == 1 else { return self }
        var target = shape
        target.remove(at: axis)
        return try reshaped(target)
    }

    /// A copy with axes reordered so that result axis i is input axis `order[i]`.
    public func permuted(_ order: [Int]) throws -> Tensor {
        let resolved = try order.map { try normalizeAxis($0, rank: rank, op: "permute") }
        guard resolved.count == rank, Set(resolved).count == rank else {
            throw TensorError.invalidArgument(
                op: "permute",
                message: "\(order) is not a permutation of the \(rank) axes of \(formatShape(shape))")
        }
        let outShape = resolved.map { shape[$0] }
        let result = try Tensor(shape: outShape, dtype: dtype, zeroed: false)
        let inStrides = contiguousStrides(shape)
        let strides = [resolved.map { inStrides[$0] }]
        let size = dtype.itemSize
        let src = storage.pointer + offset * size, dst = result.storage.pointer
        forEachBroadcastRun(shape: outShape, strides: strides) { offsets, start, inner, steps in
            switch size {
            case 4:
                let s = src.assumingMemoryBound(to: Float.self) + offsets[0]
                let d = dst.assumingMemoryBound(to: Float.self) + start
                for j in 0..<inner { d[j] = s[j * steps[0]] }
            case 8:
                let s = src.assumingMemoryBound(to: Int64.self) + offsets[0]
                let d = dst.assumingMemoryBound(to: Int64.self) + start
                for j in 0..<inner { d[j] = s[j * steps[0]] }
            default:
                let s = src.assumingMemoryBound(to: UInt8.self) + offsets[0]
                let d = dst.assumingMemoryBound(to: UInt8.self) + start
                for j in 0..<inner { d[j] = s[j * steps[0]] }
            }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, axis) in resolved.enumerated() { inverse[axis] = i }
        return result.recorded("permute", [self]) { g in [try g.permuted(inverse)] }
    }

    /// A copy with two axes swapped.
    public func transposed(_ a: Int = -2, _ b: Int = -1) throws -> Tensor {
        let a = try normalizeAxis(a, rank: rank, op: "transpose")
        let b = try normalizeAxis(b, rank: rank, op: "transpose")
        var order = Array(0..<rank)
        order.swapAt(a, b)
        return try permuted(order)
    }

    /// A copy stretched to `target` under broadcasting rules, as `tensor.expand`.
    public func broadcast(to target: [Int]) throws -> Tensor {
        if target == shape { return self }
        let merged = try Broadcast.shape(shape, target, op: "expand")
        guard merged == target else {
            throw TensorError.shapeMismatch(
                op: "expand", lhs: shape, rhs: target, detail: "the tensor does not fit the target")
        }
        let zero = try Tensor(shape: target)
        return try adding(zero)
    }

    /// Joins tensors along `axis`; all other extents must agree.
    public static func cat(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.invalidArgument(op: "cat", message: "needs at least one tensor")
        }
        let axis = try normalizeAxis(axis, rank: first.rank, op: "cat")
        guard first.rank > 0 else {
            throw TensorError.invalidArgument(op: "cat", message: "cannot join 0-d tensors; use stack")
        }
        var outShape = first.shape
        outShape[axis] = 0
        for t in tensors {
            var expected = first.shape
            expected[axis] = t.rank == first.rank ? t.shape[axis] : -1
            guard t.shape == expected, t.dtype == first.dtype else {
                throw TensorError.shapeMismatch(
                    op: "cat", lhs: first.shape, rhs: t.shape,
                    detail: "every extent but axis \(axis) must agree, with one dtype")
            }
            outShape[axis] += t.shape[axis]
        }
        let result = try Tensor(shape: outShape, dtype: first.dtype, zeroed: false)
        let size = first.dtype.itemSize
        let outer = outShape[..<axis].reduce(1, *), inner = outShape[(axis + 1)...].reduce(1, *)
        var start = 0
        for t in tensors {
            let run = t.shape[axis] * inner * size
            for o in 0..<outer {
                let dst = result.storage.pointer + (o * outShape[axis] * inner + start * inner) * size
                dst.copyMemory(from: t.storage.pointer + (t.offset * size + o * run), byteCount: run)
            }
            start += t.shape[axis]
        }
        let extents = tensors.map { $0.shape[axis] }
        return result.recorded("cat", tensors) { g in try g.split(sizes: extents, axis: axis) }
    }

    /// Joins tensors along a new axis.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.invalidArgument(op: "stack", message: "needs at least one tensor")
        }
        let axis = try normalizeAxis(axis, rank: first.rank + 1, op: "stack")
        for t in tensors where t.shape != first.shape {
            throw TensorError.shapeMismatch(
                op: "stack", lhs: first.shape, rhs: t.shape, detail: "stacked tensors need one shape")
        }
        return try cat(tensors.map { try $0.unsqueezed(axis) }, axis: axis)
    }

    /// Pieces of the given extents along `axis`, as `torch.split(x, sizes, dim)`.
    public func split(sizes: [Int], axis: Int = 0) throws -> [Tensor] {
        let axis = try normalizeAxis(axis, rank: rank, op: "split")
        guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == shape[axis] else {
            throw TensorError.invalidArgument(
                op: "split",
                message: "sizes \(sizes) do not add up to extent \(shape[axis]) of axis \(axis)")
        }
        var start = 0
        return try sizes.map { size in
            defer { start += size }
            return try narrowed(axis: axis, start: start, length: size)
        }
    }

    /// `chunks` nearly equal pieces along `axis`, as `torch.chunk`.
    public func chunked(_ chunks: Int, axis: Int = 0) throws -> [Tensor] {
        let axis = try normalizeAxis(axis, rank: rank, op: "chunk")
        guard chunks > 0 else {
            throw TensorError.invalidArgument(op: "chunk", message: "chunks must be > 0, got \(chunks)")
        }
        let extent = shape[axis]
        let size = (extent + chunks - 1) / chunks
        guard size > 0 else { return [self] }
        var sizes: [Int] = []
        var left = extent
        while left > 0 { sizes.append(Swift.min(size, left)); left -= size }
        return try split(sizes: sizes, axis: axis)
    }

    /// Elements `start..<start+length` along `axis`; a view on the first axis, a copy otherwise.
    public func narrowed(axis: Int, start: Int, length: Int) throws -> Tensor {
        try sliced(axis: axis, start: start, end: start + length, step: 1)
    }

    /// Elements `start, start+step, ... < end` along `axis`, as `x[..., start:end:step]`.
    public func sliced(axis: Int, start: Int, end: Int, step: Int = 1) throws -> Tensor {
        let axis = try normalizeAxis(axis, rank: rank, op: "slice")
        let extent = shape[axis]
        guard step > 0 else {
            throw TensorError.invalidArgument(op: "slice", message: "step must be > 0, got \(step)")
        }
        guard start >= 0, start <= end, end <= extent else {
            throw TensorError.invalidArgument(
                op: "slice",
                message: "range \(start)..<\(end) does not fit axis \(axis) of extent \(extent)")
        }
        let length = (end - start + step - 1) / step
        var outShape = shape
        outShape[axis] = length
        let inputShape = shape
        let backward: (Tensor) throws -> [Tensor?] = { g in
            [try g.scattered(intoShape: inputShape, axis: axis, start: start, step: step)]
        }
        let (outer, _, inner) = split(around: axis)
        if step == 1 && outer == 1 {
            let view = Tensor(
                storage: storage, shape: outShape, dtype: dtype, offset: offset + start * inner)
            return view.recorded("slice", [self], backward: backward)
        }
        let result = try Tensor(shape: outShape, dtype: dtype, zeroed: false)
        let size = dtype.itemSize
        for o in 0..<outer {
            for r in 0..<length {
                let src = storage.pointer + (offset + (o * extent + start + r * step) * inner) * size
                let dst = result.storage.pointer + ((o * length + r) * inner) * size
                dst.copyMemory(from: src, byteCount: inner * size)
            }
        }
        return result.recorded("slice", [self], backward: backward)
    }

    /// Zeros of `intoShape` with `self` written at `start, start+step, ...` along `axis`.
    func scattered(intoShape: [Int], axis: Int, start: Int, step: Int) throws -> Tensor {
        let result = try Tensor(shape: intoShape)
        let source = try asFloat()
        let extent = intoShape[axis], length = shape[axis]
        let outer = intoShape[..<axis].reduce(1, *), inner = intoShape[(axis + 1)...].reduce(1, *)
        for o in 0..<outer {
            for r in 0..<length {
                let dst = result.floats + (o * extent + start + r * step) * inner
                dst.update(from: source.floats + (o * length + r) * inner, count: inner)
            }
        }
        return result
    }
}

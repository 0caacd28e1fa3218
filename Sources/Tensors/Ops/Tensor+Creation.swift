extension Tensor {
    /// A float tensor of `shape` filled with `value`.
    public static func full(_ shape: [Int], value: Float) throws -> Tensor {
        let result = try Tensor(shape: shape, zeroed: false)
        result.floats.update(repeating: value, count: result.count)
        return result
    }

    /// A float tensor of zeros.
    public static func zeros(_ shape: [Int]) throws -> Tensor {
        try Tensor(shape: shape)
    }

    /// A float tensor of ones.
    public static func ones(_ shape: [Int]) throws -> Tensor {
        try full(shape, value: 1)
    }

    /// A zero tensor with the shape of `other`.
    public static func zeros(like other: Tensor) throws -> Tensor {
        try Tensor(shape: other.shape)
    }

    /// Values `start, start+step, ...` below `end`, as `torch.arange`.
    public static func arange(_ start: Double, _ end: Double, step: Double = 1) throws -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
            throw TensorError.invalidArgument(
                op: "arange", message: "step must be finite and nonzero, got \(step)")
        }
        let span = (end - start) / step
        let count = span > 0 ? Int(span.rounded(.up)) : 0
        let result = try Tensor(shape: [count], zeroed: false)
        for i in 0..<count { result.floats[i] = Float(start + Double(i) * step) }
        return result
    }

    /// `count` evenly spaced values from `start` to `end` inclusive, as `torch.linspace`.
    public static func linspace(_ start: Double, _ end: Double, count: Int) throws -> Tensor {
        guard count >= 0 else {
            throw TensorError.invalidArgument(
                op: "linspace", message: "count must be >= 0, got \(count)")
        }
        let result = try Tensor(shape: [count], zeroed: false)
        let step = count > 1 ? (end - start) / Double(count - 1) : 0
        // Same split as PyTorch: the upper half counts back from `end`.
        let half = count / 2
        for i in 0..<count {
            let value = i < half ? start + step * Double(i) : end - step * Double(count - 1 - i)
            result.floats[i] = Float(value)
        }
        return result
    }

    /// A copy with its own contiguous storage, not attached to the graph.
    public func contiguousCopy() throws -> Tensor {
        let result = try Tensor(shape: shape, dtype: dtype, zeroed: false)
        result.storage.pointer.copyMemory(
            from: storage.pointer + offset * dtype.itemSize, byteCount: count * dtype.itemSize)
        return result
    }

    /// A copy that records its gradient, as `tensor.clone()`.
    public func clone() throws -> Tensor {
        try contiguousCopy().recorded("clone", [self]) { [$0] }
    }

    /// A tensor sharing storage with `self`, cut from the graph, as `tensor.detach()`.
    public func detached() -> Tensor {
        Tensor(storage: storage, shape: shape, dtype: dtype, offset: offset)
    }

    /// The float elements as an array (i64 and bool converted).
    public func toArray() -> [Float] {
        switch dtype {
        case .f32: return Array(UnsafeBufferPointer(start: floats, count: count))
        case .i64: return (0..<count).map { Float(int64s[$0]) }
        case .bool: return (0..<count).map { Float(bools[$0]) }
        }
    }

    /// The elements as integers (floats truncated toward zero).
    public func toInt64Array() -> [Int64] {
        switch dtype {
        case .i64: return Array(UnsafeBufferPointer(start: int64s, count: count))
        case .f32: return (0..<count).map { Int64(exactly: floats[$0].rounded(.towardZero)) ?? 0 }
        case .bool: return (0..<count).map { Int64(bools[$0]) }
        }
    }

    /// The value of a one-element tensor, as `tensor.item()`.
    public func item() throws -> Float {
        guard count == 1 else {
            throw TensorError.invalidArgument(
                op: "item", message: "needs a one-element tensor, got shape \(formatShape(shape))")
        }
        return toArray()[0]
    }

    /// Converts to another element type (bool: nonzero is true).
    public func converted(to target: DType) throws -> Tensor {
        if target == dtype { return self }
        let result = try Tensor(shape: shape, dtype: target, zeroed: false)
        let n = count
        switch (dtype, target) {
        case (.i64, .f32): for i in 0..<n { result.floats[i] = Float(int64s[i]) }
        case (.bool, .f32): for i in 0..<n { result.floats[i] = Float(bools[i]) }
        case (.f32, .i64):
            for i in 0..<n {
                let value = floats[i]
                guard value.isFinite, Swift.abs(value) < 9.2e18 else {
                    throw TensorError.invalidArgument(
                        op: "to i64", message: "value \(value) at index \(i) has no integer form")
                }
                result.int64s[i] = Int64(value.rounded(.towardZero))
            }
        case (.bool, .i64): for i in 0..<n { result.int64s[i] = Int64(bools[i]) }
        case (.f32, .bool): for i in 0..<n { result.bools[i] = floats[i] != 0 ? 1 : 0 }
        case (.i64, .bool): for i in 0..<n { result.bools[i] = int64s[i] != 0 ? 1 : 0 }
        default: break
        }
        return result
    }

    /// Throws unless the tensor contains floats.
    func requireFloat(_ op: String) throws {
        guard dtype == .f32 else {
            throw TensorError.unsupportedDType(op: op, dtype: dtype, expected: "f32")
        }
    }

    /// `self` as floats, converting integer and bool tensors.
    func asFloat() throws -> Tensor {
        dtype == .f32 ? self : try converted(to: .f32)
    }
}

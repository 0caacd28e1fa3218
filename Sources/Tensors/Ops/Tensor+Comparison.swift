// Comparisons return bool masks; `where` selects between two tensors by a mask.

extension Tensor {
    private func compare(_ other: Tensor, _ op: String, _ f: (Float, Float) -> Bool) throws -> Tensor {
        let a = try asFloat(), b = try other.asFloat()
        let shape = try Broadcast.shape(a.shape, b.shape, op: op)
        let result = try Tensor(shape: shape, dtype: .bool, zeroed: false)
        let strides = [
            Broadcast.strides(of: a.shape, as: shape), Broadcast.strides(of: b.shape, as: shape),
        ]
        let x = a.floats, y = b.floats, out = result.bools
        forEachBroadcastRun(shape: shape, strides: strides) { offsets, start, inner, steps in
            for j in 0..<inner {
                let match = f(x[offsets[0] + j * steps[0]], y[offsets[1] + j * steps[1]])
                out[start + j] = match ? 1 : 0
            }
        }
        return result
    }

    /// Elementwise `self == other`.
    public func equal(_ other: Tensor) throws -> Tensor { try compare(other, "eq") { $0 == $1 } }
    /// Elementwise `self != other`.
    public func notEqual(_ other: Tensor) throws -> Tensor { try compare(other, "ne") { $0 != $1 } }
    /// Elementwise `self < other`.
    public func less(_ other: Tensor) throws -> Tensor { try compare(other, "lt") { $0 < $1 } }
    /// Elementwise `self <= other`.
    public func lessEqual(_ other: Tensor) throws -> Tensor { try compare(other, "le") { $0 <= $1 } }
    /// Elementwise `self > other`.
    public func greater(_ other: Tensor) throws -> Tensor { try compare(other, "gt") { $0 > $1 } }
    /// Elementwise `self >= other`.
    public func greaterEqual(_ other: Tensor) throws -> Tensor {
        try compare(other, "ge") { $0 >= $1 }
    }

    /// Elementwise logical and of two masks (nonzero is true).
    public func logicalAnd(_ other: Tensor) throws -> Tensor {
        try compare(other, "logical_and") { $0 != 0 && $1 != 0 }
    }
    /// Elementwise logical or of two masks (nonzero is true).
    public func logicalOr(_ other: Tensor) throws -> Tensor {
        try compare(other, "logical_or") { $0 != 0 || $1 != 0 }
    }
    /// Elementwise logical not (zero becomes true).
    public func logicalNot() throws -> Tensor {
        try compare(Tensor(scalar: 0), "logical_not") { x, _ in x == 0 }
    }

    /// Picks `a` where `condition` is true and `b` elsewhere, broadcasting all three.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let mask = try condition.converted(to: .f32).converted(to: .bool).converted(to: .f32)
        let inverse = try Tensor(scalar: 1).subtracting(mask)
        let picked = try a.multiplying(mask).adding(b.multiplying(inverse))
        // Multiplying by the mask turns inf·0 into NaN; copy the picked values directly.
        let shape = picked.shape
        let strides = [
            Broadcast.strides(of: mask.shape, as: shape),
            Broadcast.strides(of: a.shape, as: shape), Broadcast.strides(of: b.shape, as: shape),
        ]
        let fa = try a.asFloat(), fb = try b.asFloat()
        let m = mask.floats, x = fa.floats, y = fb.floats, out = picked.floats
        forEachBroadcastRun(shape: shape, strides: strides) { offsets, start, inner, steps in
            for j in 0..<inner {
                let useA = m[offsets[0] + j * steps[0]] != 0
                out[start + j] = useA ? x[offsets[1] + j * steps[1]] : y[offsets[2] + j * steps[2]]
            }
        }
        return picked
    }
}

#if canImport(Glibc)
import Glibc
#endif

// Broadcasting arithmetic. Integer operands are promoted to f32, except that
// `+`, `-` and `*` of two i64 tensors stay i64 (as in PyTorch).

extension Tensor {
    /// `self + other`, broadcasting.
    public func adding(_ other: Tensor) throws -> Tensor {
        if dtype == .i64 && other.dtype == .i64 { return try Tensor.integerOp(self, other, "add", +) }
        let (sa, sb) = (shape, other.shape)
        return try Tensor.mapBinary(AddKernel.self, self, other, op: "add")
            .recorded("add", [self, other]) { g in [try g.reduced(to: sa), try g.reduced(to: sb)] }
    }

    /// `self - other`, broadcasting.
    public func subtracting(_ other: Tensor) throws -> Tensor {
        if dtype == .i64 && other.dtype == .i64 { return try Tensor.integerOp(self, other, "sub", -) }
        let (sa, sb) = (shape, other.shape)
        return try Tensor.mapBinary(SubKernel.self, self, other, op: "sub")
            .recorded("sub", [self, other]) { g in
                [try g.reduced(to: sa), try g.negated().reduced(to: sb)]
            }
    }

    /// `self * other`, broadcasting.
    public func multiplying(_ other: Tensor) throws -> Tensor {
        if dtype == .i64 && other.dtype == .i64 { return try Tensor.integerOp(self, other, "mul", *) }
        return try Tensor.mapBinary(MulKernel.self, self, other, op: "mul")
            .recorded("mul", [self, other]) { [self, other] g in
                [
                    self.requiresGrad ? try g.multiplying(other).reduced(to: self.shape) : nil,
                    other.requiresGrad ? try g.multiplying(self).reduced(to: other.shape) : nil,
                ]
            }
    }

    /// `self / other`, broadcasting (true division).
    public func dividing(_ other: Tensor) throws -> Tensor {
        try Tensor.mapBinary(DivKernel.self, self, other, op: "div")
            .recorded("div", [self, other]) { [self, other] g in
                let da = self.requiresGrad ? try g.dividing(other).reduced(to: self.shape) : nil
                var db: Tensor? = nil
                if other.requiresGrad {
                    let quotient = try self.dividing(other).dividing(other)
                    db = try g.multiplying(quotient).negated().reduced(to: other.shape)
                }
                return [da, db]
            }
    }

    /// `self ** exponent` elementwise, broadcasting.
    public func pow(_ exponent: Tensor) throws -> Tensor {
        let result = try Tensor.mapBinary(PowKernel.self, self, exponent, op: "pow")
        let saved = result.detached()
        return result.recorded("pow", [self, exponent]) { [self, exponent] g in
            var da: Tensor? = nil, db: Tensor? = nil
            if self.requiresGrad {
                let lowered = try exponent.subtracting(Tensor(scalar: 1))
                let local = try exponent.multiplying(self.pow(lowered))
                // x⁰ is constant, so its derivative is 0 even at x = 0 (where 0 · 0⁻¹ is NaN), as in PyTorch.
                let exponents = try exponent.adding(Tensor.zeros(local.shape))
                try local.replaceNonFinite(where: exponents, isZero: true)
                da = try g.multiplying(local).reduced(to: self.shape)
            }
            if exponent.requiresGrad {
                // d/db a^b = a^b log a, taken as 0 where a^b is 0 (a = 0, b > 0).
                let logBase = try self.log()
                let local = try Tensor.mapBinary(
                    MulKernel.self, saved, logBase, op: "pow backward")
                try local.replaceNonFinite(where: saved, isZero: true)
                db = try g.multiplying(local).reduced(to: exponent.shape)
            }
            return [da, db]
        }
    }

    /// `self ** p` for a constant exponent.
    public func pow(_ p: Float) throws -> Tensor {
        if p == 2 { return try multiplying(self) }
        return try pow(Tensor(scalar: p))
    }

    /// The elementwise angle of (x: other, y: self), as `torch.atan2(self, other)`.
    public func atan2(_ other: Tensor) throws -> Tensor {
        try Tensor.mapBinary(Atan2Kernel.self, self, other, op: "atan2")
            .recorded("atan2", [self, other]) { [self, other] g in
                // d/dy = x / (x² + y²), d/dx = -y / (x² + y²); 0 at the origin.
                let r2 = try self.multiplying(self).adding(other.multiplying(other))
                let safe = try r2.mapUnary(SafeReciprocalKernel.self)
                let dy = try g.multiplying(other).multiplying(safe).reduced(to: self.shape)
                let dx = try g.multiplying(self).multiplying(safe).negated().reduced(to: other.shape)
                return [dy, dx]
            }
    }

    /// Elementwise maximum (NaN propagates); the gradient goes to the larger input.
    public func maximum(_ other: Tensor) throws -> Tensor {
        try Tensor.mapBinary(MaximumKernel.self, self, other, op: "maximum")
            .recorded("maximum", [self, other]) { [self, other] g in
                let mask = try self.greaterEqual(other).converted(to: .f32)
                let rest = try Tensor(scalar: 1).subtracting(mask)
                return [
                    try g.multiplying(mask).reduced(to: self.shape),
                    try g.multiplying(rest).reduced(to: other.shape),
                ]
            }
    }

    /// Elementwise minimum (NaN propagates); the gradient goes to the smaller input.
    public func minimum(_ other: Tensor) throws -> Tensor {
        try Tensor.mapBinary(MinimumKernel.self, self, other, op: "minimum")
            .recorded("minimum", [self, other]) { [self, other] g in
                let mask = try self.lessEqual(other).converted(to: .f32)
                let rest = try Tensor(scalar: 1).subtracting(mask)
                return [
                    try g.multiplying(mask).reduced(to: self.shape),
                    try g.multiplying(rest).reduced(to: other.shape),
                ]
            }
    }

    /// Adds `other` into `self` in place, without recording (for gradients and optimizers).
    public func addInPlace(_ other: Tensor, scale: Float = 1) throws {
        try requireFloat("add_")
        let other = try other.asFloat()
        let x = floats
        if other.count == count && other.shape == shape {
            let y = other.floats
            for i in 0..<count { x[i] += scale * y[i] }
        } else {
            let summed = try Tensor.mapBinary(AddKernel.self, self, other, op: "add_")
            guard summed.shape == shape else {
                throw TensorError.shapeMismatch(
                    op: "add_", lhs: shape, rhs: other.shape,
                    detail: "an in-place result must keep the left shape")
            }
            if scale == 1 {
                x.update(from: summed.floats, count: count)
            } else {
                let y = try Tensor.mapBinary(MulKernel.self, other, Tensor(scalar: scale), op: "add_")
                try addInPlace(y)
            }
        }
    }

    /// Copies `other`'s values into `self` (same element count), without recording.
    public func copyValues(from other: Tensor) throws {
        guard other.count == count, other.dtype == dtype else {
            throw TensorError.shapeMismatch(
                op: "copy_", lhs: shape, rhs: other.shape,
                detail: "copying needs equal element counts and dtypes (\(dtype), \(other.dtype))")
        }
        (storage.pointer + offset * dtype.itemSize).copyMemory(
            from: other.storage.pointer + other.offset * dtype.itemSize,
            byteCount: count * dtype.itemSize)
    }

    /// Sets to 0 every non-finite element of `self` where `mask` is 0.
    fileprivate func replaceNonFinite(where mask: Tensor, isZero: Bool) throws {
        let m = mask.floats
        for i in 0..<count where !floats[i].isFinite && (m[i] == 0) == isZero { floats[i] = 0 }
    }

    static func integerOp(
        _ a: Tensor, _ b: Tensor, _ op: String, _ f: (Int64, Int64) -> Int64
    ) throws -> Tensor {
        let shape = try Broadcast.shape(a.shape, b.shape, op: op)
        let result = try Tensor(shape: shape, dtype: .i64, zeroed: false)
        let strides = [
            Broadcast.strides(of: a.shape, as: shape), Broadcast.strides(of: b.shape, as: shape),
        ]
        let x = a.int64s, y = b.int64s, out = result.int64s
        forEachBroadcastRun(shape: shape, strides: strides) { offsets, start, inner, steps in
            for j in 0..<inner {
                out[start + j] = f(x[offsets[0] + j * steps[0]], y[offsets[1] + j * steps[1]])
            }
        }
        return result
    }
}

// Operators, so `try a + b * c` reads like the math. Scalars broadcast.
extension Tensor {
    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try a.adding(b) }
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try a.subtracting(b) }
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try a.multiplying(b) }
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try a.dividing(b) }
    public static func + (a: Tensor, b: Float) throws -> Tensor { try a.adding(Tensor(scalar: b)) }
    public static func - (a: Tensor, b: Float) throws -> Tensor {
        try a.subtracting(Tensor(scalar: b))
    }
    public static func * (a: Tensor, b: Float) throws -> Tensor {
        try a.multiplying(Tensor(scalar: b))
    }
    public static func / (a: Tensor, b: Float) throws -> Tensor {
        try a.dividing(Tensor(scalar: b))
    }
    public static func + (a: Float, b: Tensor) throws -> Tensor { try Tensor(scalar: a).adding(b) }
    public static func - (a: Float, b: Tensor) throws -> Tensor {
        try Tensor(scalar: a).subtracting(b)
    }
    public static func * (a: Float, b: Tensor) throws -> Tensor {
        try Tensor(scalar: a).multiplying(b)
    }
    public static func / (a: Float, b: Tensor) throws -> Tensor {
        try Tensor(scalar: a).dividing(b)
    }
    public static prefix func - (a: Tensor) throws -> Tensor { try a.negated() }
}

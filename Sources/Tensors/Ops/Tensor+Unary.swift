import CKernels

// Elementwise functions with their derivatives.

extension Tensor {
    /// `-self`.
    public func negated() throws -> Tensor {
        if dtype == .i64 { return try Tensor.integerOp(Tensor(int64: [0], shape: []), self, "neg", -) }
        return try mapUnary(NegKernel.self).recorded("neg", [self]) { g in [try g.negated()] }
    }

    /// Square root. Where the output is 0 and the upstream gradient is 0, the
    /// gradient is 0 rather than NaN.
    public func sqrt() throws -> Tensor {
        let result = try mapUnary(SqrtKernel.self)
        let saved = result.detached()
        return result.recorded("sqrt", [self]) { g in
            let local = try saved.mapUnary(SafeReciprocalKernel.self)
            let half = try Tensor.mapBinary(MulKernel.self, g, local, op: "sqrt backward") * 0.5
            // g / (2·sqrt(x)): at x = 0 this is 0 when g = 0, and +inf·g otherwise.
            let out = saved.floats, dg = g.floats, dx = half.floats
            for i in 0..<half.count where out[i] == 0 && dg[i] != 0 {
                dx[i] = dg[i] > 0 ? .infinity : -.infinity
            }
            return [half]
        }
    }

    /// e^x.
    public func exp() throws -> Tensor {
        let result = try mapUnary(ExpKernel.self)
        let saved = result.detached()
        return result.recorded("exp", [self]) { g in [try g.multiplying(saved)] }
    }

    /// Natural logarithm.
    public func log() throws -> Tensor {
        try mapUnary(LogKernel.self).recorded("log", [self]) { [self] g in
            [try g.dividing(self.detached())]
        }
    }

    /// Sine.
    public func sin() throws -> Tensor {
        try mapUnary(SinKernel.self).recorded("sin", [self]) { [self] g in
            [try g.multiplying(self.detached().mapUnary(CosKernel.self))]
        }
    }

    /// Cosine.
    public func cos() throws -> Tensor {
        try mapUnary(CosKernel.self).recorded("cos", [self]) { [self] g in
            [try g.multiplying(self.detached().mapUnary(SinKernel.self)).negated()]
        }
    }

    /// Hyperbolic tangent.
    public func tanh() throws -> Tensor {
        let result = try mapUnary(TanhKernel.self)
        let y = result.detached()
        return result.recorded("tanh", [self]) { g in
            return [try g.multiplying(1 - y * y)]
        }
    }

    /// Inverse cosine. Its gradient is finite inside (-1, 1); clamp first, as
    /// the geodesic distance does, to stay there.
    public func acos() throws -> Tensor {
        try mapUnary(AcosKernel.self).recorded("acos", [self]) { [self] g in
            [try g.multiplying(self.detached().mapUnary(AcosGradKernel.self))]
        }
    }

    /// The error function.
    public func erf() throws -> Tensor {
        try mapUnary(ErfKernel.self).recorded("erf", [self]) { [self] g in
            [try g.multiplying(self.detached().mapUnary(ErfGradKernel.self))]
        }
    }

    /// Exact GELU, x·Φ(x) (PyTorch's default, not the tanh approximation).
    public func gelu() throws -> Tensor {
        let input = try asFloat()
        let result = try Tensor(shape: shape, zeroed: false)
        let needsGrad = Tensor.needsGrad([self])
        let slope = needsGrad ? try Tensor(shape: shape, zeroed: false) : nil
        mfs_gelu(input.floats, result.floats, slope?.floats, count)
        withExtendedLifetime(input) {}
        return result.recorded("gelu", [self]) { g in [try g.multiplying(slope ?? g)] }
    }

    /// max(x, 0).
    public func relu() throws -> Tensor {
        try mapUnary(ReluKernel.self).recorded("relu", [self]) { [self] g in
            [try g.multiplying(self.detached().mapUnary(StepKernel.self))]
        }
    }

    /// The logistic function 1 / (1 + e^-x).
    public func sigmoid() throws -> Tensor {
        let result = try mapUnary(SigmoidKernel.self)
        let y = result.detached()
        return result.recorded("sigmoid", [self]) { g in
            return [try g.multiplying(y * (1 - y))]
        }
    }

    /// |x|; the gradient at 0 is 0.
    public func abs() throws -> Tensor {
        try mapUnary(AbsKernel.self).recorded("abs", [self]) { [self] g in
            [try g.multiplying(self.detached().mapUnary(SignKernel.self))]
        }
    }

    /// Limits every element to `[lower, upper]`; either bound may be nil.
    ///
    /// The gradient passes where `lower <= x <= upper` and is 0 outside, as in PyTorch.
    public func clamp(min lower: Float? = nil, max upper: Float? = nil) throws -> Tensor {
        if let lower, let upper, lower > upper {
            throw TensorError.invalidArgument(
                op: "clamp", message: "min \(lower) is greater than max \(upper)")
        }
        let input = try asFloat()
        let result = try Tensor(shape: shape, zeroed: false)
        let lo = lower ?? -.infinity, hi = upper ?? .infinity
        let x = input.floats, out = result.floats
        for i in 0..<count { out[i] = x[i].isNaN ? x[i] : Swift.min(Swift.max(x[i], lo), hi) }
        return result.recorded("clamp", [self]) { g in
            let mask = try Tensor(shape: input.shape, zeroed: false)
            let x = input.floats
            for i in 0..<mask.count { mask.floats[i] = x[i] >= lo && x[i] <= hi ? 1 : 0 }
            return [try g.multiplying(mask)]
        }
    }
}

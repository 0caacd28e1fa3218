#if canImport(Glibc)
import Glibc
#endif

// Softmax, log-softmax, layer norm, normalize and norm, each with a fused
// forward loop and a closed-form backward.

extension Tensor {
    /// Softmax along `axis`, computed as exp(x - max) / sum for stability.
    public func softmax(axis: Int = -1) throws -> Tensor {
        let axis = try normalizeAxis(axis, rank: rank, op: "softmax")
        let result = try softmaxForward(axis: axis, log: false)
        let y = result.detached()
        return result.recorded("softmax", [self]) { g in
            // dx = y · (g - Σ g·y)
            let dot = try g.multiplying(y).sum(axes: [axis], keepDim: true)
            return [try y.multiplying(g.subtracting(dot))]
        }
    }

    /// log(softmax(x)) along `axis`, computed as x - max - log Σ exp(x - max).
    public func logSoftmax(axis: Int = -1) throws -> Tensor {
        let axis = try normalizeAxis(axis, rank: rank, op: "log_softmax")
        let result = try softmaxForward(axis: axis, log: true)
        let y = result.detached()
        return result.recorded("log_softmax", [self]) { g in
            // dx = g - softmax · Σ g
            let total = try g.sum(axes: [axis], keepDim: true)
            return [try g.subtracting(y.exp().multiplying(total))]
        }
    }

    private func softmaxForward(axis: Int, log: Bool) throws -> Tensor {
        let input = try asFloat()
        guard rank > 0 else { return try Tensor.full([], value: log ? 0 : 1) }
        let result = try Tensor(shape: shape, zeroed: false)
        let (outer, n, inner) = split(around: axis)
        let x = input.floats, out = result.floats
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * n * inner + i
                var peak = -Float.infinity
                for r in 0..<n { peak = Swift.max(peak, x[base + r * inner]) }
                if peak == -.infinity { peak = 0 }
                var total: Float = 0
                for r in 0..<n {
                    let e = expf(x[base + r * inner] - peak)
                    out[base + r * inner] = e
                    total += e
                }
                if log {
                    let shift = peak + logf(total)
                    for r in 0..<n { out[base + r * inner] = x[base + r * inner] - shift }
                } else {
                    let scale = 1 / total
                    for r in 0..<n { out[base + r * inner] *= scale }
                }
            }
        }
        return result
    }

    /// Layer normalisation over the last axis, as `torch.nn.functional.layer_norm`
    /// with `normalized_shape` the last extent: (x - mean) / sqrt(var + eps)·weight + bias.
    public func layerNorm(weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) throws -> Tensor {
        guard rank >= 1 else {
            throw TensorError.invalidArgument(op: "layer_norm", message: "needs rank >= 1")
        }
        let d = shape[rank - 1]
        for p in [weight, bias].compactMap({ $0 }) where p.shape != [d] {
            throw TensorError.shapeMismatch(
                op: "layer_norm", lhs: shape, rhs: p.shape,
                detail: "weight and bias need the last extent \(d)")
        }
        let input = try asFloat()
        let rows = count / Swift.max(d, 1)
        let normalized = try Tensor(shape: shape, zeroed: false)
        let rstd = try Tensor(shape: [rows], zeroed: false)
        let x = input.floats, xhat = normalized.floats
        for r in 0..<rows {
            let row = x + r * d
            var mean: Float = 0
            for j in 0..<d { mean += row[j] }
            mean /= Float(d)
            var variance: Float = 0
            for j in 0..<d { let c = row[j] - mean; variance += c * c }
            variance /= Float(d)
            let inv = 1 / (variance + eps).squareRoot()
            rstd.floats[r] = inv
            for j in 0..<d { xhat[r * d + j] = (row[j] - mean) * inv }
        }
        let result = try normalized.contiguousCopy()
        let out = result.floats
        for r in 0..<rows {
            for j in 0..<d {
                let w = weight?.floats[j] ?? 1, b = bias?.floats[j] ?? 0
                out[r * d + j] = xhat[r * d + j] * w + b
            }
        }
        let inputs = [self] + [weight, bias].compactMap { $0 }
        return result.recorded("layer_norm", inputs) { [self] g in
            let xhat = normalized.floats
            let dg = try g.contiguousCopy()
            let dx = try Tensor(shape: self.shape, zeroed: false)
            let dw = try Tensor(shape: [d]), db = try Tensor(shape: [d])
            for r in 0..<rows {
                let gRow = dg.floats + r * d, hRow = xhat + r * d
                var meanG: Float = 0, meanGH: Float = 0
                for j in 0..<d {
                    let gw = gRow[j] * (weight?.floats[j] ?? 1)
                    meanG += gw
                    meanGH += gw * hRow[j]
                    dw.floats[j] += gRow[j] * hRow[j]
                    db.floats[j] += gRow[j]
                }
                meanG /= Float(d)
                meanGH /= Float(d)
                let inv = rstd.floats[r]
                for j in 0..<d {
                    let gw = gRow[j] * (weight?.floats[j] ?? 1)
                    dx.floats[r * d + j] = inv * (gw - meanG - hRow[j] * meanGH)
                }
            }
            var grads: [Tensor?] = [dx]
            if weight != nil { grads.append(dw) }
            if bias != nil { grads.append(db) }
            return grads
        }
    }

    /// `x / max(‖x‖, eps)` along `axis`, as `torch.nn.functional.normalize`.
    ///
    /// Where ‖x‖ < eps (a zero vector) the gradient is 0, not PyTorch's g/eps,
    /// so a dead vector cannot inject a 1e12-sized step.
    public func normalized(axis: Int = -1, eps: Float = 1e-12) throws -> Tensor {
        let axis = try normalizeAxis(axis, rank: rank, op: "normalize")
        let input = try asFloat()
        guard rank > 0 else { return try input.dividing(input.abs().clamp(min: eps)) }
        let (outer, n, inner) = split(around: axis)
        let result = try Tensor(shape: shape, zeroed: false)
        let norms = try Tensor(shape: [outer * inner], zeroed: false)
        let x = input.floats, out = result.floats
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * n * inner + i
                var total: Float = 0
                for r in 0..<n { total += x[base + r * inner] * x[base + r * inner] }
                let norm = total.squareRoot()
                norms.floats[o * inner + i] = norm
                let scale = 1 / Swift.max(norm, eps)
                for r in 0..<n { out[base + r * inner] = x[base + r * inner] * scale }
            }
        }
        let y = result.detached()
        return result.recorded("normalize", [self]) { g in
            // dx = (g - y·⟨g, y⟩) / ‖x‖ where ‖x‖ >= eps, else 0.
            let dg = try g.contiguousCopy()
            let dx = try Tensor(shape: y.shape, zeroed: false)
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * n * inner + i
                    let norm = norms.floats[o * inner + i]
                    guard norm >= eps, norm > 0 else {
                        for r in 0..<n { dx.floats[base + r * inner] = 0 }
                        continue
                    }
                    var dot: Float = 0
                    for r in 0..<n { dot += dg.floats[base + r * inner] * y.floats[base + r * inner] }
                    for r in 0..<n {
                        let at = base + r * inner
                        dx.floats[at] = (dg.floats[at] - y.floats[at] * dot) / norm
                    }
                }
            }
            return [dx]
        }
    }

    /// Euclidean norm along `axis`; the gradient at a zero vector is 0.
    public func norm(axis: Int = -1, keepDim: Bool = false) throws -> Tensor {
        let axis = try normalizeAxis(axis, rank: rank, op: "norm")
        let squares = try asFloat().detached()
        let total = try squares.multiplying(squares).sum(axes: rank == 0 ? [] : [axis], keepDim: true)
        let root = try total.mapUnary(SqrtKernel.self)
        var shapeOut = root.shape
        if !keepDim && rank > 0 { shapeOut.remove(at: axis) }
        let result = try root.reshaped(shapeOut).detached()
        return result.recorded("norm", [self]) { [self] g in
            let safe = try root.mapUnary(SafeReciprocalKernel.self)
            let local = try self.detached().multiplying(safe)
            return [try g.reshaped(root.shape).multiplying(local)]
        }
    }
}

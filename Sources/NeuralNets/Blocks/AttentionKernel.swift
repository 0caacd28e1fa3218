import CKernels
import Tensors

#if canImport(Glibc)
import Glibc
#endif

// Shapes: B batch, T time steps, D model size, H heads, d = D/H, N = B·T rows.

/// Multi-head attention over packed projections [B, T, 3D] (q, k, v) as one
/// differentiable operation: softmax(q·kᵀ/√d − λ·acos(clamp(q̂·k̂ᵀ)))·v, or
/// without the geodesic term. The softmax maps [B, H, T, T] are kept because
/// plots show them. Everything else of size T×T lives in a per-thread scratch
/// buffer and is recomputed in backward.
struct AttentionKernel {
    let heads: Int
    let geodesic: Bool
    let causal: Bool

    static let clampBound: Float = 1 - 1e-6

    final class Saved {
        let attention: Tensor
        let unitQK: Tensor?
        let norms: Tensor?

        init(attention: Tensor, unitQK: Tensor?, norms: Tensor?) {
            self.attention = attention
            self.unitQK = unitQK
            self.norms = norms
        }
    }

    /// Attends with packed projections `qkv` [B, T, 3D] and weight λ (0-d, geodesic only).
    func forward(_ qkv: Tensor, lambda: Tensor?) throws -> (merged: Tensor, saved: Saved) {
        let (b, t, dim) = (qkv.shape[0], qkv.shape[1], qkv.shape[2] / 3)
        let d = dim / heads, rows = b * t
        let packed = try qkv.converted(to: .f32)
        let attention = try Tensor(shape: [b, heads, t, t], zeroed: false)
        let merged = try Tensor(shape: [b, t, dim], zeroed: false)
        var unitQK: Tensor? = nil, norms: Tensor? = nil
        if geodesic {
            let unit = try Tensor(shape: [rows, 2 * dim], zeroed: false)
            let p = packed.floats, u = unit.floats
            for row in 0..<rows { (u + row * 2 * dim).update(from: p + row * 3 * dim, count: 2 * dim) }
            let n = try Tensor(shape: [rows, 2 * heads], zeroed: false)
            KuramotoKernel.normalizeSegments(u, n.floats, rows: rows, segments: 2 * heads, width: d)
            unitQK = unit
            norms = n
        }
        let weight = try lambda?.item() ?? 0
        let scale = 1 / Float(d).squareRoot()
        let p = packed.floats, a = attention.floats, out = merged.floats
        let u = unitQK?.floats
        try Parallel.forEachSlice(b) { _, samples in
            let scratch = try Tensor(shape: [t, t], zeroed: false)
            let cosine = scratch.floats
            for sample in samples {
                try Interrupt.check()
                for head in 0..<heads {
                    let q = p + sample * t * 3 * dim + head * d, k = q + dim, v = k + dim
                    let map = a + (sample * heads + head) * t * t
                    BLAS.gemm(q, lda: 3 * dim, transA: false, k, ldb: 3 * dim, transB: true,
                              map, ldc: t, m: t, n: t, k: d, alpha: scale)
                    if let u {
                        let uq = u + sample * t * 2 * dim + head * d
                        BLAS.gemm(uq, lda: 2 * dim, transA: false, uq + dim, ldb: 2 * dim, transB: true,
                                  cosine, ldc: t, m: t, n: t, k: d)
                        mfs_sub_scaled_acos(map, cosine, t * t, weight, AttentionKernel.clampBound)
                    }
                    mfs_softmax_rows(map, t, t, causal ? 1 : 0)
                    BLAS.gemm(map, lda: t, transA: false, v, ldb: 3 * dim, transB: false,
                              out + sample * t * dim + head * d, ldc: dim, m: t, n: d, k: t)
                }
            }
        }
        withExtendedLifetime((packed, unitQK)) {}
        return (merged, Saved(attention: attention, unitQK: unitQK, norms: norms))
    }

    /// Gradients for the packed projections and λ, given the merged output's gradient g [B, T, D].
    func backward(_ g: Tensor, qkv: Tensor, lambda: Tensor?, saved: Saved) throws -> (dQKV: Tensor, dLambda: Tensor?) {
        let (b, t, dim) = (qkv.shape[0], qkv.shape[1], qkv.shape[2] / 3)
        let d = dim / heads, rows = b * t
        let packed = try qkv.converted(to: .f32), grad = try g.converted(to: .f32)
        let dPacked = try Tensor(shape: qkv.shape, zeroed: false)
        let dUnit = geodesic ? try Tensor(shape: [rows, 2 * dim], zeroed: false) : nil
        let weight = try lambda?.item() ?? 0
        let scale = 1 / Float(d).squareRoot()
        let p = packed.floats, dp = dPacked.floats, dg = grad.floats, a = saved.attention.floats
        let u = saved.unitQK?.floats, du = dUnit?.floats
        var lambdaParts = [Double](repeating: 0, count: Parallel.threads)
        try lambdaParts.withUnsafeMutableBufferPointer { parts in
            try Parallel.forEachSlice(b) { slice, samples in
                let scratch = try Tensor(shape: [2, t, t], zeroed: false)
                let dMap = scratch.floats, cosine = dMap + t * t
                for sample in samples {
                    try Interrupt.check()
                    for head in 0..<heads {
                        let q = p + sample * t * 3 * dim + head * d, k = q + dim, v = k + dim
                        let dq = dp + sample * t * 3 * dim + head * d, dk = dq + dim, dv = dk + dim
                        let go = dg + sample * t * dim + head * d
                        let map = a + (sample * heads + head) * t * t
                        // dA = g·vᵀ; dv = Aᵀ·g; dS = A ⊙ (dA − Σ_j dA·A)
                        BLAS.gemm(go, lda: dim, transA: false, v, ldb: 3 * dim, transB: true,
                                  dMap, ldc: t, m: t, n: t, k: d)
                        BLAS.gemm(map, lda: t, transA: true, go, ldb: dim, transB: false,
                                  dv, ldc: 3 * dim, m: t, n: d, k: t)
                        AttentionKernel.softmaxBackwardRows(dMap, map, t)
                        BLAS.gemm(dMap, lda: t, transA: false, k, ldb: 3 * dim, transB: false,
                                  dq, ldc: 3 * dim, m: t, n: d, k: t, alpha: scale)
                        BLAS.gemm(dMap, lda: t, transA: true, q, ldb: 3 * dim, transB: false,
                                  dk, ldc: 3 * dim, m: t, n: d, k: t, alpha: scale)
                        guard let u, let du else { continue }
                        // Geodesic term: S −= λ·acos(c), c = clamp(q̂·k̂ᵀ).
                        let uq = u + sample * t * 2 * dim + head * d, uk = uq + dim
                        let duq = du + sample * t * 2 * dim + head * d, duk = duq + dim
                        BLAS.gemm(uq, lda: 2 * dim, transA: false, uk, ldb: 2 * dim, transB: true,
                                  cosine, ldc: t, m: t, n: t, k: d)
                        // dλ = −Σ dS·acos(c); dc = dS·λ·[inside]/sqrt(1 − c²), into `cosine`.
                        parts[slice] += mfs_acos_backward(
                            dMap, cosine, t * t, weight, AttentionKernel.clampBound)
                        BLAS.gemm(cosine, lda: t, transA: false, uk, ldb: 2 * dim, transB: false,
                                  duq, ldc: 2 * dim, m: t, n: d, k: t)
                        BLAS.gemm(cosine, lda: t, transA: true, uq, ldb: 2 * dim, transB: false,
                                  duk, ldc: 2 * dim, m: t, n: d, k: t)
                    }
                }
            }
        }
        if let u, let du, let norms = saved.norms {
            KuramotoKernel.normalizeSegmentsBackward(du, u, norms.floats, rows: rows, segments: 2 * heads, width: d)
            for row in 0..<rows {
                let target = dp + row * 3 * dim, source = du + row * 2 * dim
                for j in 0..<(2 * dim) { target[j] += source[j] }
            }
        }
        withExtendedLifetime((packed, grad, saved, dUnit)) {}
        let dLambda = lambda == nil ? nil : Tensor(scalar: Float(lambdaParts.reduce(0, +)))
        return (dPacked, dLambda)
    }

    /// dS = A ⊙ (dA − Σ_j dA·A) per row, in place in `dMap`.
    static func softmaxBackwardRows(_ dMap: UnsafeMutablePointer<Float>, _ map: UnsafePointer<Float>, _ t: Int) {
        for i in 0..<t {
            let dRow = dMap + i * t, row = map + i * t
            var dot: Float = 0
            for j in 0..<t { dot += dRow[j] * row[j] }
            for j in 0..<t { dRow[j] = row[j] * (dRow[j] - dot) }
        }
    }
}

import CKernels
import Tensors

// Shapes: B batch, T time steps, D latent size, H heads, d = D/H, N = B·T rows.

/// The Kuramoto field as one differentiable operation:
/// f(z) = omega + (sin(q̂·k̂ᵀ)·k̂)·Woᵀ + bo, with [q, k] = z·Wcᵀ normalised per head.
///
/// The T×T coupling map of each (sample, head) is never stored. For head sizes up
/// to 16 a vector C kernel computes the map, its sine and the force in registers.
/// Wider heads, where sgemm is faster, use a per-thread scratch map. The backward
/// recomputes the map, its sine and cosine instead of keeping [B, H, T, T] tensors.
struct KuramotoKernel {
    let heads: Int
    let causal: Bool

    /// Normalised projections [N, 2D] (q̂ then k̂ per row) and their norms [N, 2H]
    /// of an evaluation, kept for the backward and for `coupling(of:)`.
    final class Saved {
        let projections: Tensor
        let norms: Tensor
        let force: Tensor

        init(projections: Tensor, norms: Tensor, force: Tensor) {
            self.projections = projections
            self.norms = norms
            self.force = force
        }
    }

    /// Evaluates the field at z [B, T, D].
    func forward(
        _ z: Tensor, toCoupling wc: Tensor, omega: Tensor, outputWeight wo: Tensor, outputBias bo: Tensor
    ) throws -> (field: Tensor, saved: Saved) {
        let (b, t, dim) = (z.shape[0], z.shape[1], z.shape[2])
        let rows = b * t, d = dim / heads
        let input = try z.converted(to: .f32)
        let projections = try Tensor(shape: [rows, 2 * dim], zeroed: false)
        BLAS.gemm(input.floats, lda: dim, transA: false, wc.floats, ldb: dim, transB: true,
                  projections.floats, ldc: 2 * dim, m: rows, n: 2 * dim, k: dim)
        let norms = try Tensor(shape: [rows, 2 * heads], zeroed: false)
        KuramotoKernel.normalizeSegments(projections.floats, norms.floats, rows: rows, segments: 2 * heads, width: d)

        let force = try Tensor(shape: [rows, dim], zeroed: false)
        let p = projections.floats, f = force.floats
        let fused = d <= Int(MFS_KURAMOTO_MAX_HEAD)
        try Parallel.forEachSlice(b) { _, samples in
            let scratch = try Tensor(shape: [max(t * t, mfs_kuramoto_scratch(t, d))], zeroed: false)
            let map = scratch.floats
            for sample in samples {
                try Interrupt.check()
                for head in 0..<heads {
                    let q = p + sample * t * 2 * dim + head * d, k = q + dim
                    let out = f + sample * t * dim + head * d
                    if fused {
                        mfs_kuramoto_force(q, k, 2 * dim, t, d, causal ? 1 : 0, out, dim, map)
                        continue
                    }
                    BLAS.gemm(q, lda: 2 * dim, transA: false, k, ldb: 2 * dim, transB: true,
                              map, ldc: t, m: t, n: t, k: d)
                    KuramotoKernel.sine(map, count: t * t)
                    if causal { KuramotoKernel.zeroAboveDiagonal(map, t) }
                    BLAS.gemm(map, lda: t, transA: false, k, ldb: 2 * dim, transB: false,
                              out, ldc: dim, m: t, n: d, k: t)
                }
            }
        }
        let field = try Tensor(shape: [b, t, dim], zeroed: false)
        let out = field.floats, bias = bo.floats, drift = omega.floats
        for row in 0..<rows {
            for j in 0..<dim { out[row * dim + j] = bias[j] + drift[j] }
        }
        BLAS.gemm(f, lda: dim, transA: false, wo.floats, ldb: dim, transB: true, out, ldc: dim,
                  m: rows, n: dim, k: dim, beta: 1)
        withExtendedLifetime((input, wc, omega, wo, bo)) {}
        return (field, Saved(projections: projections, norms: norms, force: force))
    }

    /// Gradients for (z, Wc, omega, Wo, bo) given the field's gradient g [B, T, D].
    func backward(
        _ g: Tensor, z: Tensor, saved: Saved, toCoupling wc: Tensor, outputWeight wo: Tensor
    ) throws -> (dz: Tensor, dWc: Tensor, dOmega: Tensor, dWo: Tensor, dBo: Tensor) {
        let (b, t, dim) = (z.shape[0], z.shape[1], z.shape[2])
        let rows = b * t, d = dim / heads
        let grad = try g.converted(to: .f32), input = try z.converted(to: .f32)
        let dBo = try Tensor(shape: [dim])
        for row in 0..<rows {
            for j in 0..<dim { dBo.floats[j] += grad.floats[row * dim + j] }
        }
        let dWo = try Tensor(shape: [dim, dim], zeroed: false)
        BLAS.gemm(grad.floats, lda: dim, transA: true, saved.force.floats, ldb: dim, transB: false,
                  dWo.floats, ldc: dim, m: dim, n: dim, k: rows)
        let dForce = try Tensor(shape: [rows, dim], zeroed: false)
        BLAS.gemm(grad.floats, lda: dim, transA: false, wo.floats, ldb: dim, transB: false,
                  dForce.floats, ldc: dim, m: rows, n: dim, k: dim)

        let dProjections = try Tensor(shape: [rows, 2 * dim], zeroed: false)
        let fused = d <= Int(MFS_KURAMOTO_MAX_HEAD)
        let p = saved.projections.floats, dp = dProjections.floats, df = dForce.floats
        try Parallel.forEachSlice(b) { _, samples in
            // Layout: [C; dS] as [2T, T], cos C [T, T], then [q̂; dF] and [dF; q̂] as [2T, d].
            let size = max(3 * t * t + 4 * t * d, mfs_kuramoto_scratch(t, d))
            let scratch = try Tensor(shape: [size], zeroed: false)
            let maps = scratch.floats, cosine = maps + 2 * t * t
            let queryAndGrad = cosine + t * t, gradAndQuery = queryAndGrad + 2 * t * d
            for sample in samples {
                try Interrupt.check()
                for head in 0..<heads {
                    let q = p + sample * t * 2 * dim + head * d, k = q + dim
                    let dq = dp + sample * t * 2 * dim + head * d, dk = dq + dim
                    let dF = df + sample * t * dim + head * d
                    if fused {
                        mfs_kuramoto_backward(
                            q, k, 2 * dim, dF, dim, t, d, causal ? 1 : 0, dq, dk, 2 * dim, maps)
                        continue
                    }
                    KuramotoKernel.stack(q, 2 * dim, dF, dim, rows: t, width: d, into: queryAndGrad)
                    KuramotoKernel.stack(dF, dim, q, 2 * dim, rows: t, width: d, into: gradAndQuery)
                    // [C; dS] = [q̂; dF]·k̂ᵀ in one product.
                    BLAS.gemm(queryAndGrad, lda: d, transA: false, k, ldb: 2 * dim, transB: true,
                              maps, ldc: t, m: 2 * t, n: t, k: d)
                    let sine = maps, dMap = maps + t * t
                    KuramotoKernel.sineCosine(sine, cosine, count: t * t)
                    for i in 0..<(t * t) { dMap[i] *= cosine[i] }
                    if causal {
                        KuramotoKernel.zeroAboveDiagonal(sine, t)
                        KuramotoKernel.zeroAboveDiagonal(dMap, t)
                    }
                    // dq̂ = dC·k̂; dk̂ = Sᵀ·dF + dCᵀ·q̂ = [S; dC]ᵀ·[dF; q̂].
                    BLAS.gemm(dMap, lda: t, transA: false, k, ldb: 2 * dim, transB: false,
                              dq, ldc: 2 * dim, m: t, n: d, k: t)
                    BLAS.gemm(maps, lda: t, transA: true, gradAndQuery, ldb: d, transB: false,
                              dk, ldc: 2 * dim, m: t, n: d, k: 2 * t)
                }
            }
        }
        KuramotoKernel.normalizeSegmentsBackward(
            dp, p, saved.norms.floats, rows: rows, segments: 2 * heads, width: d)
        let dWc = try Tensor(shape: [2 * dim, dim], zeroed: false)
        BLAS.gemm(dp, lda: 2 * dim, transA: true, input.floats, ldb: dim, transB: false,
                  dWc.floats, ldc: dim, m: 2 * dim, n: dim, k: rows)
        let dz = try Tensor(shape: z.shape, zeroed: false)
        BLAS.gemm(dp, lda: 2 * dim, transA: false, wc.floats, ldb: dim, transB: false,
                  dz.floats, ldc: dim, m: rows, n: dim, k: 2 * dim)
        let dOmega = try dBo.reshaped([1, 1, dim]).contiguousCopy()
        withExtendedLifetime((grad, input, saved, wc, wo, dForce, dProjections)) {}
        return (dz, dWc, dOmega, dWo, dBo)
    }

    /// The coupling maps q̂·k̂ᵀ [B, H, T, T] of a saved evaluation, for plotting.
    func coupling(of saved: Saved, batch b: Int, steps t: Int) throws -> Tensor {
        let dim = saved.projections.shape[1] / 2, d = dim / heads
        let maps = try Tensor(shape: [b, heads, t, t], zeroed: false)
        let p = saved.projections.floats
        for sample in 0..<b {
            for head in 0..<heads {
                let q = p + sample * t * 2 * dim + head * d
                BLAS.gemm(q, lda: 2 * dim, transA: false, q + dim, ldb: 2 * dim, transB: true,
                          maps.floats + (sample * heads + head) * t * t, ldc: t, m: t, n: t, k: d)
            }
        }
        withExtendedLifetime(saved) {}
        return maps
    }
}

extension KuramotoKernel {
    /// Divides each `width`-long segment of every row by max(‖segment‖, 1e-12), keeping the norms.
    static func normalizeSegments(
        _ x: UnsafeMutablePointer<Float>, _ norms: UnsafeMutablePointer<Float>, rows: Int, segments: Int,
        width: Int
    ) {
        for s in 0..<(rows * segments) {
            let v = x + s * width
            var total: Float = 0
            for j in 0..<width { total += v[j] * v[j] }
            let norm = total.squareRoot()
            norms[s] = norm
            let scale = 1 / max(norm, 1e-12)
            for j in 0..<width { v[j] *= scale }
        }
    }

    /// In place: dx = (dy − y·⟨dy, y⟩)/‖x‖ per segment, and 0 where ‖x‖ < 1e-12.
    static func normalizeSegmentsBackward(
        _ dy: UnsafeMutablePointer<Float>, _ y: UnsafePointer<Float>, _ norms: UnsafePointer<Float>,
        rows: Int, segments: Int, width: Int
    ) {
        for s in 0..<(rows * segments) {
            let g = dy + s * width, v = y + s * width
            let norm = norms[s]
            guard norm >= 1e-12 else {
                for j in 0..<width { g[j] = 0 }
                continue
            }
            var dot: Float = 0
            for j in 0..<width { dot += g[j] * v[j] }
            let scale = 1 / norm
            for j in 0..<width { g[j] = (g[j] - v[j] * dot) * scale }
        }
    }

    /// sin in place for |x| <= 1 (unit vectors' dot products), by the vector kernel.
    static func sine(_ x: UnsafeMutablePointer<Float>, count: Int) {
        mfs_sin_unit(x, count)
    }

    /// sin in place and cos into `cosine`, for |x| <= 1.
    static func sineCosine(_ x: UnsafeMutablePointer<Float>, _ cosine: UnsafeMutablePointer<Float>, count: Int) {
        mfs_sincos_unit(x, cosine, count)
    }

    /// Copies `rows` rows of `top` and then of `bottom` (each `width` wide, with
    /// their own row strides) into one contiguous [2·rows, width] matrix.
    static func stack(
        _ top: UnsafePointer<Float>, _ topStride: Int, _ bottom: UnsafePointer<Float>, _ bottomStride: Int,
        rows: Int, width: Int, into out: UnsafeMutablePointer<Float>
    ) {
        for r in 0..<rows {
            (out + r * width).update(from: top + r * topStride, count: width)
            (out + (rows + r) * width).update(from: bottom + r * bottomStride, count: width)
        }
    }

    /// Sets entries (i, j) with j > i of a t×t map to 0.
    static func zeroAboveDiagonal(_ map: UnsafeMutablePointer<Float>, _ t: Int) {
        for i in 0..<t where i + 1 < t {
            (map + i * t + i + 1).update(repeating: 0, count: t - i - 1)
        }
    }
}


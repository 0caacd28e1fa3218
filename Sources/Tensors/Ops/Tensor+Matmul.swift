import CBLAS

/// Row-major `c = alpha·op(a)·op(b) + beta·c` through OpenBLAS's sgemm, where
/// op(a) is m×k and op(b) is k×n; a transposed operand is stored the other way round.
func sgemm(
    _ a: UnsafePointer<Float>, transA: Bool, _ b: UnsafePointer<Float>, transB: Bool,
    _ c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0
) {
    BLAS.gemm(
        a, lda: transA ? m : k, transA: transA, b, ldb: transB ? k : n, transB: transB, c, ldc: n,
        m: m, n: n, k: k, alpha: alpha, beta: beta)
}

/// Matrix products on raw buffers, for fused kernels in other modules.
public enum BLAS {
    /// Row-major `c = alpha·op(a)·op(b) + beta·c` with explicit leading
    /// dimensions, so a head's columns inside a wider matrix need no copy.
    public static func gemm(
        _ a: UnsafePointer<Float>, lda: Int, transA: Bool, _ b: UnsafePointer<Float>, ldb: Int,
        transB: Bool, _ c: UnsafeMutablePointer<Float>, ldc: Int, m: Int, n: Int, k: Int,
        alpha: Float = 1, beta: Float = 0
    ) {
        Parallel.configure()
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if beta == 0 {
                for row in 0..<m { (c + row * ldc).update(repeating: 0, count: n) }
            }
            return
        }
        // OpenBLAS runs single-threaded (see Parallel), so a large product issued outside a
        // parallel loop splits the rows (or columns) of c across the threads itself.
        let splitsRows = m >= n
        let parts = splitsRows ? m : n
        guard Parallel.threads > 1, !Parallel.isInsideSlice, m * n * k >= parallelWork, parts >= 2 * minimumSlice
        else {
            sgemm(a, lda: lda, transA: transA, b, ldb: ldb, transB: transB, c, ldc: ldc, m: m, n: n, k: k,
                  alpha: alpha, beta: beta)
            return
        }
        // forEachSlice rethrows only what the body throws, and this body has no throwing call.
        try? Parallel.forEachSlice(parts, minimumPerSlice: minimumSlice) { _, range in
            let first = range.lowerBound
            if splitsRows {
                sgemm(a + (transA ? first : first * lda), lda: lda, transA: transA, b, ldb: ldb, transB: transB,
                      c + first * ldc, ldc: ldc, m: range.count, n: n, k: k, alpha: alpha, beta: beta)
            } else {
                sgemm(a, lda: lda, transA: transA, b + (transB ? first * ldb : first), ldb: ldb, transB: transB,
                      c + first, ldc: ldc, m: m, n: range.count, k: k, alpha: alpha, beta: beta)
            }
        }
    }

    /// Multiply-adds below which a split does not pay: a 384³ product (56M) ran 25% slower
    /// split in two than on one thread, a 640³ product (262M) 1.7 times faster.
    static let parallelWork = 1 << 26
    /// Minimum rows or columns of c per thread.
    static let minimumSlice = 32

    private static func sgemm(
        _ a: UnsafePointer<Float>, lda: Int, transA: Bool, _ b: UnsafePointer<Float>, ldb: Int,
        transB: Bool, _ c: UnsafeMutablePointer<Float>, ldc: Int, m: Int, n: Int, k: Int, alpha: Float, beta: Float
    ) {
        cblas_sgemm(
            CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

extension Tensor {
    /// Matrix product with PyTorch's `matmul` rules: 1-D operands gain and then
    /// lose an axis, and leading (batch) axes broadcast. Every product is one
    /// or more sgemm calls.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard rank >= 1, other.rank >= 1 else {
            throw TensorError.shapeMismatch(
                op: "matmul", lhs: shape, rhs: other.shape, detail: "0-d operands have no product")
        }
        let a = rank == 1 ? try unsqueezed(0) : self
        let b = other.rank == 1 ? try other.unsqueezed(-1) : other
        var result = try Tensor.product(a, false, b, false, op: "matmul")
        if rank == 1 { result = try result.squeezed(-2) }
        if other.rank == 1 { result = try result.squeezed(-1) }
        return result
    }

    /// The recorded product of op(a) and op(b), both of rank >= 2.
    static func product(
        _ a: Tensor, _ transA: Bool, _ b: Tensor, _ transB: Bool, op: String
    ) throws -> Tensor {
        let result = try rawProduct(a, transA, b, transB, op: op)
        return result.recorded(op, [a, b]) { g in
            var da: Tensor? = nil, db: Tensor? = nil
            if a.requiresGrad {
                // op(a) = g · op(b)ᵀ; for a stored transposed, a = op(b) · gᵀ.
                da = transA
                    ? try rawProduct(b, transB, g, true, op: op) : try rawProduct(g, false, b, !transB, op: op)
                da = try da?.reduced(to: a.shape)
            }
            if b.requiresGrad {
                db = transB
                    ? try rawProduct(g, true, a, transA, op: op) : try rawProduct(a, !transA, g, false, op: op)
                db = try db?.reduced(to: b.shape)
            }
            return [da, db]
        }
    }

    /// The unrecorded product of op(a) and op(b) with broadcast batch axes.
    static func rawProduct(
        _ a: Tensor, _ transA: Bool, _ b: Tensor, _ transB: Bool, op: String
    ) throws -> Tensor {
        let a = try a.asFloat(), b = try b.asFloat()
        let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (m, k) = transA ? (ac, ar) : (ar, ac)
        let (k2, n) = transB ? (bc, br) : (br, bc)
        guard k == k2 else {
            throw TensorError.shapeMismatch(
                op: op, lhs: a.shape, rhs: b.shape,
                detail: "inner extents \(k) and \(k2) differ")
        }
        let aBatch = Array(a.shape.dropLast(2)), bBatch = Array(b.shape.dropLast(2))
        let batch = try Broadcast.shape(aBatch, bBatch, op: op)
        let result = try Tensor(shape: batch + [m, n], zeroed: false)
        let count = batch.reduce(1, *)
        if bBatch.allSatisfy({ $0 == 1 }) && !transA && aBatch == batch {
            // One sgemm over all rows: [batch·m, k] · op(b).
            sgemm(a.floats, transA: false, b.floats, transB: transB, result.floats,
                  m: count * m, n: n, k: k)
            return result
        }
        let aStrides = Broadcast.strides(of: aBatch, as: batch)
        let bStrides = Broadcast.strides(of: bBatch, as: batch)
        let outStrides = contiguousStrides(batch)
        for index in 0..<count {
            var rest = index, aAt = 0, bAt = 0
            for d in 0..<batch.count {
                let coordinate = rest / outStrides[d]
                rest %= outStrides[d]
                aAt += coordinate * aStrides[d]
                bAt += coordinate * bStrides[d]
            }
            sgemm(a.floats + aAt * ar * ac, transA: transA, b.floats + bAt * br * bc, transB: transB,
                  result.floats + index * m * n, m: m, n: n, k: k)
        }
        return result
    }

    /// `x · weightᵀ + bias`, as `torch.nn.functional.linear`; weight is [out, in].
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        guard weight.rank == 2, x.rank >= 1, x.shape[x.rank - 1] == weight.shape[1] else {
            throw TensorError.shapeMismatch(
                op: "linear", lhs: x.shape, rhs: weight.shape,
                detail: "the input's last extent must equal the weight's in-features")
        }
        let outFeatures = weight.shape[0], inFeatures = weight.shape[1]
        if let bias, bias.shape != [outFeatures] {
            throw TensorError.shapeMismatch(
                op: "linear", lhs: bias.shape, rhs: [outFeatures], detail: "bias needs one value per output")
        }
        let rows = x.count / Swift.max(inFeatures, 1)
        let input = try x.asFloat()
        let result = try Tensor(shape: Array(x.shape.dropLast()) + [outFeatures], zeroed: false)
        if let bias {
            for r in 0..<rows { (result.floats + r * outFeatures).update(from: bias.floats, count: outFeatures) }
        }
        sgemm(input.floats, transA: false, weight.floats, transB: true, result.floats,
              m: rows, n: outFeatures, k: inFeatures, beta: bias == nil ? 0 : 1)
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return result.recorded("linear", inputs) { g in
            let dg = try g.contiguousCopy()
            var grads: [Tensor?] = []
            if x.requiresGrad {
                let dx = try Tensor(shape: x.shape, zeroed: false)
                sgemm(dg.floats, transA: false, weight.floats, transB: false, dx.floats,
                      m: rows, n: inFeatures, k: outFeatures)
                grads.append(dx)
            } else {
                grads.append(nil)
            }
            if weight.requiresGrad {
                let dw = try Tensor(shape: weight.shape, zeroed: false)
                sgemm(dg.floats, transA: true, input.floats, transB: false, dw.floats,
                      m: outFeatures, n: inFeatures, k: rows)
                grads.append(dw)
            } else {
                grads.append(nil)
            }
            if let bias, bias.requiresGrad {
                grads.append(try dg.reshaped([rows, outFeatures]).sum(axes: [0]))
            }
            return grads
        }
    }
}

import Testing
import TestSupport

@testable import Tensors

/// Products large enough to split across threads match a double-precision reference,
/// for every transpose and for splits along rows (m >= n) and columns (n > m).
@Test(arguments: [(600, 400, 300), (128, 800, 700)])
func splitProductMatchesReference(_ sizes: (Int, Int, Int)) throws {
    let (m, n, k) = sizes
    #expect(m * n * k >= BLAS.parallelWork)
    let stream = RandomStream(seed: 9)
    for (transA, transB) in [(false, false), (true, false), (false, true), (true, true)] {
        let a = try Tensor.randn(transA ? [k, m] : [m, k], stream: stream)
        let b = try Tensor.randn(transB ? [n, k] : [k, n], stream: stream)
        let c = try Tensor(shape: [m, n])
        BLAS.gemm(a.floats, lda: transA ? m : k, transA: transA, b.floats, ldb: transB ? k : n, transB: transB,
                  c.floats, ldc: n, m: m, n: n, k: k)
        var worst = 0.0
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let x = Double(transA ? a.floats[p * m + i] : a.floats[i * k + p])
                    let y = Double(transB ? b.floats[j * k + p] : b.floats[p * n + j])
                    sum += x * y
                }
                worst = max(worst, abs(sum - Double(c.floats[i * n + j])))
            }
        }
        #expect(worst < 1e-3, "transA \(transA) transB \(transB): max error \(worst)")
    }
}

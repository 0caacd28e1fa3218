import CBLAS
import Tensors

/// Times `Tensor.matmul` against a direct `cblas_sgemm` on the same buffers.
enum MatmulBenchmark {
    static func run(size n: Int) throws {
        let stream = RandomStream(seed: 1)
        let a = try Tensor.randn([n, n], stream: stream), b = try Tensor.randn([n, n], stream: stream)
        let c = try Tensor.zeros([n, n])
        let direct = Timing.measure(runs: 20) {
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1,
                a.floats, Int32(n), b.floats, Int32(n), 0, c.floats, Int32(n))
        }
        let tensor = try Timing.measure(runs: 20) { _ = try a.matmul(b) }
        let flops = 2 * Double(n * n * n)
        print(direct.line("cblas_sgemm \(n)x\(n)x\(n)") + ", \(format(flops / direct.median / 1e6)) GFLOP/s")
        print(tensor.line("Tensor.matmul \(n)x\(n)x\(n)") + ", \(format(flops / tensor.median / 1e6)) GFLOP/s")
        print("ratio matmul/sgemm: \(format(tensor.median / direct.median))")
        withExtendedLifetime((a, b, c)) {}
    }
}

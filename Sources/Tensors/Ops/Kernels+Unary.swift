#if canImport(Glibc)
import Glibc
#endif

/// A float function of one argument, specialised into the elementwise loop.
protocol UnaryKernel {
    static func apply(_ x: Float) -> Float
}

enum NegKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { -x } }
enum SqrtKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { x.squareRoot() } }
enum ExpKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { expf(x) } }
enum LogKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { logf(x) } }
enum SinKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { sinf(x) } }
enum CosKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { cosf(x) } }
enum TanhKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { tanhf(x) } }
enum AcosKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { acosf(x) } }
enum ErfKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { erff(x) } }
enum AbsKernel: UnaryKernel { @inline(__always) static func apply(_ x: Float) -> Float { Swift.abs(x) } }
enum ReluKernel: UnaryKernel {
    @inline(__always) static func apply(_ x: Float) -> Float { x > 0 ? x : 0 }
}
enum StepKernel: UnaryKernel {
    @inline(__always) static func apply(_ x: Float) -> Float { x > 0 ? 1 : 0 }
}
enum SignKernel: UnaryKernel {
    @inline(__always) static func apply(_ x: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}
enum SigmoidKernel: UnaryKernel {
    @inline(__always) static func apply(_ x: Float) -> Float {
        x >= 0 ? 1 / (1 + expf(-x)) : expf(x) / (1 + expf(x))
    }
}
/// Exact GELU, x·Φ(x), computed in double so it matches PyTorch's erf form.
enum GeluKernel: UnaryKernel {
    @inline(__always) static func apply(_ x: Float) -> Float {
        let v = Double(x)
        return Float(0.5 * v * (1 + Glibc.erf(v * 0.7071067811865476)))
    }
}
/// Derivative of exact GELU: Φ(x) + x·φ(x).
enum GeluGradKernel: UnaryKernel {
    @inline(__always) static func apply(_ x: Float) -> Float {
        let v = Double(x)
        let cdf = 0.5 * (1 + Glibc.erf(v * 0.7071067811865476))
        let pdf = 0.3989422804014327 * Glibc.exp(-0.5 * v * v)
        return Float(cdf + v * pdf)
    }
}
/// 1/x, or 0 where x is 0, for gradients at the edge of a domain.
enum SafeReciprocalKernel: UnaryKernel {
    @inline(__always) static func apply(_ x: Float) -> Float { x == 0 ? 0 : 1 / x }
}
/// -1/sqrt(1 - x²), the derivative of acos.
enum AcosGradKernel: UnaryKernel {
    @inline(__always) static func apply(_ x: Float) -> Float { -1 / (1 - x * x).squareRoot() }
}
/// 2/sqrt(pi)·exp(-x²), the derivative of erf.
enum ErfGradKernel: UnaryKernel {
    @inline(__always) static func apply(_ x: Float) -> Float { 1.1283791670955126 * expf(-x * x) }
}

extension Tensor {
    /// Applies `K` to every element of a float tensor.
    func mapUnary<K: UnaryKernel>(_ kernel: K.Type) throws -> Tensor {
        let input = try asFloat()
        let result = try Tensor(shape: shape, zeroed: false)
        let x = input.floats, out = result.floats
        for i in 0..<count { out[i] = K.apply(x[i]) }
        return result
    }
}

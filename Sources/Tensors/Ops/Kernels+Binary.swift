#if canImport(Glibc)
import Glibc
#endif

/// A float function of two arguments, specialised into the broadcast loop.
protocol BinaryKernel {
    static func apply(_ a: Float, _ b: Float) -> Float
}

enum AddKernel: BinaryKernel {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a + b }
}
enum SubKernel: BinaryKernel {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a - b }
}
enum MulKernel: BinaryKernel {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a * b }
}
enum DivKernel: BinaryKernel {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a / b }
}
enum PowKernel: BinaryKernel {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { powf(a, b) }
}
enum Atan2Kernel: BinaryKernel {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { atan2f(a, b) }
}
enum MaximumKernel: BinaryKernel {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float {
        a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
    }
}
enum MinimumKernel: BinaryKernel {
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float {
        a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
    }
}

extension Tensor {
    /// Applies `K` elementwise over the broadcast of two float tensors.
    static func mapBinary<K: BinaryKernel>(
        _ kernel: K.Type, _ a: Tensor, _ b: Tensor, op: String
    ) throws -> Tensor {
        let a = try a.asFloat(), b = try b.asFloat()
        let shape = a.shape == b.shape ? a.shape : try Broadcast.shape(a.shape, b.shape, op: op)
        let result = try Tensor(shape: shape, zeroed: false)
        let x = a.floats, y = b.floats, out = result.floats
        let n = result.count
        if a.count == n && b.count == n {
            for i in 0..<n { out[i] = K.apply(x[i], y[i]) }
        } else if b.count == 1 && a.count == n {
            let s = y[0]
            for i in 0..<n { out[i] = K.apply(x[i], s) }
        } else if a.count == 1 && b.count == n {
            let s = x[0]
            for i in 0..<n { out[i] = K.apply(s, y[i]) }
        } else {
            let strides = [
                Broadcast.strides(of: a.shape, as: shape), Broadcast.strides(of: b.shape, as: shape),
            ]
            forEachBroadcastRun(shape: shape, strides: strides) { offsets, start, inner, steps in
                let pa = x + offsets[0], pb = y + offsets[1], po = out + start
                let sa = steps[0], sb = steps[1]
                for j in 0..<inner { po[j] = K.apply(pa[j * sa], pb[j * sb]) }
            }
        }
        return result
    }

    /// Sums a broadcast gradient back down to `shape`.
    func reduced(to target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let lead = rank - target.count
        var axes = Array(0..<lead)
        for (i, extent) in target.enumerated() where extent == 1 && shape[lead + i] != 1 {
            axes.append(lead + i)
        }
        let summed = try sum(axes: axes, keepDim: true)
        return try summed.reshaped(target)
    }
}

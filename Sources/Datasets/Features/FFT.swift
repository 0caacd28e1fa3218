#if canImport(Glibc)
    import Glibc
#endif

/// A complex FFT of one fixed length, with split real and imaginary arrays.
///
/// Lengths whose prime factors are all at most 13 use a mixed-radix Stockham
/// transform (specialised radix 2, 3, 4 and 5 butterflies, a generic one for
/// 7, 11 and 13). Other lengths use Bluestein's chirp-z algorithm on a power
/// of two. Twiddles are computed once in double precision. A plan is
/// immutable after `init`, so threads may share it, each with its own
/// `FFTWorkspace`.
final class ComplexFFT {
    let n: Int
    private let stages: [FFTStage]
    private let twiddles: UnsafeMutablePointer<Float>
    private let twiddleCount: Int
    private let bluestein: BluesteinPlan?

    /// Lane elements of scratch that `forward` needs in a workspace.
    let scratchCount: Int

    init(count n: Int) {
        self.n = n
        let factors = ComplexFFT.factorize(n)
        if n > 1, let largest = factors.max(), largest > 13 {
            let plan = BluesteinPlan(count: n)
            bluestein = plan
            stages = []
            twiddles = UnsafeMutablePointer<Float>.allocate(capacity: 1)
            twiddleCount = 1
            scratchCount = plan.scratchCount
            return
        }
        bluestein = nil
        var built: [FFTStage] = []
        var table: [Float] = []
        var length = n
        var stride = 1
        for radix in factors {
            let m = length / radix
            let start = table.count
            for q in 0..<m {
                for u in 1..<radix {
                    let angle = -2 * Double.pi * Double(q * u) / Double(length)
                    table.append(Float(cos(angle)))
                    table.append(Float(sin(angle)))
                }
            }
            built.append(FFTStage(radix: radix, m: m, stride: stride, twiddleStart: start))
            length = m
            stride *= radix
        }
        stages = built
        twiddleCount = max(table.count, 1)
        let storage = UnsafeMutablePointer<Float>.allocate(capacity: twiddleCount)
        storage.initialize(repeating: 0, count: twiddleCount)
        for (i, value) in table.enumerated() { storage[i] = value }
        twiddles = storage
        scratchCount = 2 * n
    }

    deinit { twiddles.deallocate() }

    /// Splits `n` into radices: fours first, then a two, then odd primes.
    static func factorize(_ n: Int) -> [Int] {
        var rest = max(n, 1)
        var factors: [Int] = []
        while rest % 4 == 0 {
            factors.append(4)
            rest /= 4
        }
        if rest % 2 == 0 {
            factors.append(2)
            rest /= 2
        }
        var p = 3
        while rest > 1 {
            if p * p > rest {
                factors.append(rest)
                break
            }
            while rest % p == 0 {
                factors.append(p)
                rest /= p
            }
            p += 2
        }
        return factors
    }

    /// Transforms `re`/`im` (n lane elements each) in place, unnormalised,
    /// with the kernel exp(-2πi·jk/n). `scratch` must have room for
    /// `scratchCount` elements of the lane type.
    func forward<L: FFTLane>(
        _ lane: L.Type, re: UnsafeMutablePointer<Float>, im: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>
    ) {
        if let bluestein {
            bluestein.forward(lane, re: re, im: im, scratch: scratch)
            return
        }
        var xr = re
        var xi = im
        var yr = scratch
        var yi = scratch + n * L.width
        for stage in stages {
            stage.run(
                lane, xr: xr, xi: xi, yr: yr, yi: yi, twiddles: twiddles + stage.twiddleStart)
            swap(&xr, &yr)
            swap(&xi, &yi)
        }
        if xr != re {
            re.update(from: xr, count: n * L.width)
            im.update(from: xi, count: n * L.width)
        }
    }

    /// Applies the inverse transform in place, scaled by 1/n.
    func inverse<L: FFTLane>(
        _ lane: L.Type, re: UnsafeMutablePointer<Float>, im: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>
    ) {
        let count = n * L.width
        for i in 0..<count { im[i] = -im[i] }
        forward(lane, re: re, im: im, scratch: scratch)
        let scale = 1 / Float(n)
        for i in 0..<count {
            re[i] *= scale
            im[i] *= -scale
        }
    }
}

/// Scratch memory for one thread's transforms.
final class FFTWorkspace {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        self.count = max(count, 1)
        pointer = UnsafeMutablePointer<Float>.allocate(capacity: self.count)
        pointer.initialize(repeating: 0, count: self.count)
    }

    deinit { pointer.deallocate() }
}

/// Bluestein's algorithm: a length-n DFT as a circular convolution of
/// power-of-two length m >= 2n - 1 with the chirp exp(-iπk²/n).
final class BluesteinPlan {
    let n: Int
    let m: Int
    private let inner: ComplexFFT
    private let chirp: UnsafeMutablePointer<Float>
    private let kernel: UnsafeMutablePointer<Float>

    var scratchCount: Int { 2 * m + inner.scratchCount }

    init(count n: Int) {
        self.n = n
        var size = 1
        while size < 2 * n - 1 { size *= 2 }
        m = size
        inner = ComplexFFT(count: size)
        chirp = UnsafeMutablePointer<Float>.allocate(capacity: 2 * n)
        kernel = UnsafeMutablePointer<Float>.allocate(capacity: 2 * size)
        kernel.initialize(repeating: 0, count: 2 * size)
        for k in 0..<n {
            // k² mod 2n keeps the angle small, so the chirp stays accurate for large n.
            let phase = (k * k) % (2 * n)
            let angle = -Double.pi * Double(phase) / Double(n)
            chirp[2 * k] = Float(cos(angle))
            chirp[2 * k + 1] = Float(sin(angle))
            kernel[k] = Float(cos(angle))
            kernel[size + k] = -Float(sin(angle))
            if k > 0 {
                kernel[size - k] = kernel[k]
                kernel[2 * size - k] = kernel[size + k]
            }
        }
        let scratch = FFTWorkspace(count: inner.scratchCount)
        inner.forward(Float.self, re: kernel, im: kernel + size, scratch: scratch.pointer)
    }

    deinit {
        chirp.deallocate()
        kernel.deallocate()
    }

    func forward<L: FFTLane>(
        _ lane: L.Type, re: UnsafeMutablePointer<Float>, im: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>
    ) {
        let ar = scratch
        let ai = scratch + m * L.width
        let rest = scratch + 2 * m * L.width
        for k in 0..<n {
            let (cr, ci) = (chirp[2 * k], chirp[2 * k + 1])
            let (xr, xi) = (L.load(re, k), L.load(im, k))
            (xr * cr - xi * ci).store(ar, k)
            (xr * ci + xi * cr).store(ai, k)
        }
        (ar + n * L.width).update(repeating: 0, count: (m - n) * L.width)
        (ai + n * L.width).update(repeating: 0, count: (m - n) * L.width)
        inner.forward(lane, re: ar, im: ai, scratch: rest)
        let kr = kernel
        let ki = kernel + m
        for k in 0..<m {
            let (xr, xi) = (L.load(ar, k), L.load(ai, k))
            (xr * kr[k] - xi * ki[k]).store(ar, k)
            (xr * ki[k] + xi * kr[k]).store(ai, k)
        }
        inner.inverse(lane, re: ar, im: ai, scratch: rest)
        for k in 0..<n {
            let (cr, ci) = (chirp[2 * k], chirp[2 * k + 1])
            let (xr, xi) = (L.load(ar, k), L.load(ai, k))
            (xr * cr - xi * ci).store(re, k)
            (xr * ci + xi * cr).store(im, k)
        }
    }
}

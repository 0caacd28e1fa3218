#if canImport(Glibc)
    import Glibc
#endif

/// An FFT of n real samples that returns the n/2 + 1 non-negative bins.
///
/// An even length packs the samples into a complex sequence of n/2 points
/// (even samples real, odd samples imaginary), transforms that and untangles
/// the halves with one twiddle per bin, which halves the work. An odd length
/// runs the full complex transform.
final class RealFFT {
    let n: Int
    let bins: Int
    private let complex: ComplexFFT
    private let packed: Bool
    /// W_n^k = exp(-2πik/n) for k in 0...n/2, as (cos, sin) pairs.
    private let untangle: UnsafeMutablePointer<Float>

    /// Lane elements a workspace needs for `forward` and `inverse`.
    let scratchCount: Int

    init(count n: Int) {
        self.n = n
        bins = n / 2 + 1
        packed = n % 2 == 0 && n >= 2
        complex = ComplexFFT(count: packed ? n / 2 : max(n, 1))
        untangle = UnsafeMutablePointer<Float>.allocate(capacity: 2 * bins)
        for k in 0..<bins {
            let angle = -2 * Double.pi * Double(k) / Double(max(n, 1))
            untangle[2 * k] = Float(cos(angle))
            untangle[2 * k + 1] = Float(sin(angle))
        }
        scratchCount = 2 * max(n, 1) + complex.scratchCount
    }

    deinit { untangle.deallocate() }

    /// Scratch for transforms on lane type `L`.
    func makeWorkspace<L: FFTLane>(_ lane: L.Type = Float.self) -> FFTWorkspace {
        FFTWorkspace(count: scratchCount * L.width)
    }

    /// Transforms `input` (n lane elements) into `re`/`im` (`bins` lane elements each).
    func forward<L: FFTLane>(
        _ lane: L.Type, _ input: UnsafeMutablePointer<Float>, re: UnsafeMutablePointer<Float>,
        im: UnsafeMutablePointer<Float>, workspace: FFTWorkspace
    ) {
        let width = L.width
        let zr = workspace.pointer
        let zi = zr + n * width
        let rest = zr + 2 * n * width
        guard packed else {
            zr.update(from: input, count: n * width)
            zi.update(repeating: 0, count: n * width)
            complex.forward(lane, re: zr, im: zi, scratch: rest)
            re.update(from: zr, count: bins * width)
            im.update(from: zi, count: bins * width)
            return
        }
        let half = n / 2
        for j in 0..<half {
            L.load(input, 2 * j).store(zr, j)
            L.load(input, 2 * j + 1).store(zi, j)
        }
        complex.forward(lane, re: zr, im: zi, scratch: rest)
        for k in 0...half {
            let a = k == half ? 0 : k
            let b = k == 0 ? 0 : half - k
            let (ar, ai, br, bi) = (L.load(zr, a), L.load(zi, a), L.load(zr, b), L.load(zi, b))
            // E = (Z[k] + conj Z[half−k]) / 2, O = (Z[k] − conj Z[half−k]) / 2i.
            let er = (ar + br) * 0.5
            let ei = (ai - bi) * 0.5
            let or = (ai + bi) * 0.5
            let oi = (br - ar) * 0.5
            let (wr, wi) = (untangle[2 * k], untangle[2 * k + 1])
            (er + or * wr - oi * wi).store(re, k)
            (ei + or * wi + oi * wr).store(im, k)
        }
    }

    /// Transforms one frame of `n` samples; see the lane version.
    func forward(
        _ input: UnsafePointer<Float>, re: UnsafeMutablePointer<Float>,
        im: UnsafeMutablePointer<Float>, workspace: FFTWorkspace
    ) {
        forward(
            Float.self, UnsafeMutablePointer(mutating: input), re: re, im: im,
            workspace: workspace)
    }

    /// Inverts `forward`, scaled by 1/n: `bins` complex values in, n real
    /// samples out. The imaginary parts of bin 0 (and bin n/2 for even n) are
    /// ignored, as for any real signal.
    func inverse(
        re: UnsafePointer<Float>, im: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, workspace: FFTWorkspace
    ) {
        let zr = workspace.pointer
        let zi = zr + n
        let rest = zr + 2 * n
        guard packed else {
            for k in 0..<n {
                let mirrored = k < bins ? k : n - k
                zr[k] = re[mirrored]
                zi[k] = k < bins ? im[k] : -im[mirrored]
            }
            zi[0] = 0
            complex.inverse(Float.self, re: zr, im: zi, scratch: rest)
            output.update(from: zr, count: n)
            return
        }
        let half = n / 2
        for k in 0..<half {
            let b = half - k
            let (xr, xi) = (re[k], k == 0 ? 0 : im[k])
            let (yr, yi) = (re[b], b == half ? 0 : -im[b])
            // E = (X[k] + conj X[half−k]) / 2, O = (X[k] − conj X[half−k])·W^−k / 2.
            let er = 0.5 * (xr + yr)
            let ei = 0.5 * (xi + yi)
            let dr = 0.5 * (xr - yr)
            let di = 0.5 * (xi - yi)
            let (wr, wi) = (untangle[2 * k], -untangle[2 * k + 1])
            let or = dr * wr - di * wi
            let oi = dr * wi + di * wr
            zr[k] = er - oi
            zi[k] = ei + or
        }
        complex.inverse(Float.self, re: zr, im: zi, scratch: rest)
        for j in 0..<half {
            output[2 * j] = zr[j]
            output[2 * j + 1] = zi[j]
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// One pass of the Stockham auto-sort FFT (decimation in frequency).
///
/// With the current sub-transform length `radix·m` and `stride` interleaved
/// sub-transforms, element j + stride·(q + t·m) of the input feeds output
/// j + stride·(radix·q + u) after a radix-point DFT over t and a twiddle
/// W^(q·u). Results come out in natural order, with no bit reversal.
/// Indices count lane elements (see `FFTLane`), twiddles are plain floats.
struct FFTStage {
    let radix: Int
    let m: Int
    let stride: Int
    /// Offset into the plan's table of (cos, sin) pairs, (radix − 1) per q.
    let twiddleStart: Int

    typealias Pointer = UnsafeMutablePointer<Float>

    func run<L: FFTLane>(
        _ lane: L.Type, xr: Pointer, xi: Pointer, yr: Pointer, yi: Pointer, twiddles: Pointer
    ) {
        switch radix {
        case 2: radix2(lane, xr, xi, yr, yi, twiddles)
        case 3: radix3(lane, xr, xi, yr, yi, twiddles)
        case 4: radix4(lane, xr, xi, yr, yi, twiddles)
        case 5: radix5(lane, xr, xi, yr, yi, twiddles)
        default: generic(lane, xr, xi, yr, yi, twiddles)
        }
    }

    private func radix2<L: FFTLane>(
        _: L.Type, _ xr: Pointer, _ xi: Pointer, _ yr: Pointer, _ yi: Pointer, _ tw: Pointer
    ) {
        let s = stride
        for q in 0..<m {
            let (wr, wi) = (tw[2 * q], tw[2 * q + 1])
            let in0 = s * q
            let in1 = s * (q + m)
            let out0 = s * 2 * q
            let out1 = out0 + s
            for j in 0..<s {
                let (ar, ai) = (L.load(xr, in0 + j), L.load(xi, in0 + j))
                let (br, bi) = (L.load(xr, in1 + j), L.load(xi, in1 + j))
                (ar + br).store(yr, out0 + j)
                (ai + bi).store(yi, out0 + j)
                store(ar - br, ai - bi, wr, wi, yr, yi, out1 + j)
            }
        }
    }

    private func radix3<L: FFTLane>(
        _: L.Type, _ xr: Pointer, _ xi: Pointer, _ yr: Pointer, _ yi: Pointer, _ tw: Pointer
    ) {
        let s = stride
        let sine: Float = 0.866_025_403_784_438_6  // sin(2π/3)
        for q in 0..<m {
            let w = tw + 4 * q
            let in0 = s * q
            let in1 = s * (q + m)
            let in2 = s * (q + 2 * m)
            let out0 = s * 3 * q
            for j in 0..<s {
                let (a0r, a0i) = (L.load(xr, in0 + j), L.load(xi, in0 + j))
                let (a1r, a1i) = (L.load(xr, in1 + j), L.load(xi, in1 + j))
                let (a2r, a2i) = (L.load(xr, in2 + j), L.load(xi, in2 + j))
                let (sr, si) = (a1r + a2r, a1i + a2i)
                let (mr, mi) = (a0r - sr * 0.5, a0i - si * 0.5)
                // −i·sin(2π/3)·(a1 − a2)
                let (rr, ri) = ((a1i - a2i) * sine, (a2r - a1r) * sine)
                (a0r + sr).store(yr, out0 + j)
                (a0i + si).store(yi, out0 + j)
                store(mr + rr, mi + ri, w[0], w[1], yr, yi, out0 + s + j)
                store(mr - rr, mi - ri, w[2], w[3], yr, yi, out0 + 2 * s + j)
            }
        }
    }

    private func radix4<L: FFTLane>(
        _: L.Type, _ xr: Pointer, _ xi: Pointer, _ yr: Pointer, _ yi: Pointer, _ tw: Pointer
    ) {
        let s = stride
        for q in 0..<m {
            let w = tw + 6 * q
            let in0 = s * q
            let in1 = s * (q + m)
            let in2 = s * (q + 2 * m)
            let in3 = s * (q + 3 * m)
            let out0 = s * 4 * q
            for j in 0..<s {
                let (a0r, a0i) = (L.load(xr, in0 + j), L.load(xi, in0 + j))
                let (a1r, a1i) = (L.load(xr, in1 + j), L.load(xi, in1 + j))
                let (a2r, a2i) = (L.load(xr, in2 + j), L.load(xi, in2 + j))
                let (a3r, a3i) = (L.load(xr, in3 + j), L.load(xi, in3 + j))
                let (s02r, s02i) = (a0r + a2r, a0i + a2i)
                let (d02r, d02i) = (a0r - a2r, a0i - a2i)
                let (s13r, s13i) = (a1r + a3r, a1i + a3i)
                // −i·(a1 − a3)
                let (d13r, d13i) = (a1i - a3i, a3r - a1r)
                (s02r + s13r).store(yr, out0 + j)
                (s02i + s13i).store(yi, out0 + j)
                store(d02r + d13r, d02i + d13i, w[0], w[1], yr, yi, out0 + s + j)
                store(s02r - s13r, s02i - s13i, w[2], w[3], yr, yi, out0 + 2 * s + j)
                store(d02r - d13r, d02i - d13i, w[4], w[5], yr, yi, out0 + 3 * s + j)
            }
        }
    }

    private func radix5<L: FFTLane>(
        _: L.Type, _ xr: Pointer, _ xi: Pointer, _ yr: Pointer, _ yi: Pointer, _ tw: Pointer
    ) {
        let s = stride
        let sm = stride * m
        let c1: Float = 0.309_016_994_374_947_4  // cos(2π/5)
        let c2: Float = -0.809_016_994_374_947_4  // cos(4π/5)
        let s1: Float = 0.951_056_516_295_153_6  // sin(2π/5)
        let s2: Float = 0.587_785_252_292_473_1  // sin(4π/5)
        for q in 0..<m {
            let w = tw + 8 * q
            let in0 = s * q
            let out0 = s * 5 * q
            for j in 0..<s {
                let (a0r, a0i) = (L.load(xr, in0 + j), L.load(xi, in0 + j))
                let (a1r, a1i) = (L.load(xr, in0 + sm + j), L.load(xi, in0 + sm + j))
                let (a2r, a2i) = (L.load(xr, in0 + 2 * sm + j), L.load(xi, in0 + 2 * sm + j))
                let (a3r, a3i) = (L.load(xr, in0 + 3 * sm + j), L.load(xi, in0 + 3 * sm + j))
                let (a4r, a4i) = (L.load(xr, in0 + 4 * sm + j), L.load(xi, in0 + 4 * sm + j))
                let (p14r, p14i) = (a1r + a4r, a1i + a4i)
                let (m14r, m14i) = (a1r - a4r, a1i - a4i)
                let (p23r, p23i) = (a2r + a3r, a2i + a3i)
                let (m23r, m23i) = (a2r - a3r, a2i - a3i)
                let b1r = a0r + p14r * c1 + p23r * c2
                let b1i = a0i + p14i * c1 + p23i * c2
                let b2r = a0r + p14r * c2 + p23r * c1
                let b2i = a0i + p14i * c2 + p23i * c1
                // −i·(s1·m14 + s2·m23) and −i·(s2·m14 − s1·m23)
                let e1r = m14i * s1 + m23i * s2
                let e1i = -(m14r * s1 + m23r * s2)
                let e2r = m14i * s2 - m23i * s1
                let e2i = -(m14r * s2 - m23r * s1)
                (a0r + p14r + p23r).store(yr, out0 + j)
                (a0i + p14i + p23i).store(yi, out0 + j)
                store(b1r + e1r, b1i + e1i, w[0], w[1], yr, yi, out0 + s + j)
                store(b2r + e2r, b2i + e2i, w[2], w[3], yr, yi, out0 + 2 * s + j)
                store(b2r - e2r, b2i - e2i, w[4], w[5], yr, yi, out0 + 3 * s + j)
                store(b1r - e1r, b1i - e1i, w[6], w[7], yr, yi, out0 + 4 * s + j)
            }
        }
    }

    /// Applies an O(radix²) butterfly for the remaining odd primes.
    private func generic<L: FFTLane>(
        _: L.Type, _ xr: Pointer, _ xi: Pointer, _ yr: Pointer, _ yi: Pointer, _ tw: Pointer
    ) {
        let s = stride
        let p = radix
        var rootsRe = [Float](repeating: 0, count: p)
        var rootsIm = rootsRe
        for k in 0..<p {
            let angle = -2 * Double.pi * Double(k) / Double(p)
            rootsRe[k] = Float(cos(angle))
            rootsIm[k] = Float(sin(angle))
        }
        for q in 0..<m {
            let w = tw + 2 * (p - 1) * q
            for j in 0..<s {
                for u in 0..<p {
                    let first = j + s * q
                    var sumR = L.load(xr, first)
                    var sumI = L.load(xi, first)
                    for t in 1..<p {
                        let at = j + s * (q + t * m)
                        let k = (t * u) % p
                        let (ar, ai) = (L.load(xr, at), L.load(xi, at))
                        sumR = sumR + ar * rootsRe[k] - ai * rootsIm[k]
                        sumI = sumI + ar * rootsIm[k] + ai * rootsRe[k]
                    }
                    let out = j + s * (p * q + u)
                    if u == 0 {
                        sumR.store(yr, out)
                        sumI.store(yi, out)
                    } else {
                        store(sumR, sumI, w[2 * (u - 1)], w[2 * u - 1], yr, yi, out)
                    }
                }
            }
        }
    }

    /// Stores (r + i·im)·(wr + i·wi) at element `at`.
    @inline(__always)
    private func store<L: FFTLane>(
        _ r: L, _ i: L, _ wr: Float, _ wi: Float, _ yr: Pointer, _ yi: Pointer, _ at: Int
    ) {
        (r * wr - i * wi).store(yr, at)
        (r * wi + i * wr).store(yi, at)
    }
}

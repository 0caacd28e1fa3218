#if canImport(Glibc)
    import Glibc
#endif

/// One pass of the Stockham auto-sort FFT (decimation in frequency).
///
/// With the current sub-transform length `radix·m` and `stride` interleaved
/// sub-transforms, element j + stride·(q + t·m) of the input feeds output
/// j + stride·(radix·q + u) after a radix-point DFT over t and a twiddle
/// W^(q·u). Results come out in natural order, with no bit reversal.
struct FFTStage {
    let radix: Int
    let m: Int
    let stride: Int
    /// Offset into the plan's table of (cos, sin) pairs, (radix − 1) per q.
    let twiddleStart: Int

    func run(
        xr: UnsafeMutablePointer<Float>, xi: UnsafeMutablePointer<Float>,
        yr: UnsafeMutablePointer<Float>, yi: UnsafeMutablePointer<Float>,
        twiddles: UnsafeMutablePointer<Float>
    ) {
        switch radix {
        case 2: radix2(xr, xi, yr, yi, twiddles)
        case 3: radix3(xr, xi, yr, yi, twiddles)
        case 4: radix4(xr, xi, yr, yi, twiddles)
        case 5: radix5(xr, xi, yr, yi, twiddles)
        default: generic(xr, xi, yr, yi, twiddles)
        }
    }

    private func radix2(
        _ xr: UnsafeMutablePointer<Float>, _ xi: UnsafeMutablePointer<Float>,
        _ yr: UnsafeMutablePointer<Float>, _ yi: UnsafeMutablePointer<Float>,
        _ tw: UnsafeMutablePointer<Float>
    ) {
        let s = stride
        for q in 0..<m {
            let (wr, wi) = (tw[2 * q], tw[2 * q + 1])
            let in0 = s * q
            let in1 = s * (q + m)
            let out0 = s * 2 * q
            let out1 = out0 + s
            for j in 0..<s {
                let (ar, ai) = (xr[in0 + j], xi[in0 + j])
                let (br, bi) = (xr[in1 + j], xi[in1 + j])
                yr[out0 + j] = ar + br
                yi[out0 + j] = ai + bi
                let (dr, di) = (ar - br, ai - bi)
                yr[out1 + j] = dr * wr - di * wi
                yi[out1 + j] = dr * wi + di * wr
            }
        }
    }

    private func radix3(
        _ xr: UnsafeMutablePointer<Float>, _ xi: UnsafeMutablePointer<Float>,
        _ yr: UnsafeMutablePointer<Float>, _ yi: UnsafeMutablePointer<Float>,
        _ tw: UnsafeMutablePointer<Float>
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
                let (a0r, a0i) = (xr[in0 + j], xi[in0 + j])
                let (a1r, a1i) = (xr[in1 + j], xi[in1 + j])
                let (a2r, a2i) = (xr[in2 + j], xi[in2 + j])
                let (sr, si) = (a1r + a2r, a1i + a2i)
                let (mr, mi) = (a0r - 0.5 * sr, a0i - 0.5 * si)
                // −i·sin(2π/3)·(a1 − a2)
                let (rr, ri) = (sine * (a1i - a2i), -sine * (a1r - a2r))
                yr[out0 + j] = a0r + sr
                yi[out0 + j] = a0i + si
                store(mr + rr, mi + ri, w[0], w[1], yr, yi, out0 + s + j)
                store(mr - rr, mi - ri, w[2], w[3], yr, yi, out0 + 2 * s + j)
            }
        }
    }

    private func radix4(
        _ xr: UnsafeMutablePointer<Float>, _ xi: UnsafeMutablePointer<Float>,
        _ yr: UnsafeMutablePointer<Float>, _ yi: UnsafeMutablePointer<Float>,
        _ tw: UnsafeMutablePointer<Float>
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
                let (a0r, a0i) = (xr[in0 + j], xi[in0 + j])
                let (a1r, a1i) = (xr[in1 + j], xi[in1 + j])
                let (a2r, a2i) = (xr[in2 + j], xi[in2 + j])
                let (a3r, a3i) = (xr[in3 + j], xi[in3 + j])
                let (s02r, s02i) = (a0r + a2r, a0i + a2i)
                let (d02r, d02i) = (a0r - a2r, a0i - a2i)
                let (s13r, s13i) = (a1r + a3r, a1i + a3i)
                // −i·(a1 − a3)
                let (d13r, d13i) = (a1i - a3i, a3r - a1r)
                yr[out0 + j] = s02r + s13r
                yi[out0 + j] = s02i + s13i
                store(d02r + d13r, d02i + d13i, w[0], w[1], yr, yi, out0 + s + j)
                store(s02r - s13r, s02i - s13i, w[2], w[3], yr, yi, out0 + 2 * s + j)
                store(d02r - d13r, d02i - d13i, w[4], w[5], yr, yi, out0 + 3 * s + j)
            }
        }
    }

    private func radix5(
        _ xr: UnsafeMutablePointer<Float>, _ xi: UnsafeMutablePointer<Float>,
        _ yr: UnsafeMutablePointer<Float>, _ yi: UnsafeMutablePointer<Float>,
        _ tw: UnsafeMutablePointer<Float>
    ) {
        let s = stride
        let c1: Float = 0.309_016_994_374_947_4  // cos(2π/5)
        let c2: Float = -0.809_016_994_374_947_4  // cos(4π/5)
        let s1: Float = 0.951_056_516_295_153_6  // sin(2π/5)
        let s2: Float = 0.587_785_252_292_473_1  // sin(4π/5)
        for q in 0..<m {
            let w = tw + 8 * q
            let in0 = s * q
            let out0 = s * 5 * q
            for j in 0..<s {
                let (a0r, a0i) = (xr[in0 + j], xi[in0 + j])
                let (a1r, a1i) = (xr[in0 + s * m + j], xi[in0 + s * m + j])
                let (a2r, a2i) = (xr[in0 + 2 * s * m + j], xi[in0 + 2 * s * m + j])
                let (a3r, a3i) = (xr[in0 + 3 * s * m + j], xi[in0 + 3 * s * m + j])
                let (a4r, a4i) = (xr[in0 + 4 * s * m + j], xi[in0 + 4 * s * m + j])
                let (p14r, p14i) = (a1r + a4r, a1i + a4i)
                let (m14r, m14i) = (a1r - a4r, a1i - a4i)
                let (p23r, p23i) = (a2r + a3r, a2i + a3i)
                let (m23r, m23i) = (a2r - a3r, a2i - a3i)
                let (b1r, b1i) = (a0r + c1 * p14r + c2 * p23r, a0i + c1 * p14i + c2 * p23i)
                let (b2r, b2i) = (a0r + c2 * p14r + c1 * p23r, a0i + c2 * p14i + c1 * p23i)
                // −i·(s1·m14 + s2·m23) and −i·(s2·m14 − s1·m23)
                let (e1r, e1i) = (s1 * m14i + s2 * m23i, -(s1 * m14r + s2 * m23r))
                let (e2r, e2i) = (s2 * m14i - s1 * m23i, -(s2 * m14r - s1 * m23r))
                yr[out0 + j] = a0r + p14r + p23r
                yi[out0 + j] = a0i + p14i + p23i
                store(b1r + e1r, b1i + e1i, w[0], w[1], yr, yi, out0 + s + j)
                store(b2r + e2r, b2i + e2i, w[2], w[3], yr, yi, out0 + 2 * s + j)
                store(b2r - e2r, b2i - e2i, w[4], w[5], yr, yi, out0 + 3 * s + j)
                store(b1r - e1r, b1i - e1i, w[6], w[7], yr, yi, out0 + 4 * s + j)
            }
        }
    }

    /// Applies an O(radix²) butterfly for the remaining odd primes.
    private func generic(
        _ xr: UnsafeMutablePointer<Float>, _ xi: UnsafeMutablePointer<Float>,
        _ yr: UnsafeMutablePointer<Float>, _ yi: UnsafeMutablePointer<Float>,
        _ tw: UnsafeMutablePointer<Float>
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
                    var sumR: Float = 0
                    var sumI: Float = 0
                    for t in 0..<p {
                        let at = j + s * (q + t * m)
                        let k = (t * u) % p
                        sumR += xr[at] * rootsRe[k] - xi[at] * rootsIm[k]
                        sumI += xr[at] * rootsIm[k] + xi[at] * rootsRe[k]
                    }
                    let out = j + s * (p * q + u)
                    if u == 0 {
                        yr[out] = sumR
                        yi[out] = sumI
                    } else {
                        store(sumR, sumI, w[2 * (u - 1)], w[2 * u - 1], yr, yi, out)
                    }
                }
            }
        }
    }

    @inline(__always)
    private func store(
        _ r: Float, _ i: Float, _ wr: Float, _ wi: Float,
        _ yr: UnsafeMutablePointer<Float>, _ yi: UnsafeMutablePointer<Float>, _ at: Int
    ) {
        yr[at] = r * wr - i * wi
        yi[at] = r * wi + i * wr
    }
}

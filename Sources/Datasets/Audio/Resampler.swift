import Tensors

#if canImport(Glibc)
    import Glibc
#endif

/// A polyphase windowed-sinc resampler for a rational rate ratio.
///
/// The low-pass filter is a sinc with a Kaiser window (β = 10.06, designed
/// for 100 dB): its passband ends at 0.9 of the lower Nyquist frequency and
/// its stopband starts at that Nyquist frequency, so nothing folds back into
/// the output band. The measured attenuation is in the tests. Each of the
/// `phases` filter rows is normalised to unit gain at DC. Ratios with more
/// than 1024 phases interpolate linearly between neighbouring rows.
final class Resampler {
    let inputRate: Int
    let outputRate: Int
    /// Output samples per `down` input samples, in lowest terms.
    let up: Int
    let down: Int
    let phases: Int
    /// Taps per row. Row p is the filter for the fractional position p/phases.
    let taps: Int
    /// Offset of a row's first tap relative to floor(input position).
    let firstTap: Int
    private let rows: [Float]

    static let attenuationDB = 100.0
    static let passbandFraction = 0.9

    init(from inputRate: Int, to outputRate: Int) {
        self.inputRate = inputRate
        self.outputRate = outputRate
        let divisor = Resampler.gcd(inputRate, outputRate)
        up = outputRate / divisor
        down = inputRate / divisor
        phases = min(up, 1024)
        // Cut-off and transition in cycles per input sample.
        let scale = min(1, Double(outputRate) / Double(inputRate))
        let cutoff = 0.5 * scale * (1 + Resampler.passbandFraction) / 2
        let transition = 0.5 * scale * (1 - Resampler.passbandFraction)
        // Kaiser's estimate of the length for this attenuation and transition.
        let length = (Resampler.attenuationDB - 7.95) / (14.36 * transition)
        let halfWidth = Int((length / 2).rounded(.up)) + 1
        taps = 2 * halfWidth
        firstTap = -halfWidth + 1
        let beta = 0.1102 * (Resampler.attenuationDB - 8.7)
        let normaliser = Resampler.besselI0(beta)
        var table = [Float](repeating: 0, count: (phases + 1) * taps)
        for p in 0...phases {
            let fraction = Double(p) / Double(phases)
            var row = [Double](repeating: 0, count: taps)
            var sum = 0.0
            for i in 0..<taps {
                // Distance in input samples from the output instant to tap i.
                let t = Double(firstTap + i) - fraction
                let ratio = t / Double(halfWidth)
                guard abs(ratio) < 1 else { continue }
                let window =
                    Resampler.besselI0(beta * (1 - ratio * ratio).squareRoot()) / normaliser
                let x = 2 * cutoff * t
                let sinc = x == 0 ? 1 : sin(Double.pi * x) / (Double.pi * x)
                row[i] = 2 * cutoff * sinc * window
                sum += row[i]
            }
            for i in 0..<taps { table[p * taps + i] = Float(row[i] / sum) }
        }
        rows = table
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// The modified Bessel function I0 by its power series.
    static func besselI0(_ x: Double) -> Double {
        var sum = 1.0
        var term = 1.0
        var k = 1.0
        let quarter = x * x / 4
        while term > 1e-17 * sum {
            term *= quarter / (k * k)
            sum += term
            k += 1
        }
        return sum
    }

    /// Dot product of `count` floats, eight at a time.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var sums = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= count {
            let x = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
            sums += x * y
            i += 8
        }
        var total = sums.sum()
        while i < count {
            total += a[i] * b[i]
            i += 1
        }
        return total
    }

    /// Output length for `count` input samples: ceil(count · up / down).
    func outputCount(_ count: Int) -> Int {
        let (product, overflow) = count.multipliedReportingOverflow(by: up)
        guard !overflow else { return Int(Double(count) * Double(up) / Double(down)) }
        return (product + down - 1) / down
    }

    /// Resamples `count` samples into `output` (`outputCount(count)` values);
    /// samples outside the input count as zero.
    func run(_ input: UnsafePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>) {
        let produced = outputCount(count)
        for n in 0..<produced {
            // Position n·down/up in input samples, split into whole and fraction.
            let whole = n * down / up
            let remainder = n * down - whole * up
            let exactRow = Double(remainder) * Double(phases) / Double(up)
            let row = Int(exactRow)
            let blend = Float(exactRow - Double(row))
            let start = whole + firstTap
            var low: Float = 0
            var high: Float = 0
            rows.withUnsafeBufferPointer { table in
                guard let base = table.baseAddress else { return }
                let a = base + row * taps
                let b = a + taps
                let lower = max(0, -start)
                let upper = min(taps, count - start)
                guard lower < upper else { return }
                low = Resampler.dot(a + lower, input + start + lower, count: upper - lower)
                // Ratios with at most 1024 phases land exactly on a row.
                guard blend != 0 else { return }
                high = Resampler.dot(b + lower, input + start + lower, count: upper - lower)
            }
            output[n] = blend == 0 ? low : low + (high - low) * blend
        }
    }
}

/// Resamples `wave` ([frames] or [channels, frames]) from `from` Hz to `to`
/// Hz with a Kaiser-windowed sinc filter (stopband >= 90 dB). The output has
/// ceil(frames · to / from) frames; equal rates return a copy.
public func resample(_ wave: Tensor, from inputRate: Int, to outputRate: Int) throws -> Tensor {
    guard inputRate > 0, outputRate > 0 else {
        throw DatasetError.invalidOption(
            name: inputRate > 0 ? "to" : "from",
            message: "sample rates must be positive, got from \(inputRate) Hz to \(outputRate) Hz")
    }
    guard wave.dtype == .f32, wave.rank == 1 || wave.rank == 2 else {
        throw DatasetError.invalidOption(
            name: "wave",
            message: "expected a float tensor [frames] or [channels, frames], "
                + "got \(wave.dtype) \(formatShape(wave.shape))")
    }
    let ratio = Double(max(inputRate, outputRate)) / Double(min(inputRate, outputRate))
    guard ratio <= 1000 else {
        throw DatasetError.invalidOption(
            name: "to",
            message: "resampling from \(inputRate) Hz to \(outputRate) Hz changes the rate by more "
                + "than 1000 times; resample in steps or check the rates")
    }
    let source = try wave.contiguousCopy()
    guard inputRate != outputRate else { return source }
    let resampler = Resampler(from: inputRate, to: outputRate)
    let frames = wave.shape[wave.rank - 1]
    let channels = wave.rank == 2 ? wave.shape[0] : 1
    let produced = resampler.outputCount(frames)
    let shape = wave.rank == 2 ? [channels, produced] : [produced]
    let result = try Tensor(shape: shape, zeroed: false)
    for c in 0..<channels {
        resampler.run(source.floats + c * frames, count: frames, into: result.floats + c * produced)
    }
    return result
}

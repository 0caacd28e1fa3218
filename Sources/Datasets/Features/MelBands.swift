import Tensors

/// The non-zero span of each mel filter, for projecting spectra onto the bands.
///
/// Each triangular filter covers a few consecutive FFT bins, about 2 weights
/// per bin in all against nFreqs × nMels for a dense product. Summing only
/// those is far cheaper than a matrix product, and it runs inside the
/// parallel frame loop.
struct MelBands {
    /// First bin of each filter.
    let starts: [Int]
    /// Offset of each filter's weights in `weights`; filter j spans
    /// offsets[j]..<offsets[j + 1].
    let offsets: [Int]
    let weights: [Float]

    /// Extracts the spans from a filterbank [nFreqs, nMels].
    init(_ filterbank: Tensor) {
        let nFreqs = filterbank.shape[0]
        let nMels = filterbank.shape[1]
        var starts: [Int] = []
        var offsets: [Int] = [0]
        var weights: [Float] = []
        for j in 0..<nMels {
            let column = (0..<nFreqs).map { filterbank.floats[$0 * nMels + j] }
            let first = column.firstIndex { $0 != 0 } ?? 0
            let last = column.lastIndex { $0 != 0 } ?? -1
            starts.append(first)
            if last >= first { weights += column[first...last] }
            offsets.append(weights.count)
        }
        self.starts = starts
        self.offsets = offsets
        self.weights = weights
    }

    /// Writes the mel spectrogram of one clip into `output` [nMels, frames].
    func project(
        _ stft: ShortTimeFourier, _ wave: UnsafePointer<Float>, count: Int, power: Float,
        frames: Int, into output: UnsafeMutablePointer<Float>
    ) {
        weights.withUnsafeBufferPointer { weights in
            stft.forEachPowerGroup(wave, count: count, power: power) { first, present, spectra in
                for j in 0..<starts.count {
                    var sum = SIMD8<Float>(repeating: 0)
                    let span = offsets[j]..<offsets[j + 1]
                    for (k, at) in zip(starts[j]..., span) {
                        sum += SIMD8<Float>.load(spectra, k) * weights[at]
                    }
                    for lane in 0..<present { output[j * frames + first + lane] = sum[lane] }
                }
            }
        }
    }
}

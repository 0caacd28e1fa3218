import Tensors

#if canImport(Glibc)
    import Glibc
#endif

/// The mel scale that places the triangular filters.
public enum MelScale: String, Sendable {
    /// 2595·log10(1 + f/700), as HTK and torchaudio's default.
    case htk
    /// Slaney's Auditory Toolbox scale: linear below 1 kHz, logarithmic above.
    case slaney

    func mel(_ hz: Double) -> Double {
        switch self {
        case .htk:
            return 2595 * log10(1 + hz / 700)
        case .slaney:
            let linear = hz / (200.0 / 3)
            guard hz >= 1000 else { return linear }
            return 15 + log(hz / 1000) / (log(6.4) / 27)
        }
    }

    func hz(_ mel: Double) -> Double {
        switch self {
        case .htk:
            return 700 * (pow(10, mel / 2595) - 1)
        case .slaney:
            guard mel >= 15 else { return mel * (200.0 / 3) }
            return 1000 * exp(log(6.4) / 27 * (mel - 15))
        }
    }
}

extension MelScale {
    /// Band edges in Hz from edges in mel, in float32 as torchaudio computes them;
    /// 10^x is rounded once from double, which is what torch's float32 pow returns.
    func bandEdges(_ mels: [Float]) -> [Float] {
        mels.map { mel in
            switch self {
            case .htk:
                let power = Float(pow(10, Double(mel / 2595)))
                return 700 * (power - 1)
            case .slaney:
                let minLogMel: Float = 15
                guard mel >= minLogMel else { return Float(200.0 / 3) * mel }
                let step = Float(log(6.4) / 27)
                return 1000 * Float(exp(Double(step * (mel - minLogMel))))
            }
        }
    }
}

/// `count` evenly spaced float32 values as torch.linspace makes them: start + step·i
/// below the midpoint and end − step·(count − 1 − i) from it, each rounded once.
func linspaceFloat32(_ start: Double, _ end: Double, count: Int) -> [Float] {
    let first = Float(start), last = Float(end)
    let step = count > 1 ? (last - first) / Float(count - 1) : 0
    return (0..<count).map { i in
        i < count / 2
            ? Float(Double(first) + Double(step) * Double(i))
            : Float(Double(last) - Double(step) * Double(count - 1 - i))
    }
}

/// Filter normalisation.
public enum MelNorm: String, Sendable {
    /// Divides each triangle by half its width in Hz, so every filter has unit area (Slaney).
    case slaney
}

/// Builds triangular mel filters with torchaudio's `melscale_fbanks` rules.
///
/// Returns [nFreqs, nMels], the layout torchaudio stores. FFT bin k sits at
/// k·(sampleRate / 2, integer division) / (nFreqs − 1) Hz, and the nMels + 2
/// band edges are evenly spaced in mel between `fMin` and `fMax`. A filter
/// that covers no bin is reported through `warn` with its index.
public func melFilterbank(
    nFreqs: Int, fMin: Double, fMax: Double, nMels: Int, sampleRate: Int,
    norm: MelNorm? = nil, melScale: MelScale = .htk, warn: WarningHandler? = nil
) throws -> Tensor {
    let maxFreqs = MelSpectrogram.maxFFTLength / 2 + 1
    guard nFreqs >= 2, nFreqs <= maxFreqs else {
        throw DatasetError.invalidOption(
            name: "n_freqs", message: "must be in 2...\(maxFreqs) (n_fft/2 + 1), got \(nFreqs)")
    }
    guard nMels >= 1, nMels <= MelSpectrogram.maxMels else {
        throw DatasetError.invalidOption(
            name: "n_mels", message: "must be in 1...\(MelSpectrogram.maxMels), got \(nMels)")
    }
    let weights = try melWeights(
        nFreqs: nFreqs, fMin: fMin, fMax: fMax, nMels: nMels, sampleRate: sampleRate,
        norm: norm, melScale: melScale)
    var empty: [Int] = []
    for j in 0..<nMels where !(0..<nFreqs).contains(where: { weights[$0 * nMels + j] > 0 }) {
        empty.append(j)
    }
    if !empty.isEmpty, let warn {
        let list = empty.map(String.init).joined(separator: ", ")
        warn(
            "mel filterbank: filters \(list) of \(nMels) cover no FFT bin, so those bands stay 0; "
                + "use fewer n_mels or a larger n_fft")
    }
    return try Tensor(weights, shape: [nFreqs, nMels])
}

/// Computes the filterbank weights, [nFreqs, nMels] row-major.
func melWeights(
    nFreqs: Int, fMin: Double, fMax: Double, nMels: Int, sampleRate: Int,
    norm: MelNorm?, melScale: MelScale
) throws -> [Float] {
    guard fMin >= 0, fMin < fMax else {
        throw DatasetError.invalidOption(
            name: "f_min",
            message: "f_min \(fMin) Hz must be >= 0 and below f_max \(fMax) Hz; lower f_min")
    }
    guard fMax <= Double(sampleRate) / 2 else {
        throw DatasetError.invalidOption(
            name: "f_max",
            message: "f_max \(fMax) Hz is above the Nyquist frequency \(Double(sampleRate) / 2) Hz "
                + "of sample_rate \(sampleRate); use f_max <= \(Double(sampleRate) / 2) "
                + "or a higher sample_rate")
    }
    // Single precision with torchaudio's order of operations (it builds the bank in
    // float32), so the weights match its melscale_fbanks bit for bit for the HTK scale.
    let edges = melScale.bandEdges(
        linspaceFloat32(melScale.mel(fMin), melScale.mel(fMax), count: nMels + 2))
    let frequencies = linspaceFloat32(0, Double(sampleRate / 2), count: nFreqs)
    var weights = [Float](repeating: 0, count: nFreqs * nMels)
    for k in 0..<nFreqs {
        let frequency = frequencies[k]
        for j in 0..<nMels {
            let down = -(edges[j] - frequency) / (edges[j + 1] - edges[j])
            let up = (edges[j + 2] - frequency) / (edges[j + 2] - edges[j + 1])
            var weight = max(0, min(down, up))
            if norm == .slaney { weight *= 2 / (edges[j + 2] - edges[j]) }
            weights[k * nMels + j] = weight
        }
    }
    return weights
}

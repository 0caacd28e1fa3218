import Tensors

#if canImport(Glibc)
    import Glibc
#endif

/// Recovers a non-negative linear spectrogram [nFreqs, frames] from a mel
/// spectrogram [nMels, frames] and its filterbank [nFreqs, nMels].
///
/// Starts from the minimum-norm least-squares solution of fbᵀ·S = mel and
/// clamps it at 0. The current torchaudio `InverseMelScale` solves the same
/// problem with `torch.linalg.lstsq` (torchaudio 2.0 still ran SGD). Then
/// `iterations` steps of accelerated projected gradient descent (FISTA) on
/// ‖fbᵀ·S − mel‖² over S >= 0 refine it, a non-negative least squares.
public func inverseMelScale(_ mel: Tensor, filterbank: Tensor, iterations: Int = 200) throws
    -> Tensor
{
    guard mel.rank == 2, filterbank.rank == 2, mel.shape[0] == filterbank.shape[1],
        mel.dtype == .f32, filterbank.dtype == .f32
    else {
        throw DatasetError.invalidOption(
            name: "mel",
            message:
                "expected float tensors mel [n_mels, frames] and filterbank [n_freqs, n_mels], "
                + "got \(formatShape(mel.shape)) and \(formatShape(filterbank.shape))")
    }
    let nFreqs = filterbank.shape[0]
    let nMels = filterbank.shape[1]
    let bank = try filterbank.contiguousCopy()
    let gram = gramOfColumns(bank, rows: nFreqs, columns: nMels)
    // (fbᵀ·fb)⁻¹·mel, then fb·(…) gives the minimum-norm solution.
    let coefficients = try solveSymmetric(gram, size: nMels, rightHandSides: mel.contiguousCopy())
    var spectrogram = try bank.matmul(coefficients)  // [nFreqs, frames]
    clampNonNegative(spectrogram)
    let bankT = try bank.transposed().contiguousCopy()  // [nMels, nFreqs]
    let step = Float(1 / max(largestEigenvalue(gram, size: nMels), 1e-20))
    // FISTA: gradient steps from an extrapolated point, projected onto S >= 0.
    var point = spectrogram
    var momentum = 1.0
    for _ in 0..<max(iterations, 0) {
        let residual = try bankT.matmul(point) - mel
        let next = try point - bank.matmul(residual) * step
        clampNonNegative(next)
        let nextMomentum = (1 + (1 + 4 * momentum * momentum).squareRoot()) / 2
        let weight = Float((momentum - 1) / nextMomentum)
        point = try next + (next - spectrogram) * weight
        spectrogram = next
        momentum = nextMomentum
    }
    return spectrogram
}

private func clampNonNegative(_ x: Tensor) {
    for i in 0..<x.count where !(x.floats[i] > 0) { x.floats[i] = 0 }
}

/// fbᵀ·fb in double precision, with a tiny ridge so empty filters keep it invertible.
private func gramOfColumns(_ bank: Tensor, rows: Int, columns: Int) -> [Double] {
    var gram = [Double](repeating: 0, count: columns * columns)
    for k in 0..<rows {
        for i in 0..<columns {
            let a = Double(bank.floats[k * columns + i])
            guard a != 0 else { continue }
            for j in 0..<columns {
                gram[i * columns + j] += a * Double(bank.floats[k * columns + j])
            }
        }
    }
    var trace = 0.0
    for i in 0..<columns { trace += gram[i * columns + i] }
    let ridge = max(trace / Double(max(columns, 1)), 1e-30) * 1e-9
    for i in 0..<columns { gram[i * columns + i] += ridge }
    return gram
}

/// Solves gram·X = B for symmetric positive definite `gram` by Cholesky; B is [size, n].
private func solveSymmetric(_ gram: [Double], size: Int, rightHandSides b: Tensor) throws -> Tensor
{
    var lower = [Double](repeating: 0, count: size * size)
    for i in 0..<size {
        for j in 0...i {
            var sum = gram[i * size + j]
            for k in 0..<j { sum -= lower[i * size + k] * lower[j * size + k] }
            if i == j {
                lower[i * size + i] = sum > 0 ? sum.squareRoot() : 1e-15
            } else {
                lower[i * size + j] = sum / lower[j * size + j]
            }
        }
    }
    let columns = b.shape[1]
    let result = try Tensor(shape: [size, columns], zeroed: false)
    var y = [Double](repeating: 0, count: size)
    for c in 0..<columns {
        for i in 0..<size {
            var sum = Double(b.floats[i * columns + c])
            for k in 0..<i { sum -= lower[i * size + k] * y[k] }
            y[i] = sum / lower[i * size + i]
        }
        for i in stride(from: size - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<size { sum -= lower[k * size + i] * y[k] }
            y[i] = sum / lower[i * size + i]
        }
        for i in 0..<size { result.floats[i * columns + c] = Float(y[i]) }
    }
    return result
}

/// Estimates the largest eigenvalue of a symmetric matrix by power iteration.
private func largestEigenvalue(_ matrix: [Double], size: Int) -> Double {
    var vector = [Double](repeating: 1 / Double(size).squareRoot(), count: size)
    var value = 0.0
    for _ in 0..<100 {
        var next = [Double](repeating: 0, count: size)
        for i in 0..<size {
            for j in 0..<size { next[i] += matrix[i * size + j] * vector[j] }
        }
        let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return 0 }
        value = norm
        vector = next.map { $0 / norm }
    }
    return value
}

/// Reconstructs a wave from a magnitude spectrogram [nFreqs, frames] by
/// Griffin-Lim with momentum (fast Griffin-Lim, as torchaudio's `GriffinLim`).
///
/// `spectrogram` contains |X|^power. Phases start uniformly random from `seed`.
/// Each iteration inverts the STFT, transforms again and keeps only the
/// phase, extrapolated by momentum/(1 + momentum) of the previous estimate.
/// Returns [length] samples (default hop·(frames − 1)).
public func griffinLim(
    _ spectrogram: Tensor, nFFT: Int = 400, winLength: Int? = nil, hopLength: Int = 200,
    power: Double = 2, iterations: Int = 32, momentum: Double = 0.99, length: Int? = nil,
    seed: UInt64 = 0
) throws -> Tensor {
    var options = MelOptions()
    options.nFFT = nFFT
    options.winLength = winLength
    options.hopLength = hopLength
    options.power = power
    try MelSpectrogram.validate(options)
    let bins = nFFT / 2 + 1
    guard spectrogram.rank == 2, spectrogram.shape[0] == bins, spectrogram.dtype == .f32 else {
        throw DatasetError.invalidOption(
            name: "spectrogram",
            message: "expected a float tensor [n_fft/2 + 1 = \(bins), frames], "
                + "got \(spectrogram.dtype) \(formatShape(spectrogram.shape))")
    }
    guard momentum >= 0, momentum < 1 else {
        throw DatasetError.invalidOption(
            name: "momentum", message: "must be in [0, 1), got \(momentum); torchaudio uses 0.99")
    }
    let frames = spectrogram.shape[1]
    let (product, overflow) = hopLength.multipliedReportingOverflow(by: max(frames - 1, 0))
    guard length != nil || !overflow else {
        throw DatasetError.invalidOption(
            name: "hop_length",
            message: "\(hopLength) × \(frames - 1) frames overflows the output length; "
                + "use a smaller hop_length")
    }
    let samples = length ?? product
    let stft = ShortTimeFourier(
        nFFT: nFFT, winLength: winLength ?? nFFT, hopLength: hopLength, center: true)
    try stft.validate(samples: samples)
    guard stft.frameCount(samples: samples) == frames else {
        throw DatasetError.invalidOption(
            name: "length",
            message: "\(samples) samples give \(stft.frameCount(samples: samples)) frames, "
                + "not the spectrogram's \(frames); use length: nil or hop·(frames − 1)")
    }
    let source = try spectrogram.contiguousCopy()
    var magnitude = [Float](repeating: 0, count: frames * bins)  // [frames, bins]
    for k in 0..<bins {
        for t in 0..<frames {
            magnitude[t * bins + k] = powf(max(source.floats[k * frames + t], 0), Float(1 / power))
        }
    }
    let stream = RandomStream(seed: seed)
    var phaseRe = [Float](repeating: 0, count: frames * bins)
    var phaseIm = phaseRe
    for i in 0..<phaseRe.count {
        let angle = 2 * Double.pi * stream.nextDouble()
        phaseRe[i] = Float(cos(angle))
        phaseIm[i] = Float(sin(angle))
    }
    var previousRe = [Float](repeating: 0, count: frames * bins)
    var previousIm = previousRe
    let blend = Float(momentum / (1 + momentum))
    for _ in 0..<max(iterations, 0) {
        let wave = stft.inverse(
            re: zip(magnitude, phaseRe).map { $0 * $1 },
            im: zip(magnitude, phaseIm).map { $0 * $1 },
            frames: frames, length: samples)
        let rebuilt = stft.complexFrames(wave, samples: samples)
        for i in 0..<phaseRe.count {
            let re = rebuilt.re[i] - blend * previousRe[i]
            let im = rebuilt.im[i] - blend * previousIm[i]
            let norm = (re * re + im * im).squareRoot() + 1e-16
            phaseRe[i] = re / norm
            phaseIm[i] = im / norm
        }
        previousRe = rebuilt.re
        previousIm = rebuilt.im
    }
    let wave = stft.inverse(
        re: zip(magnitude, phaseRe).map { $0 * $1 }, im: zip(magnitude, phaseIm).map { $0 * $1 },
        frames: frames, length: samples)
    return try Tensor(wave, shape: [samples])
}

/// Reconstructs audio from a power mel spectrogram [nMels, frames] made with
/// `options`: `inverseMelScale`, then `griffinLim`.
public func melToAudio(
    _ mel: Tensor, options: MelOptions = MelOptions(), iterations: Int = 32,
    length: Int? = nil, seed: UInt64 = 0
) throws -> Tensor {
    let transform = try MelSpectrogram(options)
    let linear = try inverseMelScale(mel, filterbank: transform.filterbank)
    return try griffinLim(
        linear, nFFT: options.nFFT, winLength: options.winLength, hopLength: options.hopLength,
        power: options.power, iterations: iterations, length: length, seed: seed)
}

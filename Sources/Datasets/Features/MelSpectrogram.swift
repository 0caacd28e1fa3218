import Tensors

/// Settings of a mel spectrogram; the defaults are torchaudio's
/// `MelSpectrogram(sample_rate=22050, n_mels=64)` with hop 200.
public struct MelOptions: Equatable, Sendable {
    public var sampleRate: Int = 22050
    public var nFFT: Int = 400
    /// Window length in samples; nil means `nFFT`.
    public var winLength: Int?
    public var hopLength: Int = 200
    /// Lowest band edge in Hz.
    public var fMin: Double = 0
    /// Highest band edge in Hz; nil means sampleRate / 2.
    public var fMax: Double?
    public var nMels: Int = 64
    /// Exponent applied to the magnitude (2 gives power).
    public var power: Double = 2
    public var melScale: MelScale = .htk
    public var norm: MelNorm?
    public var center: Bool = true

    public init() {}
}

/// A mel spectrogram with its window, FFT plan and filterbank prepared once.
///
/// Shapes: a wave [N] gives [nMels, frames]; a batch [B, N] gives
/// [B, nMels, frames]. Values are power (or |X|^power) summed through the
/// filters; convert with `toDB`.
public final class MelSpectrogram {
    public let options: MelOptions
    /// Filter weights [nFreqs, nMels], nFreqs = nFFT/2 + 1.
    public let filterbank: Tensor
    let stft: ShortTimeFourier
    let bands: MelBands

    /// Checks `options` and builds the transform; warnings about empty filters go to `warn`.
    public init(_ options: MelOptions = MelOptions(), warn: WarningHandler? = nil) throws {
        try MelSpectrogram.validate(options)
        self.options = options
        let winLength = options.winLength ?? options.nFFT
        stft = ShortTimeFourier(
            nFFT: options.nFFT, winLength: winLength, hopLength: options.hopLength,
            center: options.center)
        filterbank = try melFilterbank(
            nFreqs: options.nFFT / 2 + 1, fMin: options.fMin,
            fMax: options.fMax ?? Double(options.sampleRate) / 2, nMels: options.nMels,
            sampleRate: options.sampleRate, norm: options.norm, melScale: options.melScale,
            warn: warn)
        bands = MelBands(filterbank)
    }

    /// Limits that keep the window and filterbank allocations bounded (the bank
    /// is at most 32769 × 1024 floats, 134 MB).
    static let maxFFTLength = 65536
    static let maxMels = 1024

    static func validate(_ options: MelOptions) throws {
        guard options.sampleRate > 0 else {
            throw DatasetError.invalidOption(
                name: "sample_rate", message: "must be positive, got \(options.sampleRate)")
        }
        guard options.nFFT >= 2, options.nFFT <= MelSpectrogram.maxFFTLength else {
            throw DatasetError.invalidOption(
                name: "n_fft",
                message: "must be in 2...\(MelSpectrogram.maxFFTLength), got \(options.nFFT)")
        }
        guard options.nMels >= 1, options.nMels <= MelSpectrogram.maxMels else {
            throw DatasetError.invalidOption(
                name: "n_mels",
                message: "must be in 1...\(MelSpectrogram.maxMels), got \(options.nMels)")
        }
        let winLength = options.winLength ?? options.nFFT
        guard winLength >= 1, winLength <= options.nFFT else {
            throw DatasetError.invalidOption(
                name: "win_length",
                message: "must be in 1...n_fft (\(options.nFFT)), got \(winLength)")
        }
        guard options.hopLength > 0 else {
            throw DatasetError.invalidOption(
                name: "hop_length",
                message: "must be a positive number of samples, got \(options.hopLength); "
                    + "use for example n_fft/2 = \(options.nFFT / 2)")
        }
        guard options.power > 0, options.power.isFinite else {
            throw DatasetError.invalidOption(
                name: "power",
                message: "must be a positive number, got \(options.power); use 1 or 2")
        }
    }

    /// Frames produced for a clip of `samples` (0 when the clip is too short).
    public func frameCount(samples: Int) -> Int { stft.frameCount(samples: samples) }

    /// Computes the mel spectrogram of `wave`:
    /// [N] → [nMels, frames] or [B, N] → [B, nMels, frames].
    public func callAsFunction(_ wave: Tensor) throws -> Tensor {
        guard wave.dtype == .f32, wave.rank == 1 || wave.rank == 2 else {
            throw DatasetError.invalidOption(
                name: "wave",
                message: "expected a float tensor [samples] or [batch, samples], "
                    + "got \(wave.dtype) \(formatShape(wave.shape))")
        }
        let source = wave  // tensor storage is always contiguous
        let samples = wave.shape[wave.rank - 1]
        let batch = wave.rank == 2 ? wave.shape[0] : 1
        try stft.validate(samples: samples)
        let frames = stft.frameCount(samples: samples)
        let nMels = options.nMels
        let bins = stft.bins
        let result = try Tensor(shape: [batch, nMels, frames], zeroed: false)
        for b in 0..<batch {
            let out = result.floats + b * nMels * frames
            bands.project(
                stft, source.floats + b * samples, count: samples, power: Float(options.power),
                frames: frames, into: out)
        }
        return wave.rank == 1 ? try result.reshaped([nMels, frames]) : result
    }
}

/// Computes the mel spectrogram of `wave` with torchaudio's argument names and defaults.
///
/// `wave` is [N] or [B, N]; the result is [nMels, frames] or [B, nMels, frames].
public func melSpectrogram(
    _ wave: Tensor, sampleRate: Int = 22050, nFFT: Int = 400, winLength: Int? = nil,
    hopLength: Int = 200, fMin: Double = 0, fMax: Double? = nil, nMels: Int = 64,
    power: Double = 2, melScale: MelScale = .htk, norm: MelNorm? = nil, center: Bool = true,
    warn: WarningHandler? = nil
) throws -> Tensor {
    var options = MelOptions()
    options.sampleRate = sampleRate
    options.nFFT = nFFT
    options.winLength = winLength
    options.hopLength = hopLength
    options.fMin = fMin
    options.fMax = fMax
    options.nMels = nMels
    options.power = power
    options.melScale = melScale
    options.norm = norm
    options.center = center
    return try MelSpectrogram(options, warn: warn)(wave)
}

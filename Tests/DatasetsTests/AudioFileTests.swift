import Foundation
import Tensors
import Testing

@testable import Datasets

/// Creates a fresh temporary folder for one test.
func makeTemporaryFolder(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "mfs-datasets-\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Makes a sine of `hz` at `rate` Hz, `frames` samples long, with peak `amplitude`.
func tone(hz: Double, rate: Int, frames: Int, amplitude: Double = 0.5) throws -> Tensor {
    let values = (0..<frames).map { i -> Float in
        let phase = 2 * Double.pi * hz * Double(i) / Double(rate)
        return Float(amplitude * sin(phase))
    }
    return try Tensor(values, shape: [frames])
}

/// Finds the frequency in Hz of the strongest FFT bin of `wave`, and the bin width.
func peakFrequency(_ wave: Tensor, rate: Int) -> (hz: Double, binWidth: Double) {
    let n = wave.count
    let fft = RealFFT(count: n)
    var re = [Float](repeating: 0, count: fft.bins)
    var im = re
    fft.forward(wave.floats, re: &re, im: &im, workspace: fft.makeWorkspace())
    var best = 0
    for k in 1..<fft.bins
    where re[k] * re[k] + im[k] * im[k] > re[best] * re[best] + im[best] * im[best] {
        best = k
    }
    let width = Double(rate) / Double(n)
    return (Double(best) * width, width)
}

@Test(arguments: ["wav", "aiff", "au", "flac", "ogg", "opus", "mp3"])
func audioFormatRoundTrips(ext: String) throws {
    let folder = try makeTemporaryFolder("format")
    let rate = ext == "opus" ? 48000 : 44100
    let path = folder + "/tone." + ext
    try saveAudio(tone(hz: 1000, rate: rate, frames: rate / 2), path, rate: rate)
    let (wave, decodedRate) = try loadAudio(path)
    #expect(decodedRate == rate)
    #expect(wave.rank == 1)
    // Lossy codecs add or drop priming frames; lossless ones keep the count.
    let lossless = ["wav", "aiff", "au", "flac"].contains(ext)
    if lossless {
        #expect(wave.count == rate / 2)
    } else {
        #expect(abs(wave.count - rate / 2) < rate / 10, "frames \(wave.count)")
    }
    let peak = peakFrequency(try wave.narrowed(axis: 0, start: 0, length: 8192), rate: rate)
    #expect(abs(peak.hz - 1000) <= peak.binWidth, "peak at \(peak.hz) Hz")
    var maximum: Float = 0
    for i in 0..<wave.count { maximum = max(maximum, abs(wave.floats[i])) }
    #expect(abs(maximum - 0.5) < (lossless ? 1e-3 : 0.1), "peak level \(maximum)")
}

@Test func stereoMixesDownByMean() throws {
    let folder = try makeTemporaryFolder("stereo")
    let left = try tone(hz: 440, rate: 44100, frames: 4410, amplitude: 0.6)
    let right = try Tensor.full([4410], value: 0.2)
    try saveAudio(Tensor.stack([left, right]), folder + "/stereo.wav", rate: 44100)
    let (stereo, rate) = try loadAudio(folder + "/stereo.wav", mono: false)
    #expect(rate == 44100)
    #expect(stereo.shape == [2, 4410])
    let (mono, _) = try loadAudio(folder + "/stereo.wav")
    #expect(mono.shape == [4410])
    for i in stride(from: 0, to: 4410, by: 97) {
        #expect(abs(mono.floats[i] - (left.floats[i] + 0.2) / 2) < 1e-6, "sample \(i)")
    }
}

@Test func silenceAndShortClipDecode() throws {
    let folder = try makeTemporaryFolder("short")
    try saveAudio(Tensor.zeros([22050]), folder + "/silence.flac", rate: 22050)
    try saveAudio(tone(hz: 300, rate: 22050, frames: 300), folder + "/short.wav", rate: 22050)
    let (silence, _) = try loadAudio(folder + "/silence.flac")
    #expect(silence.count == 22050)
    #expect((0..<silence.count).allSatisfy { silence.floats[$0] == 0 })
    let (short, _) = try loadAudio(folder + "/short.wav")
    #expect(short.count == 300)
    let db = try toDB(melSpectrogram(silence))
    #expect((0..<db.count).allSatisfy { db.floats[$0] == -100 })
}

@Test func resampledToneKeepsItsFrequency() throws {
    let wave = try tone(hz: 1000, rate: 44100, frames: 44100)
    let resampled = try resample(wave, from: 44100, to: 22050)
    #expect(resampled.count == 22050)
    let peak = peakFrequency(resampled, rate: 22050)
    #expect(abs(peak.hz - 1000) <= peak.binWidth, "peak at \(peak.hz) Hz")
    var maximum: Float = 0
    for i in 1000..<21000 { maximum = max(maximum, abs(resampled.floats[i])) }
    #expect(abs(maximum - 0.5) < 1e-3, "passband level \(maximum)")
}

/// Level in dB of what a stopband tone leaves after resampling, relative to its input level.
private func residualDB(hz: Double, from: Int, to: Int) throws -> Double {
    let frames = from
    let wave = try tone(hz: hz, rate: from, frames: frames, amplitude: 1)
    let output = try resample(wave, from: from, to: to)
    let margin = output.count / 10
    var energy = 0.0
    for i in margin..<(output.count - margin) {
        energy += Double(output.floats[i] * output.floats[i])
    }
    let rms = (energy / Double(output.count - 2 * margin)).squareRoot()
    return 20 * log10(max(rms, 1e-12) / (1 / 2.0.squareRoot()))
}

@Test(arguments: [(44100, 22050), (48000, 22050), (22050, 16000)])
func resamplerStopbandIsBelow90dB(rates: (Int, Int)) throws {
    let (from, to) = rates
    let nyquist = Double(to) / 2
    for hz in [nyquist * 1.01, nyquist * 1.1, nyquist * 1.5, Double(from) / 2 * 0.95] {
        let level = try residualDB(hz: hz, from: from, to: to)
        #expect(level <= -90, "\(from) -> \(to) Hz: a \(hz) Hz tone leaves \(level) dB")
    }
}

@Test func resamplerUpsamplesWithoutImages() throws {
    let wave = try tone(hz: 5000, rate: 16000, frames: 16000)
    let output = try resample(wave, from: 16000, to: 44100)
    #expect(output.count == 44100)
    let peak = peakFrequency(output, rate: 44100)
    #expect(abs(peak.hz - 5000) <= peak.binWidth, "peak at \(peak.hz) Hz")
}

@Test func missingAudioFileNamesPath() throws {
    #expect(throws: DatasetError.self) { try loadAudio("/nonexistent/clip.wav") }
    do {
        _ = try loadAudio("/nonexistent/clip.wav")
    } catch {
        #expect("\(error)".contains("/nonexistent/clip.wav"))
        #expect("\(error)".contains("not found"))
    }
}

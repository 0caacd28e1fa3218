import Foundation
import Tensors
import Testing

@testable import Datasets

@Test func inverseMelRecoversMelProjection() throws {
    let wave = try tone(hz: 1000, rate: 22050, frames: 22050)
    let transform = try MelSpectrogram()
    let mel = try transform(wave)
    let linear = try inverseMelScale(mel, filterbank: transform.filterbank)
    #expect(linear.shape == [201, mel.shape[1]])
    #expect((0..<linear.count).allSatisfy { linear.floats[$0] >= 0 })
    let projected = try transform.filterbank.transposed().matmul(linear)
    var error = 0.0
    var total = 0.0
    for i in 0..<mel.count {
        error += pow(Double(projected.floats[i] - mel.floats[i]), 2)
        total += pow(Double(mel.floats[i]), 2)
    }
    #expect(
        (error / total).squareRoot() < 0.05, "relative residual \((error / total).squareRoot())")
}

@Test func melToAudioKeepsToneFrequency() throws {
    let wave = try tone(hz: 1000, rate: 22050, frames: 22050)
    let mel = try melSpectrogram(wave)
    let audio = try melToAudio(mel, length: 22050)
    #expect(audio.shape == [22050])
    let peak = peakFrequency(audio, rate: 22050)
    // The mel bands near 1 kHz are about 60 Hz wide, so allow one band.
    #expect(abs(peak.hz - 1000) < 60, "peak at \(peak.hz) Hz")
    // Mel power of the reconstruction against the original, relative Frobenius error.
    let again = try melSpectrogram(audio)
    var error = 0.0
    var total = 0.0
    for i in 0..<mel.count {
        error += pow(Double(again.floats[i] - mel.floats[i]), 2)
        total += pow(Double(mel.floats[i]), 2)
    }
    #expect(
        (error / total).squareRoot() < 0.25, "relative mel error \((error / total).squareRoot())")
}

@Test func griffinLimRejectsWrongShape() throws {
    let spectrogram = try Tensor.zeros([100, 5])
    #expect(throws: DatasetError.self) { try griffinLim(spectrogram, nFFT: 400) }
}

@Test func inverseSTFTRoundTrips() throws {
    let wave = try tone(hz: 700, rate: 22050, frames: 5000)
    let stft = ShortTimeFourier(nFFT: 400, winLength: 400, hopLength: 100, center: true)
    let frames = stft.complexFrames(wave.toArray(), samples: 5000)
    let back = stft.inverse(re: frames.re, im: frames.im, frames: frames.frames, length: 5000)
    for i in stride(from: 0, to: 5000, by: 37) {
        #expect(abs(back[i] - wave.floats[i]) < 1e-4, "sample \(i)")
    }
}

@Test func griffinLimConvergesOnLinearSpectrogram() throws {
    let wave = try tone(hz: 1000, rate: 22050, frames: 22050)
    let stft = ShortTimeFourier(nFFT: 400, winLength: 400, hopLength: 100, center: true)
    let frames = stft.frameCount(samples: 22050)
    let power = try Tensor(shape: [frames, 201])
    stft.powerFrames(wave.floats, count: 22050, power: 2, into: power.floats)
    let spectrogram = try power.transposed().contiguousCopy()
    let audio = try griffinLim(spectrogram, hopLength: 100, iterations: 64, length: 22050)
    let rebuilt = try Tensor(shape: [frames, 201])
    stft.powerFrames(audio.floats, count: 22050, power: 2, into: rebuilt.floats)
    var error = 0.0
    var total = 0.0
    for i in 0..<power.count {
        let a = Double(power.floats[i]).squareRoot()
        let b = Double(rebuilt.floats[i]).squareRoot()
        error += (a - b) * (a - b)
        total += a * a
    }
    #expect(
        (error / total).squareRoot() < 0.1, "spectral convergence \((error / total).squareRoot())")
}

import Foundation
import Tensors
import Testing

@testable import Datasets

/// Runs `body` and returns the message of the error it throws, or "" when it does not throw.
private func errorMessage(_ body: () throws -> Void) -> String {
    do {
        try body()
        return ""
    } catch {
        return "\(error)"
    }
}

@Test func missingRootNamesPath() {
    let message = errorMessage {
        _ = try AudioFolder(root: "/nonexistent/music", cache: NSTemporaryDirectory())
    }
    #expect(message.contains("/nonexistent/music"), "\(message)")
    #expect(message.contains("not found"), "\(message)")
}

@Test func emptyRootIsRejected() throws {
    let root = try makeTemporaryFolder("empty")
    let message = errorMessage { _ = try AudioFolder(root: root, cache: NSTemporaryDirectory()) }
    #expect(message.contains("no label folders"), "\(message)")
    #expect(message.contains("root/<label>/"), "\(message)")
}

@Test func folderWithoutAudioIsRejected() throws {
    let root = try makeTemporaryFolder("noaudio")
    try FileManager.default.createDirectory(
        atPath: root + "/jazz", withIntermediateDirectories: true)
    let emptyMessage = errorMessage {
        _ = try AudioFolder(root: root, cache: NSTemporaryDirectory())
    }
    #expect(emptyMessage.contains("contain no files"), "\(emptyMessage)")
    try "hello".write(toFile: root + "/jazz/readme.txt", atomically: true, encoding: .utf8)
    var warnings: [String] = []
    let message = errorMessage {
        _ = try AudioFolder(root: root, cache: NSTemporaryDirectory()) { warnings.append($0) }
    }
    #expect(message.contains("could be decoded"), "\(message)")
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains("readme.txt") == true)
}

@Test func fMaxAboveNyquistIsRejected() throws {
    let wave = try Tensor.zeros([4000])
    let message = errorMessage { _ = try melSpectrogram(wave, sampleRate: 16000, fMax: 9000) }
    #expect(message.contains("f_max 9000"), "\(message)")
    #expect(message.contains("Nyquist frequency 8000"), "\(message)")
}

@Test func nFFTLongerThanClipWithoutCentre() throws {
    let wave = try Tensor.zeros([300])
    let message = errorMessage { _ = try melSpectrogram(wave, center: false) }
    #expect(message.contains("n_fft 400"), "\(message)")
    #expect(message.contains("300 samples"), "\(message)")
    #expect(message.contains("center: true"), "\(message)")
    let tiny = try Tensor.zeros([150])
    let centred = errorMessage { _ = try melSpectrogram(tiny) }
    #expect(centred.contains("150"), "\(centred)")
}

@Test(arguments: [0, -200])
func nonPositiveHopIsRejected(hop: Int) throws {
    let wave = try Tensor.zeros([4000])
    let message = errorMessage { _ = try melSpectrogram(wave, hopLength: hop) }
    #expect(message.contains("hop_length"), "\(message)")
    #expect(message.contains("got \(hop)"), "\(message)")
}

@Test func otherMelOptionsAreChecked() throws {
    let wave = try Tensor.zeros([4000])
    #expect(throws: DatasetError.self) { try melSpectrogram(wave, nFFT: 1) }
    #expect(throws: DatasetError.self) { try melSpectrogram(wave, winLength: 500) }
    #expect(throws: DatasetError.self) { try melSpectrogram(wave, nMels: 0) }
    #expect(throws: DatasetError.self) { try melSpectrogram(wave, power: 0) }
    #expect(throws: DatasetError.self) { try melSpectrogram(wave, fMin: 5000, fMax: 4000) }
    #expect(throws: DatasetError.self) { try melSpectrogram(Tensor.zeros([2, 2, 4000])) }
    #expect(throws: DatasetError.self) { try toDB(Tensor.zeros([4]), topDB: -1) }
    #expect(throws: DatasetError.self) { try resample(wave, from: 0, to: 22050) }
    #expect(throws: DatasetError.self) {
        try saveAudio(wave, NSTemporaryDirectory() + "x.xyz", rate: 8000)
    }
    #expect(throws: DatasetError.self) {
        try saveAudio(wave, NSTemporaryDirectory() + "x.opus", rate: 44100)
    }
    #expect(throws: DatasetError.self) { try chords(samples: 0) }
    #expect(throws: DatasetError.self) {
        try AudioFolder(root: NSTemporaryDirectory(), fractions: [0.5, 0.5, 0.5])
    }
}

@Test func emptyFilterWarningNamesBands() throws {
    var warnings: [String] = []
    _ = try melFilterbank(
        nFreqs: 33, fMin: 0, fMax: 11025, nMels: 64, sampleRate: 22050
    ) { warnings.append($0) }
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains("filters 0, 1") == true, "\(warnings)")
}

@Test func topDBClipsPerClip() throws {
    let spectrogram = try Tensor([1, 1e-6, 1e-3, 1e-9], shape: [2, 1, 2])
    let db = try toDB(spectrogram, topDB: 20)
    #expect(db.toArray() == [0, -20, -30, -50])
}

@Test func extremeSizesAreRejected() throws {
    let data = try chords(samples: 3, seq: 4, channels: 2)
    #expect(throws: DatasetError.self) { try data.batch(Int.max, 2) }
    #expect(throws: DatasetError.self) { try data.batch(1, Int.max) }
    let loader = try DataLoader(data, batchSize: Int.max)
    #expect(loader.batchesPerEpoch == 1)
    #expect(throws: DatasetError.self) {
        try loader.restore(LoaderPosition(epoch: Int.max, index: 0))
    }
    #expect(throws: DatasetError.self) {
        try griffinLim(Tensor.zeros([201, 3]), hopLength: Int.max)
    }
}

import Foundation
import Tensors
import Testing

@testable import Datasets

/// Tensors of the mel fixture: waves, expected dB maps and the filterbank.
private func loadMelFixture() throws -> [String: Tensor] {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/mel.safetensors").standardizedFileURL.path
    return try SafeTensors.load(path: path)
}

@Test func filterbankMatchesTorchaudio() throws {
    let fixture = try loadMelFixture()
    let expected = try #require(fixture["filterbank"])
    let filterbank = try melFilterbank(
        nFreqs: 201, fMin: 0, fMax: 11025, nMels: 64, sampleRate: 22050)
    #expect(filterbank.shape == expected.shape)
    var worst: Float = 0
    let ours = filterbank.toArray(), reference = expected.toArray()
    for i in 0..<min(ours.count, reference.count) {
        worst = max(worst, abs(ours[i] - reference[i]))
    }
    #expect(worst <= 1e-6, "max difference \(worst)")
}

@Test(arguments: ["clip", "short", "silent", "stereo_mono"])
func melDecibelsMatchTorchaudio(name: String) throws {
    let fixture = try loadMelFixture()
    let wave = try #require(fixture["wave.\(name)"])
    let expected = try #require(fixture["mel_db.\(name)"])
    let db = try toDB(melSpectrogram(wave))
    #expect(db.shape == expected.shape)
    guard db.shape == expected.shape else { return }
    var worstLoud: Float = 0
    var worstQuiet: Float = 0
    for i in 0..<db.count {
        let difference = abs(db.floats[i] - expected.floats[i])
        if expected.floats[i] > -80 {
            worstLoud = max(worstLoud, difference)
        } else {
            worstQuiet = max(worstQuiet, difference)
        }
    }
    #expect(worstLoud <= 0.01, "max difference above -80 dB: \(worstLoud) dB")
    #expect(worstQuiet <= 0.5, "max difference at or below -80 dB: \(worstQuiet) dB")
}

@Test func silentClipIsExactlyMinus100() throws {
    let fixture = try loadMelFixture()
    let wave = try #require(fixture["wave.silent"])
    let db = try toDB(melSpectrogram(wave))
    #expect(db.count > 0)
    #expect((0..<db.count).allSatisfy { db.floats[$0] == -100 })
}

@Test func stereoMixdownMatchesMonoFixture() throws {
    let fixture = try loadMelFixture()
    let left = try #require(fixture["wave.stereo_left"])
    let right = try #require(fixture["wave.stereo_right"])
    let mono = try #require(fixture["wave.stereo_mono"])
    let stereo = try Tensor.stack([left, right])
    let mixed = try mixdown(stereo)
    #expect(mixed.shape == mono.shape)
    for i in 0..<min(mixed.count, mono.count) {
        #expect(abs(mixed.floats[i] - mono.floats[i]) <= 1e-6, "sample \(i)")
    }
}

@Test func batchedMelMatchesSingleClips() throws {
    let fixture = try loadMelFixture()
    let left = try #require(fixture["wave.stereo_left"])
    let right = try #require(fixture["wave.stereo_right"])
    let batch = try melSpectrogram(Tensor.stack([left, right]))
    let single = try melSpectrogram(right)
    #expect(batch.shape == [2] + single.shape)
    let offset = single.count
    for i in 0..<single.count {
        #expect(batch.floats[offset + i] == single.floats[i], "element \(i)")
    }
}

@Test func slaneyScaleMatchesItsDefinition() {
    #expect(abs(MelScale.slaney.mel(1000) - 15) < 1e-12)
    #expect(abs(MelScale.slaney.mel(6400) - 42) < 1e-9)
    #expect(abs(MelScale.slaney.hz(42) - 6400) < 1e-9)
    #expect(abs(MelScale.slaney.mel(500) - 7.5) < 1e-12)
    #expect(abs(MelScale.htk.mel(700) - 2595 * log10(2.0)) < 1e-9)
    #expect(abs(MelScale.htk.hz(MelScale.htk.mel(3000)) - 3000) < 1e-9)
}

@Test func slaneyNormGivesUnitArea() throws {
    let nFreqs = 2049
    let bank = try melFilterbank(
        nFreqs: nFreqs, fMin: 0, fMax: 8000, nMels: 40, sampleRate: 16000, norm: .slaney,
        melScale: .slaney)
    #expect(bank.shape == [nFreqs, 40])
    let binWidth = 8000.0 / Double(nFreqs - 1)
    for j in [5, 20, 39] {
        var area = 0.0
        for k in 0..<nFreqs { area += Double(bank.floats[k * 40 + j]) * binWidth }
        #expect(abs(area - 1) < 0.01, "filter \(j) area \(area)")
    }
}

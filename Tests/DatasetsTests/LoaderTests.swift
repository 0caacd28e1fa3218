import Foundation
import Tensors
import Testing

@testable import Datasets

@Test func chordsAreSeededAndShaped() throws {
    let a = try chords(samples: 4, seq: 16, channels: 3, seed: 7)
    let b = try chords(samples: 4, seq: 16, channels: 3, seed: 7)
    let c = try chords(samples: 4, seq: 16, channels: 3, seed: 8)
    #expect(a.noisy.shape == [4, 16, 3])
    #expect(a.noisy.toArray() == b.noisy.toArray())
    #expect(a.noisy.toArray() != c.noisy.toArray())
    let record = try a.item(2)
    #expect(record.x === record.y)
    #expect(record.label == nil)
    #expect(try a.batch(0, 4).shape == [4, 16, 3])
}

@Test func chordsFollowTheirFormula() throws {
    let data = try chords(samples: 8, seq: 32, channels: 4, seed: 1)
    let choices: [Double] = [1, 2, 3, 5, 8]
    var residuals: [Double] = []
    for n in 0..<8 {
        // Find the (f0, f1, f2) whose clean signal matches; the noise is what is left.
        var best = Double.infinity
        for f0 in choices {
            for f1 in choices where f1 != f0 {
                for f2 in choices where f2 != f0 && f2 != f1 {
                    var error = 0.0
                    for t in 0..<32 {
                        let time = 4 * Double.pi * Double(t) / 31
                        for ch in 0..<4 {
                            let phase = 2 * Double.pi * Double(ch) / 4
                            let first: Double = sin(f0 * time + phase)
                            let second: Double = 0.5 * sin(f1 * time + phase)
                            let third: Double = 0.25 * sin(f2 * time + phase)
                            let at = (n * 32 + t) * 4 + ch
                            let difference =
                                Double(data.clean.floats[at]) - (first + second + third)
                            error += difference * difference
                        }
                    }
                    best = min(best, error)
                }
            }
        }
        #expect(best < 1e-8, "sample \(n) matches no chord")
        for i in (n * 128)..<((n + 1) * 128) {
            residuals.append(Double(data.noisy.floats[i] - data.clean.floats[i]))
        }
    }
    let std = (residuals.map { $0 * $0 }.reduce(0, +) / Double(residuals.count)).squareRoot()
    #expect(abs(std - 0.1) < 0.01, "noise std \(std)")
}

@Test func nextStepChordsShiftTarget() throws {
    let data = try chords(samples: 2, seq: 10, channels: 3, seed: 0, nextStep: true)
    let record = try data.item(1)
    #expect(record.x.shape == [9, 3])
    #expect(record.y.shape == [9, 3])
    let base = 1 * 10 * 3
    #expect(record.x.floats[3] == data.noisy.floats[base + 3])
    #expect(record.y.floats[0] == data.clean.floats[base + 3])
}

@Test func loaderBatchesWithAndWithoutLast() throws {
    let data = try chords(samples: 10, seq: 4, channels: 2, seed: 0)
    let keep = try DataLoader(data, batchSize: 4)
    let kept = try keep.epoch()
    #expect(kept.map { $0.x.shape[0] } == [4, 4, 2])
    #expect(keep.position == LoaderPosition(epoch: 1, index: 0))
    let drop = try DataLoader(data, batchSize: 4, dropLast: true)
    #expect(try drop.epoch().map { $0.x.shape[0] } == [4, 4])
    #expect(kept[0].x.toArray() == (try data.batch(0, 4)).toArray())
}

@Test func loaderShuffleIsSeededPerEpoch() throws {
    let data = try chords(samples: 12, seq: 2, channels: 1, seed: 0)
    let a = try DataLoader(data, batchSize: 5, shuffle: true, seed: 9)
    let b = try DataLoader(data, batchSize: 5, shuffle: true, seed: 9)
    #expect(a.order(epoch: 0) == b.order(epoch: 0))
    #expect(a.order(epoch: 0) != a.order(epoch: 1))
    #expect(a.order(epoch: 0).sorted() == Array(0..<12))
    let first = try a.epoch().map { $0.x.toArray() }
    let second = try b.epoch().map { $0.x.toArray() }
    #expect(first == second)
}

@Test func loaderResumesFromPosition() throws {
    let data = try chords(samples: 12, seq: 2, channels: 1, seed: 0)
    let original = try DataLoader(data, batchSize: 3, shuffle: true, seed: 4)
    _ = try original.epoch()
    _ = try original.next()
    let saved = original.position
    #expect(saved == LoaderPosition(epoch: 1, index: 1))
    let rest = try original.epoch().map { $0.x.toArray() }
    let resumed = try DataLoader(data, batchSize: 3, shuffle: true, seed: 4)
    try resumed.restore(saved)
    #expect(try resumed.epoch().map { $0.x.toArray() } == rest)
    #expect(throws: DatasetError.self) { try resumed.restore(LoaderPosition(epoch: 0, index: 9)) }
}

@Test func loaderStacksLabels() throws {
    let root = try makeTemporaryFolder("loader")
    for label in ["p", "q"] {
        try saveAudio(Tensor.zeros([2000]), "\(root)/\(label)/0.wav", rate: 22050)
    }
    let data = try AudioFolder(root: root, seq: 5, nMels: 8, cache: makeTemporaryFolder("cache"))
    let batch = try #require(try DataLoader(data, batchSize: 2).next())
    #expect(batch.x.shape == [2, 5, 8])
    #expect(batch.label?.shape == [2])
    #expect(batch.label?.toInt64Array() == [0, 1])
}

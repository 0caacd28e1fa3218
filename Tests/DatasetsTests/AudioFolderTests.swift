import Foundation
import Tensors
import Testing

@testable import Datasets

/// Creates a dataset root with labels "a" and "b", three short clips each,
/// in mixed formats and rates.
private func makeFolder() throws -> String {
    let root = try makeTemporaryFolder("folder")
    for (label, hz) in [("b", 880.0), ("a", 220.0)] {
        for (index, ext) in ["wav", "flac", "au"].enumerated() {
            let rate = index == 1 ? 44100 : 22050
            let wave = try tone(hz: hz * Double(index + 1), rate: rate, frames: rate / 2)
            try saveAudio(wave, "\(root)/\(label)/clip\(index).\(ext)", rate: rate)
        }
    }
    return root
}

@Test func audioFolderItemsAndLabels() throws {
    let root = try makeFolder()
    let cache = try makeTemporaryFolder("cache")
    let data = try AudioFolder(root: root, seq: 20, nMels: 16, cache: cache)
    #expect(data.labels == ["a", "b"])
    #expect(data.count == 6)
    #expect(data.warnings.isEmpty, "\(data.warnings)")
    let record = try data.item(4)
    #expect(record.x.shape == [20, 16])
    #expect(record.x === record.y)
    #expect(record.label?.dtype == .i64)
    #expect(record.label?.shape == [])
    #expect(record.label?.toInt64Array() == [1])
    var sum = 0.0
    var squares = 0.0
    for i in 0..<record.x.count {
        sum += Double(record.x.floats[i])
        squares += Double(record.x.floats[i] * record.x.floats[i])
    }
    let mean = sum / 320
    #expect(abs(mean) < 1e-4, "mean \(mean)")
    #expect(abs((squares - 320 * mean * mean) / 319 - 1) < 1e-3, "variance")
    let batch = try data.batch(1, 3)
    #expect(batch.shape == [3, 20, 16])
}

@Test func secondPassHitsCacheForEveryFile() throws {
    let root = try makeFolder()
    let cache = try makeTemporaryFolder("cache")
    let first = try AudioFolder(root: root, seq: 20, nMels: 16, cache: cache)
    #expect(first.cacheMisses == 6)
    #expect(first.cacheHits == 0)
    let second = try AudioFolder(root: root, seq: 20, nMels: 16, cache: cache)
    #expect(second.cacheHits == 6)
    #expect(second.cacheMisses == 0)
    for i in 0..<second.count { _ = try second.item(i) }
    let other = try AudioFolder(root: root, seq: 20, nMels: 32, cache: cache)
    #expect(other.cacheMisses == 6, "a changed option must miss")
}

@Test func unreadableFilesAreSkippedWithWarnings() throws {
    let root = try makeFolder()
    let cache = try makeTemporaryFolder("cache")
    FileManager.default.createFile(atPath: root + "/a/empty.wav", contents: Data())
    FileManager.default.createFile(
        atPath: root + "/a/notes.wav", contents: Data("not audio\n".utf8))
    try saveAudio(tone(hz: 440, rate: 22050, frames: 22050), root + "/b/whole.wav", rate: 22050)
    let whole = try Data(contentsOf: URL(fileURLWithPath: root + "/b/whole.wav"))
    try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: root + "/b/truncated.wav"))
    try FileManager.default.removeItem(atPath: root + "/b/whole.wav")
    var received: [String] = []
    let data = try AudioFolder(root: root, seq: 20, nMels: 16, cache: cache) { received.append($0) }
    #expect(data.count == 6)
    #expect(data.skipped.count == 3)
    #expect(received.count == 3)
    for name in ["empty.wav", "notes.wav", "truncated.wav"] {
        #expect(received.filter { $0.contains(name) }.count == 1, "one warning for \(name)")
    }
    #expect(data.warnings == received)
}

@Test func truncatedDataChunkIsReported() throws {
    let folder = try makeTemporaryFolder("truncated")
    try saveAudio(tone(hz: 440, rate: 22050, frames: 22050), folder + "/whole.wav", rate: 22050)
    let whole = try Data(contentsOf: URL(fileURLWithPath: folder + "/whole.wav"))
    try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: folder + "/half.wav"))
    #expect(throws: DatasetError.self) { try loadAudio(folder + "/half.wav") }
}

@Test func splitsPartitionEachLabel() throws {
    let root = try makeTemporaryFolder("splits")
    for label in ["x", "y"] {
        for i in 0..<10 {
            try saveAudio(Tensor.zeros([800]), "\(root)/\(label)/\(i).wav", rate: 22050)
        }
    }
    let cache = try makeTemporaryFolder("cache")
    let parts = try [DataSplit.train, .val, .test].map { split in
        try AudioFolder(root: root, seq: 4, nMels: 8, split: split, seed: 3, cache: cache)
    }
    #expect(parts.map(\.count) == [14, 4, 2])
    let files = parts.flatMap(\.files)
    #expect(Set(files).count == 20)
    let again = try AudioFolder(root: root, seq: 4, nMels: 8, split: .val, seed: 3, cache: cache)
    #expect(again.files == parts[1].files)
    let silent = try parts[0].item(0)
    #expect(
        (0..<silent.x.count).allSatisfy { silent.x.floats[$0] == 0 }, "a silent crop gives zeros")
}

@Test func splitFileSelectsListedFiles() throws {
    let root = try makeFolder()
    let cache = try makeTemporaryFolder("cache")
    let list = root + "/../split-\(UUID().uuidString).txt"
    try "train a/clip0.wav\ntrain b/clip1.wav\ntest a/clip2.wav\nval b/clip0.wav\n"
        .write(toFile: list, atomically: true, encoding: .utf8)
    let train = try gtzan(
        root: root, splitFile: list, split: .train, seq: 10, nMels: 8, cache: cache)
    #expect(train.files.map { ($0 as NSString).lastPathComponent } == ["clip0.wav", "clip1.flac"])
    #expect(train.fileLabels == [0, 1])
    let test = try gtzan(root: root, splitFile: list, split: .test, seq: 10, nMels: 8, cache: cache)
    #expect(test.files.map { ($0 as NSString).lastPathComponent } == ["clip2.au"])
}

@Test func splitFolderReadsPublishedLists() throws {
    let root = try makeFolder()
    let cache = try makeTemporaryFolder("cache")
    let lists = try makeTemporaryFolder("lists")
    try "a/clip0.wav\nb/clip0.wav\n".write(
        toFile: lists + "/train_filtered.txt", atomically: true, encoding: .utf8)
    try "a/clip1.wav\n".write(
        toFile: lists + "/valid_filtered.txt", atomically: true, encoding: .utf8)
    try "b/clip2.wav\nb/missing.wav\n".write(
        toFile: lists + "/test_filtered.txt", atomically: true, encoding: .utf8)
    var warnings: [String] = []
    let val = try gtzan(
        root: root, splitFile: lists, split: .val, seq: 10, nMels: 8, cache: cache
    ) { warnings.append($0) }
    #expect(val.files.map { ($0 as NSString).lastPathComponent } == ["clip1.flac"])
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains("1 listed files") == true, "\(warnings)")
    let all = try gtzan(root: root, splitFile: lists, seq: 10, nMels: 8, cache: cache)
    #expect(all.count == 4)
    let empty = try makeTemporaryFolder("nolists")
    #expect(throws: DatasetError.self) {
        try gtzan(root: root, splitFile: empty, seq: 10, nMels: 8, cache: cache)
    }
}

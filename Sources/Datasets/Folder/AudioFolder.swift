import Foundation
import Tensors

/// A part of a folder dataset: everything, or the train, validation or test split.
public enum DataSplit: String, Sendable, CaseIterable {
    case all, train, val, test
}

/// Checks that `fractions` are three non-negative train, val and test shares summing to 1.
func validateFractions(_ fractions: [Double]) throws {
    let total = fractions.reduce(0, +)
    guard fractions.count == 3, fractions.allSatisfy({ $0 >= 0 }), abs(total - 1) < 1e-6 else {
        throw DatasetError.invalidOption(
            name: "fractions",
            message: "expected three non-negative shares (train, val, test) that sum to 1, "
                + "got \(fractions)")
    }
}

/// Audio clips laid out as `root/<label>/<file>`, as mel features.
///
/// Labels are the folder names sorted by name. Each clip is decoded once (any
/// format libsndfile reads) and mixed down to mono by the mean. It is then
/// resampled to `rate`, turned into a mel spectrogram in dB ([frames, nMels])
/// and cached on disk, so later epochs and runs read only the cache. A file that
/// cannot be decoded is skipped with one warning naming it.
///
/// Item i is (x, y, label): x = y = a random crop of `seq` frames (zero
/// padded at the end when the clip is shorter), [seq, nMels], standardised
/// over the crop as (m − mean) / (std + 1e-6) with the unbiased std; a
/// silent crop gives zeros. `label` is an i64 scalar.
public final class AudioFolder: Dataset {
    public let root: String
    public let rate: Int
    public let seq: Int
    public let nMels: Int
    public let split: DataSplit
    /// Class names, sorted; label i is `labels[i]`.
    public let labels: [String]
    /// Paths of the usable clips of this split, in order.
    public private(set) var files: [String] = []
    /// Label index of each entry of `files`.
    public private(set) var fileLabels: [Int] = []
    /// Files that could not be decoded, with the reason.
    public private(set) var skipped: [(path: String, reason: String)] = []
    /// Warnings raised while building the dataset, in order.
    public private(set) var warnings: [String] = []
    /// Clips whose features came from the cache, and clips decoded afresh.
    public internal(set) var cacheHits = 0
    public internal(set) var cacheMisses = 0

    let cache: FeatureCache
    let melOptions: MelOptions
    private var entries: [(key: String, frames: Int)] = []
    private let cropStream: RandomStream
    private let lock = NSLock()

    /// Scans `root`, picks the split and computes or loads every clip's features.
    ///
    /// - Parameters:
    ///   - rate: sample rate in Hz that every clip is resampled to.
    ///   - seq: frames per item.
    ///   - fractions: train, validation and test shares of each label's files.
    ///   - seed: seeds the split and the crops.
    ///   - splitFile: a text file of `<train|val|test> <path relative to root>`
    ///     lines, or a folder of per-split lists such as GTZAN's published
    ///     `train_filtered.txt`, `valid_filtered.txt` and `test_filtered.txt`.
    ///     When given it replaces `fractions`. Extensions are ignored when
    ///     matching, so a list of .wav names selects .au files.
    ///   - cache: folder for cached features; nil uses `$XDG_CACHE_HOME/mfs`
    ///     or `~/.cache/mfs`.
    public init(
        root: String, rate: Int = 22050, seq: Int = 200, nMels: Int = 64,
        split: DataSplit = .all, fractions: [Double] = [0.7, 0.15, 0.15],
        seed: UInt64 = 0, splitFile: String? = nil, cache: String? = nil,
        warn: WarningHandler? = nil
    ) throws {
        self.root = root
        self.rate = rate
        self.seq = seq
        self.nMels = nMels
        self.split = split
        try AudioFolder.validate(rate: rate, seq: seq, nMels: nMels, fractions: fractions)
        var options = MelOptions()
        options.sampleRate = rate
        options.nMels = nMels
        melOptions = options
        let mel = try MelSpectrogram(options, warn: warn)
        self.cache = try FeatureCache(directory: cache)
        cropStream = RandomStream(seed: seed ^ 0x5EED_C0DE)
        let listing = try AudioFolder.scan(root: root)
        labels = listing.labels
        var note: (String) -> Void = { _ in }
        var collected: [String] = []
        note = { message in
            collected.append(message)
            warn?(message)
        }
        let chosen = try AudioFolder.select(
            listing, split: split, fractions: fractions, seed: seed, splitFile: splitFile,
            warn: note)
        let outcomes = loadFeatures(chosen.map(\.0), mel: mel)
        for ((path, label), outcome) in zip(chosen, outcomes) {
            switch outcome {
            case .success(let entry):
                files.append(path)
                fileLabels.append(label)
                entries.append((entry.key, entry.frames))
                if entry.cached { cacheHits += 1 } else { cacheMisses += 1 }
            case .failure(let error):
                skipped.append((path, "\(error)"))
                note("skipping \(path): \(error)")
            }
        }
        warnings = collected
        guard !files.isEmpty else {
            throw DatasetError.invalidFolder(
                path: root,
                message: "none of the \(chosen.count) files of split '\(split.rawValue)' "
                    + "could be decoded as audio; add readable audio files under root/<label>/")
        }
    }

    static func validate(rate: Int, seq: Int, nMels: Int, fractions: [Double]) throws {
        guard rate > 0 else {
            throw DatasetError.invalidOption(name: "rate", message: "must be positive, got \(rate)")
        }
        guard seq >= 1 else {
            throw DatasetError.invalidOption(name: "seq", message: "must be at least 1, got \(seq)")
        }
        guard nMels >= 1 else {
            throw DatasetError.invalidOption(
                name: "n_mels", message: "must be at least 1, got \(nMels)")
        }
        try validateFractions(fractions)
    }

    public var count: Int { files.count }

    public func item(_ index: Int) throws -> Record {
        guard index >= 0, index < files.count else {
            throw DatasetError.invalidOption(
                name: "index", message: "\(index) is outside 0..<\(files.count)")
        }
        let entry = entries[index]
        lock.lock()
        let start = entry.frames > seq ? cropStream.nextInt(below: entry.frames - seq) : 0
        lock.unlock()
        let length = min(seq, entry.frames)
        let values = try cache.read(key: entry.key, start: start, length: length, bands: nMels)
        let x = try Tensor(shape: [seq, nMels])
        for i in 0..<values.count { x.floats[i] = values[i] }
        AudioFolder.standardise(x)
        let label = try Tensor(int64: [Int64(fileLabels[index])], shape: [])
        return Record(x: x, y: x, label: label)
    }

    /// (m − mean) / (std + 1e-6) in place, with the unbiased std (0 for one value).
    static func standardise(_ x: Tensor) {
        let count = x.count
        guard count > 0 else { return }
        var sum = 0.0
        for i in 0..<count { sum += Double(x.floats[i]) }
        let mean = sum / Double(count)
        var squares = 0.0
        for i in 0..<count {
            let d = Double(x.floats[i]) - mean
            squares += d * d
        }
        let std = count > 1 ? (squares / Double(count - 1)).squareRoot() : 0
        for i in 0..<count { x.floats[i] = Float((Double(x.floats[i]) - mean) / (std + 1e-6)) }
    }
}

/// Opens the GTZAN genre collection (`root/<genre>/<clip>`, 22050 Hz mono AU)
/// as an `AudioFolder`. `splitFile` lists the files of each split.
public func gtzan(
    root: String, splitFile: String? = nil, split: DataSplit = .all,
    seq: Int = 200, nMels: Int = 64, seed: UInt64 = 0, cache: String? = nil,
    warn: WarningHandler? = nil
) throws -> AudioFolder {
    try AudioFolder(
        root: root, rate: 22050, seq: seq, nMels: nMels, split: split, seed: seed,
        splitFile: splitFile, cache: cache, warn: warn)
}

import Tensors

/// Fixed-length windows of chosen EEG channels, labelled from annotations.
///
/// Shapes: each x = y is [window, C] in physical units, C = channels.
/// With `labels` (or annotations with a duration in the file), window i
/// gets the class of the annotation whose interval [onset, onset +
/// duration) contains the window's midpoint. Windows that no such
/// annotation covers are left out. A file with no usable annotations gives
/// every window, unlabelled, and so does `labels: []`. Times follow the record
/// time stamps, so windows of discontinuous (EDF+D) files line up with their
/// annotations. Windows that overlap an annotation whose text starts with
/// one of the `reject` prefixes (case-insensitive, as "BAD" marks artefacts
/// in MNE) are left out.
///
/// `split` keeps one contiguous stretch of the windows in time order: the
/// first `fractions[0]` of them are train, the next `fractions[1]` val and
/// the rest test. Held-out windows overlap the training ones only at the two
/// cuts, and only when `stride` < `window`. With `standardize`, each channel
/// becomes (v − mean) / std, where mean and population std come from the
/// samples the train windows cover whichever split is kept. So every split
/// shares one scale. A flat channel keeps std 1.
public final class EEGWindows: Dataset {
    public let channels: [String]
    /// Samples per window and between window starts.
    public let window: Int
    public let stride: Int
    public let sampleRate: Double
    /// Class names, label i is `labels[i]`.
    public let labels: [String]
    /// Start sample and label (−1 when unlabelled) of each window.
    public let windows: [(start: Int, label: Int)]
    public let split: DataSplit
    /// Samples per channel in the recording.
    public let length: Int
    /// Per-channel offset and scale taken off every sample: 0 and 1 unless
    /// standardised.
    public let channelMean: [Float]
    public let channelStd: [Float]
    private let signal: [[Float]]

    public init(
        file: EDFFile, channels: [String]? = nil, window: Int, stride: Int? = nil,
        labels: [String]? = nil, reject: [String] = [], split: DataSplit = .all,
        fractions: [Double] = [0.8, 0.1, 0.1], standardize: Bool = false
    ) throws {
        try validateFractions(fractions)
        let stride = stride ?? window
        guard window >= 1 else {
            throw DatasetError.invalidOption(
                name: "window", message: "must be at least 1 sample, got \(window)")
        }
        guard stride >= 1 else {
            throw DatasetError.invalidOption(
                name: "stride", message: "must be at least 1 sample, got \(stride)")
        }
        let measured = file.signals.enumerated().filter { !$0.element.isAnnotation }
        let names = channels ?? measured.map { $0.element.label }
        var indices: [Int] = []
        for name in names {
            guard let index = file.signalIndex(named: name), !file.signals[index].isAnnotation
            else {
                throw DatasetError.invalidOption(
                    name: "channels",
                    message: "no signal named '\(name)' in \(file.path); "
                        + "available: \(measured.map { $0.element.label })")
            }
            indices.append(index)
        }
        guard let first = indices.first else {
            let message = channels == nil
                ? "\(file.path) has no measurement signals to window"
                : "the list is empty; name at least one of \(measured.count) signals, or leave channels out for all"
            throw DatasetError.invalidOption(name: "channels", message: message)
        }
        let rate = file.signals[first].sampleRate
        if let other = indices.first(where: { file.signals[$0].sampleRate != rate }) {
            throw DatasetError.invalidOption(
                name: "channels",
                message: "'\(file.signals[other].label)' is sampled at "
                    + "\(file.signals[other].sampleRate) Hz but '\(file.signals[first].label)' "
                    + "at \(rate) Hz; choose channels with one sample rate")
        }
        guard rate.isFinite, rate > 0 else {
            throw DatasetError.invalidOption(
                name: "channels",
                message: "'\(file.signals[first].label)' in \(file.path) has sample rate \(rate) Hz "
                    + "(record duration \(file.recordDuration) s); the header needs a positive record duration")
        }
        self.channels = names
        self.window = window
        self.stride = stride
        self.sampleRate = rate
        signal = try indices.map { try file.physical($0) }
        let length = signal.map(\.count).min() ?? 0
        self.length = length
        let timed = file.annotations.filter { ($0.duration ?? 0) > 0 }
        let classes = labels ?? Array(Set(timed.map(\.text))).sorted()
        self.labels = classes
        // Annotations that can label a window, with their class index, in file order.
        let classIndex = Dictionary(classes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let labelling = timed.compactMap { annotation in
            classIndex[annotation.text].map { (onset: annotation.onset, end: annotation.onset + (annotation.duration ?? 0), label: $0) }
        }
        var chosen: [(start: Int, label: Int)] = []
        var start = 0
        let perRecord = max(file.signals[first].samplesPerRecord, 1)
        let rejected = EEGWindows.annotations(of: file, startingWith: reject)
        var visited = 0
        while window <= length - start {
            defer { start = stride <= length - start ? start + stride : length }
            visited += 1
            if visited % 4096 == 0 { try Interrupt.check() }
            // Windows across a gap of an EDF+D recording are left out.
            guard file.recordsAreContiguous(start / perRecord, (start + window - 1) / perRecord)
            else { continue }
            let begin = file.time(ofSample: start, signal: first)
            let duration = Double(window) / max(rate, 1e-12)
            guard !rejected.contains(where: { EEGWindows.overlaps($0, begin, begin + duration) }) else { continue }
            let midpoint = begin + duration / 2
            if classes.isEmpty {
                chosen.append((start, -1))
            } else if let match = labelling.first(where: { $0.onset <= midpoint && midpoint < $0.end }) {
                chosen.append((start, match.label))
            }
        }
        let parts = EEGWindows.splitBounds(count: chosen.count, fractions: fractions)
        let train = Array(chosen[parts.train])
        windows = split == .all ? chosen : Array(chosen[parts[split]])
        self.split = split
        if standardize {
            let covered = train.isEmpty ? chosen : train
            let moments = signal.map { EEGWindows.moments($0, windows: covered.map(\.start), window: window) }
            channelMean = moments.map(\.mean)
            channelStd = moments.map(\.std)
        } else {
            channelMean = Array(repeating: 0, count: signal.count)
            channelStd = Array(repeating: 1, count: signal.count)
        }
    }

    public var count: Int { windows.count }

    public func item(_ index: Int) throws -> Record {
        guard index >= 0, index < windows.count else {
            throw DatasetError.invalidOption(
                name: "index", message: "\(index) is outside 0..<\(windows.count)")
        }
        let (start, label) = windows[index]
        let x = try Tensor(shape: [window, signal.count], zeroed: false)
        for (c, values) in signal.enumerated() {
            let mean = channelMean[c], std = channelStd[c]
            for t in 0..<window { x.floats[t * signal.count + c] = (values[start + t] - mean) / std }
        }
        let labelTensor = label >= 0 ? try Tensor(int64: [Int64(label)], shape: []) : nil
        return Record(x: x, y: x, label: labelTensor)
    }
}

/// Windows of `channels` of an EDF/BDF file, `window` samples long every
/// `stride` samples, labelled from its annotations; see `EEGWindows`.
public func eegWindows(
    _ path: String, channels: [String]? = nil, window: Int, stride: Int? = nil,
    labels: [String]? = nil, reject: [String] = [], split: DataSplit = .all,
    fractions: [Double] = [0.8, 0.1, 0.1], standardize: Bool = false
) throws -> EEGWindows {
    try EEGWindows(
        file: EDFFile(path: path), channels: channels, window: window, stride: stride,
        labels: labels, reject: reject, split: split, fractions: fractions, standardize: standardize)
}

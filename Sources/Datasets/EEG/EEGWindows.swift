import Tensors

/// Fixed-length windows of chosen EEG channels, labelled from annotations.
///
/// Shapes: each x = y is [window, C] in physical units, C = channels.
/// With `labels` (or annotations with a duration in the file), window i
/// gets the class of the annotation whose interval [onset, onset +
/// duration) contains the window's midpoint. Windows that no such
/// annotation covers are left out. A file with no usable annotations gives
/// every window, unlabelled. Times follow the record time stamps, so windows
/// of discontinuous (EDF+D) files line up with their annotations.
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
    private let signal: [[Float]]

    public init(
        file: EDFFile, channels: [String]? = nil, window: Int, stride: Int? = nil,
        labels: [String]? = nil
    ) throws {
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
            throw DatasetError.invalidOption(
                name: "channels", message: "\(file.path) has no measurement signals to window")
        }
        let rate = file.signals[first].sampleRate
        if let other = indices.first(where: { file.signals[$0].sampleRate != rate }) {
            throw DatasetError.invalidOption(
                name: "channels",
                message: "'\(file.signals[other].label)' is sampled at "
                    + "\(file.signals[other].sampleRate) Hz but '\(file.signals[first].label)' "
                    + "at \(rate) Hz; choose channels with one sample rate")
        }
        self.channels = names
        self.window = window
        self.stride = stride
        self.sampleRate = rate
        signal = try indices.map { try file.physical($0) }
        let length = signal[0].count
        let timed = file.annotations.filter { ($0.duration ?? 0) > 0 }
        let classes = labels ?? Array(Set(timed.map(\.text))).sorted()
        self.labels = classes
        var chosen: [(Int, Int)] = []
        var start = 0
        let perRecord = max(file.signals[first].samplesPerRecord, 1)
        while window <= length - start {
            defer { start = stride <= length - start ? start + stride : length }
            // Windows across a gap of an EDF+D recording are left out.
            guard file.recordsAreContiguous(start / perRecord, (start + window - 1) / perRecord)
            else { continue }
            let midpoint =
                file.time(ofSample: start, signal: first) + Double(window) / 2 / max(rate, 1e-12)
            if classes.isEmpty {
                chosen.append((start, -1))
            } else if let match = timed.first(where: { annotation in
                classes.contains(annotation.text) && annotation.onset <= midpoint
                    && midpoint < annotation.onset + (annotation.duration ?? 0)
            }), let label = classes.firstIndex(of: match.text) {
                chosen.append((start, label))
            }
        }
        windows = chosen
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
            for t in 0..<window { x.floats[t * signal.count + c] = values[start + t] }
        }
        let labelTensor = label >= 0 ? try Tensor(int64: [Int64(label)], shape: []) : nil
        return Record(x: x, y: x, label: labelTensor)
    }
}

/// Windows of `channels` of an EDF/BDF file, `window` samples long every
/// `stride` samples, labelled from its annotations; see `EEGWindows`.
public func eegWindows(
    _ path: String, channels: [String]? = nil, window: Int, stride: Int? = nil,
    labels: [String]? = nil
) throws -> EEGWindows {
    try EEGWindows(
        file: EDFFile(path: path), channels: channels, window: window, stride: stride,
        labels: labels)
}

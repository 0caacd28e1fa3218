import Foundation

/// One signal of an EDF or BDF file, as its header describes it.
public struct EDFSignal: Sendable {
    public let label: String
    public let transducer: String
    /// Physical unit, such as "uV".
    public let physicalDimension: String
    public let physicalMinimum: Double
    public let physicalMaximum: Double
    public let digitalMinimum: Int
    public let digitalMaximum: Int
    public let prefiltering: String
    public let samplesPerRecord: Int
    /// Samples per second, samplesPerRecord / record duration.
    public let sampleRate: Double

    /// Whether this is the EDF+ (or BDF+) annotation channel rather than a measurement.
    public var isAnnotation: Bool {
        label == "EDF Annotations" || label == "BDF Annotations"
    }
}

/// An EDF+ annotation: an onset in seconds from the start of the recording,
/// an optional duration in seconds and its text.
public struct EDFAnnotation: Equatable, Sendable {
    public let onset: Double
    public let duration: Double?
    public let text: String

    public init(onset: Double, duration: Double?, text: String) {
        self.onset = onset
        self.duration = duration
        self.text = text
    }
}

/// A European Data Format recording: EDF (16-bit), EDF+, BDF (24-bit) or BDF+.
///
/// The whole file is read at once. `physical(_:)` scales a signal's digital
/// samples linearly so that the digital minimum and maximum map onto the
/// physical ones. Annotations come from every "EDF Annotations" signal's
/// time-stamped annotation lists (TALs), without the per-record time stamps.
public final class EDFFile {
    public enum Format: String, Sendable { case edf, edfPlus, bdf, bdfPlus }

    public let path: String
    public let format: Format
    public let patient: String
    public let recording: String
    /// Start date and time as written in the header ("dd.mm.yy", "hh.mm.ss").
    public let startDate: String
    public let startTime: String
    public let recordCount: Int
    /// Seconds per data record.
    public let recordDuration: Double
    public let signals: [EDFSignal]
    public private(set) var annotations: [EDFAnnotation] = []
    /// One message per malformed annotation list that was skipped while reading.
    public private(set) var annotationWarnings: [String] = []
    /// Start time of each data record in seconds from the recording start,
    /// from the EDF+ time stamps; EDF+D files may have gaps between records.
    public private(set) var recordOnsets: [Double] = []

    let data: Data
    let headerSize: Int
    let bytesPerSample: Int
    /// Byte offset of each signal inside a record, and the record size.
    let signalOffsets: [Int]
    let recordSize: Int

    /// Reads and checks the header, then parses the annotations.
    public init(path: String) throws {
        self.path = path
        guard let contents = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw DatasetError.invalidFile(
                path: path,
                message: exists ? "cannot read the file" : "file not found; check the path")
        }
        data = contents
        var header = EDFHeaderReader(data: contents, path: path)
        let header0 = try header.fixedHeader()
        format = header0.format
        patient = header0.patient
        recording = header0.recording
        startDate = header0.startDate
        startTime = header0.startTime
        recordDuration = header0.recordDuration
        headerSize = header0.headerSize
        bytesPerSample = format == .bdf || format == .bdfPlus ? 3 : 2
        signals = try header.signals(
            count: header0.signalCount, recordDuration: header0.recordDuration)
        var offsets: [Int] = []
        var size = 0
        for signal in signals {
            offsets.append(size)
            size += signal.samplesPerRecord * bytesPerSample
        }
        signalOffsets = offsets
        recordSize = size
        recordCount = try EDFFile.checkLength(
            path: path, fileSize: contents.count, headerSize: headerSize,
            recordSize: size, announced: header0.recordCount)
        (annotations, recordOnsets, annotationWarnings) = try parseAnnotations()
    }

    /// Returns the record count after checking it against the file size.
    static func checkLength(
        path: String, fileSize: Int, headerSize: Int, recordSize: Int, announced: Int
    ) throws -> Int {
        guard recordSize > 0 else {
            throw DatasetError.invalidFile(
                path: path, message: "the signals have 0 samples per record; the header is damaged")
        }
        let available = fileSize - headerSize
        if announced == -1 {
            guard available % recordSize == 0 else {
                throw DatasetError.invalidFile(
                    path: path,
                    message: "\(available) data bytes are not a whole number of \(recordSize)-byte "
                        + "records; the file is truncated")
            }
            return available / recordSize
        }
        let data = announced.multipliedReportingOverflow(by: recordSize)
        let total = data.partialValue.addingReportingOverflow(headerSize)
        let valid = announced >= 0 && !data.overflow && !total.overflow
        guard valid, total.partialValue == fileSize else {
            let expected = valid ? "\(total.partialValue) bytes" : "more bytes than fit in memory"
            throw DatasetError.invalidFile(
                path: path,
                message: "the header announces \(announced) records of \(recordSize) bytes after a "
                    + "\(headerSize)-byte header (\(expected)), but the file has \(fileSize) "
                    + "bytes; the file is truncated or the header's record count or samples "
                    + "per record are wrong")
        }
        return announced
    }

    /// Returns the time in seconds of sample `index` of `signal`, following
    /// the record time stamps.
    public func time(ofSample index: Int, signal: Int) -> Double {
        let perRecord = max(signals[signal].samplesPerRecord, 1)
        let record = min(index / perRecord, max(recordOnsets.count - 1, 0))
        let onset = recordOnsets.isEmpty ? 0 : recordOnsets[record]
        let rate = signals[signal].sampleRate
        return onset + (rate > 0 ? Double(index - record * perRecord) / rate : 0)
    }

    /// Returns whether records `first...last` follow each other without a gap.
    public func recordsAreContiguous(_ first: Int, _ last: Int) -> Bool {
        guard first >= 0, last < recordOnsets.count, first < last else { return true }
        for r in first..<last
        where abs(recordOnsets[r + 1] - recordOnsets[r] - recordDuration) > 1e-6 {
            return false
        }
        return true
    }

    /// Index of the signal labelled `label` (surrounding spaces ignored).
    public func signalIndex(named label: String) -> Int? {
        signals.firstIndex { $0.label == label.trimmingCharacters(in: .whitespaces) }
    }

    /// Digital samples of `signal`, all records in order.
    public func digital(_ signal: Int) throws -> [Int32] {
        guard signal >= 0, signal < signals.count else {
            throw DatasetError.invalidOption(
                name: "signal", message: "\(signal) is outside 0..<\(signals.count)")
        }
        let perRecord = signals[signal].samplesPerRecord
        var result = [Int32](repeating: 0, count: perRecord * recordCount)
        data.withUnsafeBytes { raw in
            for r in 0..<recordCount {
                let base = headerSize + r * recordSize + signalOffsets[signal]
                for i in 0..<perRecord {
                    result[r * perRecord + i] = sample(raw, at: base + i * bytesPerSample)
                }
            }
        }
        return result
    }

    private func sample(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Int32 {
        let b0 = Int32(raw[offset])
        let b1 = Int32(raw[offset + 1])
        if bytesPerSample == 2 { return Int32(Int16(truncatingIfNeeded: b0 | b1 << 8)) }
        let b2 = Int32(raw[offset + 2])
        let unsigned = b0 | b1 << 8 | b2 << 16
        return unsigned >= 1 << 23 ? unsigned - (1 << 24) : unsigned
    }

    /// Converts `signal` to physical values:
    /// (d − digitalMin)·(physMax − physMin)/(digitalMax − digitalMin) + physMin.
    public func physical(_ signal: Int) throws -> [Float] {
        let s = signals[signal]
        let span = Double(s.digitalMaximum - s.digitalMinimum)
        let gain = span == 0 ? 0 : (s.physicalMaximum - s.physicalMinimum) / span
        let floatMax = Double(Float.greatestFiniteMagnitude)
        guard gain != 0, gain.isFinite, abs(s.physicalMinimum) <= floatMax, abs(s.physicalMaximum) <= floatMax else {
            throw DatasetError.invalidFile(
                path: path,
                message: "signal '\(s.label)' cannot be scaled: digital range \(s.digitalMinimum)...\(s.digitalMaximum), "
                    + "physical range \(s.physicalMinimum)...\(s.physicalMaximum); the header needs distinct "
                    + "minimum and maximum values, with physical ones within float32 range")
        }
        let values = try digital(signal)
        return values.map {
            Float((Double($0) - Double(s.digitalMinimum)) * gain + s.physicalMinimum)
        }
    }
}

/// Reads an EDF, EDF+, BDF or BDF+ file.
public func readEDF(_ path: String) throws -> EDFFile { try EDFFile(path: path) }

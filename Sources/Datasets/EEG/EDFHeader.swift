import Foundation

/// The fixed 256-byte part of an EDF header.
struct EDFFixedHeader {
    let format: EDFFile.Format
    let patient: String
    let recording: String
    let startDate: String
    let startTime: String
    let headerSize: Int
    let recordCount: Int
    let recordDuration: Double
    let signalCount: Int
}

/// Sequential reader of the ASCII fields of an EDF header.
struct EDFHeaderReader {
    let data: Data
    let path: String
    var offset = 0

    init(data: Data, path: String) {
        self.data = data
        self.path = path
    }

    mutating func text(_ length: Int, field: String) throws -> String {
        guard offset + length <= data.count else {
            throw DatasetError.invalidFile(
                path: path,
                message: "the file ends inside the header field '\(field)' at byte \(offset); "
                    + "it is truncated or not an EDF/BDF file")
        }
        let bytes = data[(data.startIndex + offset)..<(data.startIndex + offset + length)]
        offset += length
        return String(decoding: bytes.map { $0 >= 32 && $0 < 127 ? $0 : 32 }, as: UTF8.self)
            .trimmingCharacters(in: .whitespaces)
    }

    mutating func integer(_ length: Int, field: String) throws -> Int {
        let value = try text(length, field: field)
        guard let number = Int(value) else {
            throw DatasetError.invalidFile(
                path: path, message: "header field '\(field)' is '\(value)', expected an integer")
        }
        return number
    }

    mutating func number(_ length: Int, field: String) throws -> Double {
        let value = try text(length, field: field)
        guard let number = Double(value), number.isFinite else {
            throw DatasetError.invalidFile(
                path: path, message: "header field '\(field)' is '\(value)', expected a number")
        }
        return number
    }

    mutating func fixedHeader() throws -> EDFFixedHeader {
        guard data.count >= 256 else {
            throw DatasetError.invalidFile(
                path: path,
                message: "has \(data.count) bytes, fewer than the 256-byte EDF header; "
                    + "it is truncated or not an EDF/BDF file")
        }
        let isBDF = data[data.startIndex] == 0xFF
        let version = try text(8, field: "version")
        guard isBDF || version == "0" else {
            throw DatasetError.invalidFile(
                path: path,
                message: "version field is '\(version)', expected '0' (EDF) or 0xFF BIOSEMI (BDF)")
        }
        let patient = try text(80, field: "patient")
        let recording = try text(80, field: "recording")
        let startDate = try text(8, field: "start date")
        let startTime = try text(8, field: "start time")
        let headerSize = try integer(8, field: "header bytes")
        let reserved = try text(44, field: "reserved")
        let recordCount = try integer(8, field: "number of data records")
        let recordDuration = try number(8, field: "duration of a data record")
        let signalCount = try integer(4, field: "number of signals")
        guard signalCount >= 1, signalCount <= 65535 else {
            throw DatasetError.invalidFile(
                path: path, message: "number of signals is \(signalCount), expected 1 to 65535")
        }
        guard headerSize == 256 * (signalCount + 1) else {
            throw DatasetError.invalidFile(
                path: path,
                message: "header bytes field is \(headerSize) but \(signalCount) signals need "
                    + "\(256 * (signalCount + 1)); fix the header bytes or number of signals field")
        }
        guard recordDuration >= 0 else {
            throw DatasetError.invalidFile(
                path: path, message: "record duration is \(recordDuration) s, expected >= 0")
        }
        let plus = reserved.hasPrefix("EDF+") || reserved.hasPrefix("BDF+")
        let format: EDFFile.Format
        if isBDF {
            format = plus ? .bdfPlus : .bdf
        } else {
            format = plus ? .edfPlus : .edf
        }
        return EDFFixedHeader(
            format: format, patient: patient, recording: recording, startDate: startDate,
            startTime: startTime, headerSize: headerSize, recordCount: recordCount,
            recordDuration: recordDuration, signalCount: signalCount)
    }

    /// Reads the per-signal fields, which the header stores field by field for all signals in turn.
    mutating func signals(count: Int, recordDuration: Double) throws -> [EDFSignal] {
        func column(_ length: Int, _ field: String) throws -> [String] {
            try (0..<count).map { _ in try text(length, field: field) }
        }
        func numbers(_ values: [String], _ field: String) throws -> [Double] {
            try values.enumerated().map { index, value in
                guard let number = Double(value), number.isFinite else {
                    throw DatasetError.invalidFile(
                        path: path,
                        message: "signal \(index) field '\(field)' is '\(value)', expected a number"
                    )
                }
                return number
            }
        }
        let labels = try column(16, "label")
        let transducers = try column(80, "transducer")
        let dimensions = try column(8, "physical dimension")
        let physicalMinimum = try numbers(column(8, "physical minimum"), "physical minimum")
        let physicalMaximum = try numbers(column(8, "physical maximum"), "physical maximum")
        let digitalMinimum = try numbers(column(8, "digital minimum"), "digital minimum")
        let digitalMaximum = try numbers(column(8, "digital maximum"), "digital maximum")
        let prefiltering = try column(80, "prefiltering")
        let samples = try numbers(column(8, "samples per record"), "samples per record")
        _ = try column(32, "reserved")
        return try (0..<count).map { i in
            guard samples[i] >= 0, samples[i] <= 1e8, samples[i] == samples[i].rounded() else {
                throw DatasetError.invalidFile(
                    path: path,
                    message:
                        "signal \(i) has \(samples[i]) samples per record, "
                        + "expected a whole number >= 0"
                )
            }
            guard abs(digitalMinimum[i]) < 1e9, abs(digitalMaximum[i]) < 1e9 else {
                throw DatasetError.invalidFile(
                    path: path,
                    message:
                        "signal \(i) has digital range \(digitalMinimum[i])...\(digitalMaximum[i])")
            }
            let perRecord = Int(samples[i])
            return EDFSignal(
                label: labels[i], transducer: transducers[i], physicalDimension: dimensions[i],
                physicalMinimum: physicalMinimum[i], physicalMaximum: physicalMaximum[i],
                digitalMinimum: Int(digitalMinimum[i]), digitalMaximum: Int(digitalMaximum[i]),
                prefiltering: prefiltering[i], samplesPerRecord: perRecord,
                sampleRate: recordDuration > 0 ? Double(perRecord) / recordDuration : 0)
        }
    }
}

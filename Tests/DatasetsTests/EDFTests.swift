import Foundation
import Tensors
import Testing

@testable import Datasets

/// Pads `text` with spaces to a left-aligned header field of `width` characters.
private func field(_ text: String, _ width: Int) -> String {
    String((text + String(repeating: " ", count: width)).prefix(width))
}

/// Builds an EDF+ file: two 16-bit signals (4 samples per 1 s record) and an
/// annotation channel of 30 samples (60 bytes) per record.
private func makeEDF(
    records: Int, announcedRecords: Int? = nil,
    annotations: [String] = []
) -> Data {
    let labels = ["Fp1", "Fp2", "EDF Annotations"]
    var header = field("0", 8) + field("X X X X", 80) + field("Startdate 01-JAN-2024 X X X", 80)
    header += field("01.01.24", 8) + field("10.00.00", 8) + field("\(256 * 4)", 8)
    header += field("EDF+C", 44) + field("\(announcedRecords ?? records)", 8) + field("1", 8)
    header += field("3", 4)
    header += labels.map { field($0, 16) }.joined()
    header += labels.map { _ in field("AgAgCl electrode", 80) }.joined()
    header += ["uV", "uV", ""].map { field($0, 8) }.joined()
    header += ["-100", "-200", "-1"].map { field($0, 8) }.joined()
    header += ["100", "200", "1"].map { field($0, 8) }.joined()
    header += ["-32768", "-32768", "-32768"].map { field($0, 8) }.joined()
    header += ["32767", "32767", "32767"].map { field($0, 8) }.joined()
    header += labels.map { _ in field("HP:0.1Hz", 80) }.joined()
    header += ["4", "4", "30"].map { field($0, 8) }.joined()
    header += labels.map { _ in field("", 32) }.joined()
    var data = Data(header.utf8)
    for r in 0..<records {
        for signal in 0..<2 {
            for i in 0..<4 {
                let digital = Int16(signal == 0 ? r * 1000 + i * 100 - 32768 : 32767 - i)
                withUnsafeBytes(of: digital.littleEndian) { data.append(contentsOf: $0) }
            }
        }
        var tal = Array("+\(r)\u{14}\u{14}\0".utf8)
        if r < annotations.count { tal += Array(annotations[r].utf8) }
        tal += [UInt8](repeating: 0, count: 60 - tal.count)
        data.append(contentsOf: tal)
    }
    return data
}

@Test func edfReadsPhysicalValues() throws {
    let folder = try makeTemporaryFolder("edf")
    let path = folder + "/small.edf"
    try makeEDF(records: 3).write(to: URL(fileURLWithPath: path))
    let file = try readEDF(path)
    #expect(file.format == .edfPlus)
    #expect(file.recordCount == 3)
    #expect(file.signals.map(\.label) == ["Fp1", "Fp2", "EDF Annotations"])
    #expect(file.signals[0].sampleRate == 4)
    #expect(file.signals[0].physicalDimension == "uV")
    let fp1 = try file.physical(0)
    #expect(fp1.count == 12)
    // Digital −32768 maps to −100 uV; each step of 100 adds 200/65535 · 100 uV.
    let gain = 200.0 / 65535.0
    for r in 0..<3 {
        for i in 0..<4 {
            let expected = Double(r * 1000 + i * 100) * gain - 100
            #expect(abs(Double(fp1[r * 4 + i]) - expected) < 1e-4, "record \(r) sample \(i)")
        }
    }
    let fp2 = try file.physical(1)
    #expect(abs(fp2[0] - 200) < 1e-4)
    #expect(abs(Double(fp2[1]) - (200 - 400.0 / 65535)) < 1e-4)
}

@Test func edfParsesAnnotations() throws {
    let folder = try makeTemporaryFolder("edf")
    let path = folder + "/annotated.edf"
    let talks = ["+0.5\u{15}1.5\u{14}eyes closed\u{14}\0", "+1.25\u{14}blink\u{14}spike\u{14}\0"]
    try makeEDF(records: 3, annotations: talks).write(to: URL(fileURLWithPath: path))
    let file = try readEDF(path)
    #expect(
        file.annotations == [
            EDFAnnotation(onset: 0.5, duration: 1.5, text: "eyes closed"),
            EDFAnnotation(onset: 1.25, duration: nil, text: "blink"),
            EDFAnnotation(onset: 1.25, duration: nil, text: "spike"),
        ])
}

@Test func eegWindowsLabelFromAnnotations() throws {
    let folder = try makeTemporaryFolder("edf")
    let path = folder + "/windows.edf"
    let talks = ["+0\u{15}1\u{14}rest\u{14}\0", "+1\u{15}2\u{14}task\u{14}\0"]
    try makeEDF(records: 3, annotations: talks).write(to: URL(fileURLWithPath: path))
    let windows = try eegWindows(path, channels: ["Fp2", "Fp1"], window: 2, stride: 2)
    #expect(windows.labels == ["rest", "task"])
    #expect(windows.count == 6)
    #expect(windows.windows.map(\.label) == [0, 0, 1, 1, 1, 1])
    let record = try windows.item(1)
    #expect(record.x.shape == [2, 2])
    let file = try readEDF(path)
    let fp1 = try file.physical(0)
    let fp2 = try file.physical(1)
    #expect(record.x.floats[0] == fp2[2])
    #expect(record.x.floats[1] == fp1[2])
    #expect(record.label?.toInt64Array() == [0])
}

@Test func edfRejectsLengthMismatch() throws {
    let folder = try makeTemporaryFolder("edf")
    let path = folder + "/short.edf"
    try makeEDF(records: 2, announcedRecords: 5).write(to: URL(fileURLWithPath: path))
    #expect(throws: DatasetError.self) { try readEDF(path) }
    do {
        _ = try readEDF(path)
    } catch {
        let message = "\(error)"
        #expect(message.contains("announces 5 records"), "\(message)")
        #expect(message.contains("truncated"), "\(message)")
    }
}

@Test func edfRejectsTruncatedHeader() throws {
    let folder = try makeTemporaryFolder("edf")
    let path = folder + "/cut.edf"
    try makeEDF(records: 1).prefix(300).write(to: URL(fileURLWithPath: path))
    #expect(throws: DatasetError.self) { try readEDF(path) }
    try Data().write(to: URL(fileURLWithPath: folder + "/empty.edf"))
    #expect(throws: DatasetError.self) { try readEDF(folder + "/empty.edf") }
}

@Test func bdfReads24BitSamples() throws {
    let folder = try makeTemporaryFolder("bdf")
    let path = folder + "/small.bdf"
    var header = "\u{FF}BIOSEMI" + field("X", 80) + field("X", 80) + field("01.01.24", 8)
    header += field("10.00.00", 8) + field("512", 8) + field("24BIT", 44) + field("1", 8)
    header += field("1", 8) + field("1", 4) + field("Cz", 16) + field("", 80) + field("uV", 8)
    header += field("-8388608", 8) + field("8388607", 8) + field("-8388608", 8)
    header += field("8388607", 8) + field("", 80) + field("2", 8) + field("", 32)
    var data = Data(header.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
    data.append(contentsOf: [0x01, 0x00, 0x00, 0xFF, 0xFF, 0xFF])
    try data.write(to: URL(fileURLWithPath: path))
    let file = try readEDF(path)
    #expect(file.format == .bdf)
    #expect(try file.digital(0) == [1, -1])
    #expect(try file.physical(0) == [1, -1])
}

@Test func discontinuousRecordsUseTimeStamps() throws {
    let folder = try makeTemporaryFolder("edfd")
    let path = folder + "/gaps.edf"
    var data = makeEDF(records: 3, annotations: [])
    // Restamp record 2 to start at 10 s: the third record follows a gap.
    let recordSize = 2 * 4 * 2 + 60
    let stampOffset = 256 * 4 + 2 * recordSize + 16
    let stamp = Array("+10\u{14}\u{14}\0".utf8)
    data.replaceSubrange(stampOffset..<(stampOffset + stamp.count), with: stamp)
    data.replaceSubrange(192..<197, with: Array("EDF+D".utf8))
    try data.write(to: URL(fileURLWithPath: path))
    let file = try readEDF(path)
    #expect(file.recordOnsets == [0, 1, 10])
    #expect(file.time(ofSample: 9, signal: 0) == 10.25)
    #expect(file.recordsAreContiguous(0, 1))
    #expect(!file.recordsAreContiguous(1, 2))
    let windows = try EEGWindows(file: file, window: 4, stride: 2)
    #expect(windows.windows.map(\.start) == [0, 2, 4, 8])
}

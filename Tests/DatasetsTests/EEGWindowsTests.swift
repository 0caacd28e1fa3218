import Foundation
import Testing
import TestSupport

@testable import Datasets

/// Two channels sampled at 4 Hz for `records` seconds: A rises by 3 per sample from −20,
/// B alternates between 10 and 30.
private func writeRecording(records: Int = 3, annotations: [String] = []) throws -> String {
    let path = try makeTemporaryFolder("eeg-windows") + "/recording.edf"
    let builder = EDFBuilder(labels: ["A", "B"], samplesPerRecord: 4, records: records, annotations: annotations) {
        s, t in Int16(s == 0 ? -20 + 3 * t : (t % 2 == 0 ? 10 : 30))
    }
    try builder.data().write(to: URL(fileURLWithPath: path))
    return path
}

@Test func eegWindowsSplitInTimeOrder() throws {
    let path = try writeRecording()
    func starts(_ split: DataSplit) throws -> [Int] {
        try eegWindows(path, window: 2, labels: [], split: split, fractions: [0.5, 0.25, 0.25]).windows.map(\.start)
    }
    #expect(try starts(.all) == [0, 2, 4, 6, 8, 10])
    #expect(try starts(.train) == [0, 2, 4])
    #expect(try starts(.val) == [6, 8])
    #expect(try starts(.test) == [10])
}

@Test func eegWindowsStandardizeWithTrainMoments() throws {
    let path = try writeRecording()
    let options = (fractions: [0.5, 0.25, 0.25], window: 2)
    let train = try eegWindows(
        path, window: options.window, labels: [], split: .train, fractions: options.fractions, standardize: true)
    let test = try eegWindows(
        path, window: options.window, labels: [], split: .test, fractions: options.fractions, standardize: true)
    // Train windows cover samples 0..<6: A = −20, −17, ..., −5 and B = 10, 30, ...
    #expect(abs(train.channelMean[0] - -12.5) < 1e-6)
    #expect(abs(train.channelStd[0] - Float((26.25 as Double).squareRoot())) < 1e-5)
    #expect(train.channelMean[1] == 20)
    #expect(train.channelStd[1] == 10)
    let samples = try (0..<train.count).flatMap { try train.item($0).x.toArray() }
    for channel in 0..<2 {
        let values = stride(from: channel, to: samples.count, by: 2).map { Double(samples[$0]) }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        #expect(abs(mean) < 1e-6)
        #expect(abs(variance - 1) < 1e-5)
    }
    #expect(test.channelMean == train.channelMean)
    #expect(test.channelStd == train.channelStd)
    // Test window 0 starts at sample 10: A = 10, 13.
    let x = try test.item(0).x.toArray()
    #expect(abs(x[0] - (10 - train.channelMean[0]) / train.channelStd[0]) < 1e-6)
    #expect(abs(x[2] - (13 - train.channelMean[0]) / train.channelStd[0]) < 1e-6)
}

@Test func eegMomentsCountOverlappingSamplesOnce() {
    let moments = EEGWindows.moments([0, 1, 2, 3, 100], windows: [1, 0], window: 2)
    #expect(abs(moments.mean - 1) < 1e-6)
    #expect(abs(moments.std - Float((2.0 / 3).squareRoot())) < 1e-6)
    let flat = EEGWindows.moments([5, 5, 5], windows: [0], window: 3)
    #expect(flat.mean == 5)
    #expect(flat.std == 1)
}

@Test func eegWindowsRejectAnnotatedStretches() throws {
    let bad = EDFBuilder.annotation("BAD_blink", onset: 0, duration: 1)
    let path = try writeRecording(annotations: [bad])
    let clean = try eegWindows(path, window: 2, labels: [], reject: ["bad"])
    #expect(clean.windows.map(\.start) == [4, 6, 8, 10])
    let all = try eegWindows(path, window: 2, labels: [], reject: ["artefact"])
    #expect(all.count == 6)
}

@Test func eegWindowsRejectBadFractions() throws {
    let path = try writeRecording()
    do {
        _ = try eegWindows(path, window: 2, split: .train, fractions: [0.5, 0.6, 0.1])
        Issue.record("fractions summing to 1.2 were accepted")
    } catch {
        #expect("\(error)".contains("fractions"))
        #expect("\(error)".contains("sum to 1"))
    }
}

@Test func eegWindowsRejectZeroRecordDuration() throws {
    var builder = EDFBuilder(labels: ["A", "B"], samplesPerRecord: 4, records: 3) { _, t in Int16(t) }
    builder.recordDuration = "0"
    let path = try makeTemporaryFolder("eeg-windows") + "/no-duration.edf"
    try builder.data().write(to: URL(fileURLWithPath: path))
    do {
        _ = try eegWindows(path, window: 2, labels: [])
        Issue.record("a recording with 0 s records was accepted")
    } catch {
        #expect("\(error)".contains("positive record duration"))
    }
}

@Test func edfRejectsPhysicalRangeBeyondFloat32() throws {
    var builder = EDFBuilder(labels: ["A"], samplesPerRecord: 4, records: 2) { _, t in Int16(t) }
    builder.physicalRange = ("-1e300", "1e300")
    let path = try makeTemporaryFolder("eeg-windows") + "/huge-range.edf"
    try builder.data().write(to: URL(fileURLWithPath: path))
    do {
        _ = try readEDF(path).physical(0)
        Issue.record("a physical range beyond float32 was accepted")
    } catch {
        #expect("\(error)".contains("within float32 range"))
    }
}

@Test func eegWindowsLabelManyDistinctEvents() throws {
    // 400 one-second records, each with two half-second events of their own class.
    let events = (0..<400).map { second in
        (0..<2).map { EDFBuilder.annotation("e\(second * 2 + $0)", onset: Double(second) + Double($0) / 2, duration: 0.5) }
            .joined()
    }
    let builder = EDFBuilder(labels: ["A"], samplesPerRecord: 4, records: 400, annotations: events) { _, t in Int16(t % 100) }
    let path = try makeTemporaryFolder("eeg-windows") + "/events.edf"
    try builder.data().write(to: URL(fileURLWithPath: path))
    let windows = try eegWindows(path, window: 2)
    #expect(windows.labels.count == 800)
    #expect(windows.count == 800)
    #expect(windows.windows[5].label == windows.labels.firstIndex(of: "e5"))
}

@Test(arguments: [("+0x10\u{14}event\u{14}\0", "'+0x10'"), ("+\u{1b}[31m\u{14}event\u{14}\0", "'+\\u{1b}[31m'")])
func edfSkipsMalformedOnsetsWithPrintableWarning(_ cases: (String, String)) throws {
    let (tal, quoted) = cases
    let good = EDFBuilder.annotation("kept", onset: 0.5, duration: 0.25)
    let builder = EDFBuilder(labels: ["A"], samplesPerRecord: 4, records: 2, annotations: [tal, good]) { _, t in Int16(t) }
    let path = try makeTemporaryFolder("eeg-windows") + "/onset.edf"
    try builder.data().write(to: URL(fileURLWithPath: path))
    let file = try readEDF(path)
    #expect(file.annotationWarnings.count == 1)
    #expect(file.annotationWarnings.first?.contains(quoted) == true)
    #expect(file.annotationWarnings.first?.contains("\u{1b}") == false)
    #expect(file.annotations.map(\.text) == ["kept"])
    #expect(try file.physical(0).count == 8)
}

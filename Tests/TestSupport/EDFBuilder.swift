import Foundation

/// Writes small EDF+ recordings for tests: 16-bit signals whose physical value equals the
/// digital one, records of one second, and an annotation signal of 60 bytes per record.
public struct EDFBuilder {
    public var labels: [String]
    public var samplesPerRecord: Int
    public var records: Int
    /// Annotation text (TALs after the record's time stamp) of record r, for r < count.
    public var annotations: [String]
    /// Digital value of signal `s` at sample `t` counted from the start of the recording.
    public var sample: (_ s: Int, _ t: Int) -> Int16
    /// Header text of the record duration in seconds.
    public var recordDuration = "1"
    /// Header texts of the measured signals' physical minimum and maximum.
    public var physicalRange = ("-32768", "32767")

    public init(
        labels: [String], samplesPerRecord: Int, records: Int, annotations: [String] = [],
        sample: @escaping (_ s: Int, _ t: Int) -> Int16
    ) {
        self.labels = labels
        self.samplesPerRecord = samplesPerRecord
        self.records = records
        self.annotations = annotations
        self.sample = sample
    }

    /// Returns one TAL: an annotation of `duration` seconds at `onset` seconds.
    public static func annotation(_ text: String, onset: Double, duration: Double) -> String {
        "+\(onset)\u{15}\(duration)\u{14}\(text)\u{14}\0"
    }

    public func data() -> Data {
        let all = labels + ["EDF Annotations"]
        let signals = labels.count
        func column(_ measured: String, _ annotation: String, width: Int) -> String {
            (Array(repeating: measured, count: signals) + [annotation]).map { field($0, width) }.joined()
        }
        var header = field("0", 8) + field("X X X X", 80) + field("Startdate 01-JAN-2024 X X X", 80)
        header += field("01.01.24", 8) + field("10.00.00", 8) + field("\(256 * (all.count + 1))", 8)
        header += field("EDF+C", 44) + field("\(records)", 8) + field(recordDuration, 8) + field("\(all.count)", 4)
        header += all.map { field($0, 16) }.joined()
        header += column("AgAgCl electrode", "", width: 80)
        header += column("uV", "", width: 8)
        header += column(physicalRange.0, "-1", width: 8) + column(physicalRange.1, "1", width: 8)
        header += column("-32768", "-32768", width: 8) + column("32767", "32767", width: 8)
        header += column("", "", width: 80)
        header += column("\(samplesPerRecord)", "30", width: 8)
        header += column("", "", width: 32)
        var data = Data(header.utf8)
        for r in 0..<records {
            for s in 0..<signals {
                for i in 0..<samplesPerRecord {
                    let digital = sample(s, r * samplesPerRecord + i)
                    withUnsafeBytes(of: digital.littleEndian) { data.append(contentsOf: $0) }
                }
            }
            var tal = Array("+\(r)\u{14}\u{14}\0".utf8)
            if r < annotations.count { tal += Array(annotations[r].utf8) }
            tal += [UInt8](repeating: 0, count: max(0, 60 - tal.count))
            data.append(contentsOf: tal.prefix(60))
        }
        return data
    }

    private func field(_ text: String, _ width: Int) -> String {
        String((text + String(repeating: " ", count: width)).prefix(width))
    }
}

import Foundation

extension EDFFile {
    /// Parses the annotations of every annotation signal, sorted by onset.
    ///
    /// A record's annotation bytes contain time-stamped annotation lists (TALs):
    /// "+onset[\u{15}duration]\u{14}text\u{14}text…\u{14}\0". The first TAL of
    /// each record, with no text, stamps the record's start time and is dropped.
    func parseAnnotations() throws -> [EDFAnnotation] {
        var result: [EDFAnnotation] = []
        for (index, signal) in signals.enumerated() where signal.isAnnotation {
            let size = signal.samplesPerRecord * bytesPerSample
            for r in 0..<recordCount {
                let start = data.startIndex + headerSize + r * recordSize + signalOffsets[index]
                let bytes = [UInt8](data[start..<(start + size)])
                for tal in bytes.split(separator: 0) {
                    result += try parseTAL(Array(tal), record: r)
                }
            }
        }
        return result.sorted { $0.onset < $1.onset }
    }

    private func parseTAL(_ tal: [UInt8], record: Int) throws -> [EDFAnnotation] {
        let parts = tal.split(separator: 0x14, omittingEmptySubsequences: false)
        guard let timing = parts.first, !timing.isEmpty else { return [] }
        let times = timing.split(separator: 0x15, omittingEmptySubsequences: false)
        let onsetText = String(decoding: times[0], as: UTF8.self)
        guard onsetText.first == "+" || onsetText.first == "-",
            let onset = Double(onsetText), onset.isFinite
        else {
            throw DatasetError.invalidFile(
                path: path,
                message: "annotation in record \(record) has onset '\(onsetText)', "
                    + "expected a signed number of seconds such as +12.5")
        }
        var duration: Double?
        if times.count > 1 {
            let text = String(decoding: times[1], as: UTF8.self)
            guard let value = Double(text), value >= 0 else {
                throw DatasetError.invalidFile(
                    path: path,
                    message:
                        "annotation at \(onset) s has duration '\(text)', expected seconds >= 0")
            }
            duration = value
        }
        return parts.dropFirst().compactMap { part in
            let text = String(decoding: part, as: UTF8.self)
            return text.isEmpty ? nil : EDFAnnotation(onset: onset, duration: duration, text: text)
        }
    }
}

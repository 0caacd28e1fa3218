import Foundation

extension EDFFile {
    /// Parses the annotations of every annotation signal, sorted by onset,
    /// and the start time of every record.
    ///
    /// A record's annotation bytes contain time-stamped annotation lists (TALs):
    /// "+onset[\u{15}duration]\u{14}text\u{14}text…\u{14}\0". The first TAL of
    /// each record, with no text, stamps the record's start time (EDF+D files
    /// may leave gaps between records). Without annotations, record r starts
    /// at r·recordDuration. A malformed TAL is skipped with a warning, as one damaged
    /// annotation should not make the signals unreadable.
    func parseAnnotations() throws -> (annotations: [EDFAnnotation], recordOnsets: [Double], warnings: [String]) {
        var result: [EDFAnnotation] = []
        var warnings: [String] = []
        var onsets = (0..<recordCount).map { Double($0) * recordDuration }
        var timekeeping = true
        for (index, signal) in signals.enumerated() where signal.isAnnotation {
            let size = signal.samplesPerRecord * bytesPerSample
            for r in 0..<recordCount {
                let start = data.startIndex + headerSize + r * recordSize + signalOffsets[index]
                let bytes = [UInt8](data[start..<(start + size)])
                for (position, tal) in bytes.split(separator: 0).enumerated() {
                    let parsed: (onset: Double, duration: Double?, texts: [String])?
                    do {
                        parsed = try parseTAL(Array(tal), record: r)
                    } catch {
                        warnings.append("\(error)")
                        continue
                    }
                    guard let parsed else { continue }
                    if timekeeping && position == 0 { onsets[r] = parsed.onset }
                    result += parsed.texts.map {
                        EDFAnnotation(onset: parsed.onset, duration: parsed.duration, text: $0)
                    }
                }
            }
            timekeeping = false
        }
        return (result.sorted { $0.onset < $1.onset }, onsets, warnings)
    }

    private func parseTAL(_ tal: [UInt8], record: Int) throws
        -> (onset: Double, duration: Double?, texts: [String])?
    {
        let parts = tal.split(separator: 0x14, omittingEmptySubsequences: false)
        guard let timing = parts.first, !timing.isEmpty else { return nil }
        let times = timing.split(separator: 0x15, omittingEmptySubsequences: false)
        let onsetText = String(decoding: times[0], as: UTF8.self)
        // EDF+ writes onsets as a sign, digits and an optional decimal point only.
        guard onsetText.first == "+" || onsetText.first == "-",
            onsetText.dropFirst().allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let onset = Double(onsetText), onset.isFinite
        else {
            throw DatasetError.invalidFile(
                path: path,
                message: "annotation in record \(record) has onset '\(printable(onsetText))', "
                    + "expected a signed number of seconds such as +12.5")
        }
        var duration: Double?
        if times.count > 1 {
            let text = String(decoding: times[1], as: UTF8.self)
            guard let value = Double(text), value >= 0 else {
                throw DatasetError.invalidFile(
                    path: path,
                    message:
                        "annotation at \(onset) s has duration '\(printable(text))', expected seconds >= 0")
            }
            duration = value
        }
        let texts = parts.dropFirst().map { String(decoding: $0, as: UTF8.self) }
        return (onset, duration, texts.filter { !$0.isEmpty })
    }
}

/// Returns `text` with control characters escaped and at most 40 characters, safe to print
/// in a message however damaged the file is.
func printable(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars.prefix(40) {
        if scalar.properties.generalCategory == .control {
            result += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
            result.unicodeScalars.append(scalar)
        }
    }
    return text.unicodeScalars.count > 40 ? result + "…" : result
}

extension EEGWindows {
    /// Annotations of `file` whose text starts with one of `prefixes`, ignoring case.
    static func annotations(of file: EDFFile, startingWith prefixes: [String]) -> [EDFAnnotation] {
        let lowered = prefixes.map { $0.lowercased() }
        return file.annotations.filter { annotation in
            let text = annotation.text.lowercased()
            return lowered.contains { text.hasPrefix($0) }
        }
    }

    /// Returns true when the annotation's interval meets the window [begin, end) in seconds.
    /// An annotation without a duration is the instant at its onset.
    static func overlaps(_ annotation: EDFAnnotation, _ begin: Double, _ end: Double) -> Bool {
        let duration = max(annotation.duration ?? 0, 0)
        if duration == 0 { return begin <= annotation.onset && annotation.onset < end }
        return annotation.onset < end && begin < annotation.onset + duration
    }

    /// Index ranges of the train, val and test windows among `count` windows in time order.
    struct SplitBounds {
        let train: Range<Int>
        let val: Range<Int>
        let test: Range<Int>

        subscript(split: DataSplit) -> Range<Int> {
            switch split {
            case .all: return train.lowerBound..<test.upperBound
            case .train: return train
            case .val: return val
            case .test: return test
            }
        }
    }

    static func splitBounds(count: Int, fractions: [Double]) -> SplitBounds {
        let train = min(count, max(0, Int((Double(count) * fractions[0]).rounded())))
        let val = min(count - train, max(0, Int((Double(count) * fractions[1]).rounded())))
        return SplitBounds(train: 0..<train, val: train..<(train + val), test: (train + val)..<count)
    }

    /// Mean and population std of `values` over the union of the windows starting at `starts`,
    /// each sample counted once, and std 1 when the channel is flat there. The centred second
    /// pass keeps the large DC offsets of raw EEG from cancelling digits.
    static func moments(_ values: [Float], windows starts: [Int], window: Int) -> (mean: Float, std: Float) {
        let ranges = covered(starts, window: window, length: values.count)
        let count = ranges.reduce(0) { $0 + $1.count }
        guard count > 0 else { return (0, 1) }
        var sum = 0.0
        for range in ranges { for t in range { sum += Double(values[t]) } }
        let mean = sum / Double(count)
        var centred = 0.0
        for range in ranges {
            for t in range {
                let d = Double(values[t]) - mean
                centred += d * d
            }
        }
        let std = (centred / Double(count)).squareRoot()
        return (Float(mean), std > 1e-12 ? Float(std) : 1)
    }

    /// Disjoint sample ranges covering the windows starting at `starts`.
    private static func covered(_ starts: [Int], window: Int, length: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var next = 0
        for start in starts.sorted() {
            let from = max(start, next), to = min(start + window, length)
            guard from < to else { continue }
            ranges.append(from..<to)
            next = to
        }
        return ranges
    }
}

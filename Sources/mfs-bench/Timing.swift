#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock timings of repeated runs, reported as median, min and max.
struct Timing {
    let samples: [Double]

    /// Runs `body` `warmup` times untimed, then `runs` times timed (milliseconds).
    static func measure(warmup: Int = 3, runs: Int = 10, _ body: () throws -> Void) rethrows -> Timing {
        for _ in 0..<warmup { try body() }
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = now()
            try body()
            samples.append((now() - start) * 1e3)
        }
        return Timing(samples: samples)
    }

    var median: Double {
        let sorted = samples.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    var min: Double { samples.min() ?? .nan }
    var max: Double { samples.max() ?? .nan }

    /// `name: median X ms, min Y ms, max Z ms`.
    func line(_ name: String) -> String {
        "\(name): median \(format(median)) ms, min \(format(min)) ms, max \(format(max)) ms"
    }
}

/// Seconds on the monotonic clock.
func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
}

/// Two decimals, without Foundation.
func format(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    let scaled = (value * 100).rounded()
    let whole = Int(scaled) / 100, fraction = abs(Int(scaled) % 100)
    return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
}

/// Peak resident set size of this process in MiB.
func peakRSS() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

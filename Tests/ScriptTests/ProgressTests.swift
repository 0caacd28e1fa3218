import Foundation
import XCTest

@testable import Script

/// Checks the progress reporter's text with a fake clock and a captured output.
final class ProgressTests: XCTestCase {
    final class Clock {
        var now = 0.0
    }

    func makeReporter(terminal: Bool, clock: Clock, into lines: @escaping (String) -> Void)
        -> ProgressReporter
    {
        let output = ProgressOutput(isTerminal: terminal, columns: 100, write: lines)
        return ProgressReporter(total: 10, label: "epoch", output: output, interval: 5) { clock.now }
    }

    func testPlainOutputIsPeriodicLines() {
        let clock = Clock()
        var text = ""
        let reporter = makeReporter(terminal: false, clock: clock) { text += $0 }
        for step in 1...10 {
            clock.now = Double(step)
            reporter.update(completed: step, status: "loss 0.5")
        }
        reporter.finish()
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 4, text)
        XCTAssertEqual(lines[0], "epoch  10%  1/10  1.0/s  ETA 9.0s  loss 0.5")
        XCTAssertTrue(lines[1].hasPrefix("epoch  60%  6/10"), text)
        XCTAssertTrue(lines[3].contains("in 10s"), text)
        XCTAssertFalse(text.contains("\u{1B}"), "plain output must not contain escape codes")
    }

    func testTerminalOutputRedrawsOneLine() {
        let clock = Clock()
        var writes: [String] = []
        let reporter = makeReporter(terminal: true, clock: clock) { writes.append($0) }
        clock.now = 2
        reporter.update(completed: 5, status: "loss 0.25")
        reporter.finish()
        XCTAssertEqual(writes.count, 2)
        XCTAssertTrue(writes[0].hasPrefix("\repoch  [###############...............]  5/10"), writes[0])
        XCTAssertTrue(writes[0].contains("ETA 2.0s  loss 0.25\u{1B}[K"), writes[0])
        XCTAssertTrue(writes[1].hasSuffix("\n"))
    }

    func testFinishTwiceWritesOnce() {
        var count = 0
        let reporter = ProgressReporter(
            total: 0, label: "items", output: ProgressOutput(isTerminal: false) { _ in count += 1 })
        reporter.finish()
        reporter.finish()
        reporter.update(completed: 3)
        XCTAssertEqual(count, 1)
    }

    func testDurationFormats() {
        XCTAssertEqual(ProgressReporter.formatDuration(4.25), "4.2s")
        XCTAssertEqual(ProgressReporter.formatDuration(42), "42s")
        XCTAssertEqual(ProgressReporter.formatDuration(187), "3:07")
        XCTAssertEqual(ProgressReporter.formatDuration(3723), "1:02:03")
        XCTAssertEqual(ProgressReporter.formatDuration(.infinity), "?")
    }
}

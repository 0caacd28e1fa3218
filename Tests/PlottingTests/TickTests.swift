import XCTest

@testable import Plotting

final class TickTests: XCTestCase {
    func testLocatorHeatmapRange() {
        let ticks = TickLocator.ticks(low: -0.5, high: 127.5, maxBins: 9)
        XCTAssertEqual(ticks, [0, 20, 40, 60, 80, 100, 120])
    }

    func testLocatorUsesQuarterSteps() {
        let ticks = TickLocator.ticks(low: -0.99, high: 0.99, maxBins: 9)
        XCTAssertEqual(ticks.count, 7)
        XCTAssertEqual(ticks.first ?? 0, -0.75, accuracy: 1e-12)
        XCTAssertEqual(ticks.last ?? 0, 0.75, accuracy: 1e-12)
    }

    func testLabelsHaveNoFloatNoise() {
        let ticks = TickLocator.ticks(low: 0, high: 0.7, maxBins: 7)
        let labels = TickFormatter.labels(for: ticks).labels
        XCTAssertEqual(labels, ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
    }

    func testLabelsShareDecimals() {
        let labels = TickFormatter.labels(for: [-0.5, -0.25, 0, 0.25, 0.5]).labels
        XCTAssertEqual(labels, ["\u{2212}0.50", "\u{2212}0.25", "0.00", "0.25", "0.50"])
    }

    func testNegativeIntegersUseMinusSign() {
        let labels = TickFormatter.labels(for: [-20, -10, 0, 10]).labels
        XCTAssertEqual(labels, ["\u{2212}20", "\u{2212}10", "0", "10"])
    }

    func testLargeValuesUseScientificScale() {
        let result = TickFormatter.labels(for: [0, 2e7, 4e7])
        XCTAssertEqual(result.labels, ["0", "2", "4"])
        XCTAssertEqual(result.offsetText, "1e7")
    }

    func testSmallValuesUseScientificScale() {
        let result = TickFormatter.labels(for: [0, 1e-6, 2e-6])
        XCTAssertEqual(result.labels, ["0", "1", "2"])
        XCTAssertEqual(result.offsetText, "1e\u{2212}6")
    }

    func testModerateValuesNeedNoOffset() {
        let result = TickFormatter.labels(for: [1000, 1500, 2000])
        XCTAssertEqual(result.labels, ["1000", "1500", "2000"])
        XCTAssertEqual(result.offsetText, "")
    }

    func testNarrowRangeFarFromZeroUsesOffset() {
        let result = TickFormatter.labels(for: [100000.1, 100000.2, 100000.3])
        XCTAssertEqual(result.offsetText, "+100000")
        XCTAssertEqual(result.labels, ["0.1", "0.2", "0.3"])
    }

    func testSVGNumberFormatting() {
        XCTAssertEqual(SVGWriter.number(0.30000000000000004), "0.3")
        XCTAssertEqual(SVGWriter.number(-0.001), "0")
        XCTAssertEqual(SVGWriter.number(12.5), "12.5")
        XCTAssertEqual(SVGWriter.number(100), "100")
    }

    func testTextWidthFromFontMetrics() {
        // DejaVu Sans digits advance 1303 of 2048 units.
        XCTAssertEqual(TextMetrics.width("00", size: 10), 2 * 1303.0 / 2048 * 10, accuracy: 1e-9)
        XCTAssertGreaterThan(TextMetrics.width("W", size: 10), TextMetrics.width("i", size: 10))
    }
}

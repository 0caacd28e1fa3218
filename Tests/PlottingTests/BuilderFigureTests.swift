import Foundation
import XCTest

@testable import Plotting

/// Deterministic pseudo-random numbers for test data (a 64-bit LCG with Box-Muller normals).
struct TestRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func uniform() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }

    mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }
}

final class BuilderFigureTests: XCTestCase {
    private func assertRenders(
        _ figure: Figure, name: String, file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        let svg = figure.svg()
        XCTAssertNil(xmlError(svg), file: file, line: line)
        XCTAssertFalse(svg.contains("NaN"), file: file, line: line)
        let png = try renderPNG(figure, name: name)
        XCTAssertGreaterThan(png.width, 0, file: file, line: line)
    }

    func testSyncFigureRenders() throws {
        var random = TestRandom(seed: 0)
        let coupling = (0..<(128 * 128)).map { _ in cos(random.normal()) }
        let phases = (0..<128).map { _ in atan2(random.normal(), random.normal()) }
        let figure = try syncFigure(
            coupling: Matrix(rows: 128, columns: 128, values: coupling), phases: phases)
        let svg = figure.svg()
        XCTAssertTrue(svg.contains(">Neural Phase Synchronization</tspan>"))
        XCTAssertTrue(svg.contains(">Target Time Step</tspan>"))
        XCTAssertTrue(svg.contains(">Source Time Step</tspan>"))
        XCTAssertTrue(svg.contains(">Coupling Strength (Phase Sync)</tspan>"))
        XCTAssertTrue(svg.contains(">315°</tspan>"))
        XCTAssertEqual(occurrences(of: "class=\"marker\"", in: svg), 128)
        XCTAssertTrue(svg.contains("width=\"864pt\" height=\"360pt\""))
        try assertRenders(figure, name: "sync")
    }

    func testPhasePortraitRenders() throws {
        var random = TestRandom(seed: 1)
        var values: [Double] = []
        for step in 0..<100 {
            let t = Double(step) * 0.1
            for dim in 0..<6 {
                values.append(cos(t + Double(dim)) * Double(dim + 1) + 0.01 * random.normal())
            }
        }
        let figure = try phasePortraitFigure(
            trajectory: Matrix(rows: 100, columns: 6, values: values))
        try assertRenders(figure, name: "portrait")
    }

    func testPrincipalComponentsOfLine() throws {
        // Points on the line y = 2x have all variance on one axis, along (1, 2) / sqrt(5).
        let values = (0..<10).flatMap { [Double($0), 2 * Double($0)] }
        let scores = try principalComponentScores(
            Matrix(rows: 10, columns: 2, values: values), count: 2)
        XCTAssertEqual(scores[0][9] - scores[0][0], 9 * 5.0.squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(scores[1].map { abs($0) }.max() ?? 1, 0, accuracy: 1e-9)
    }

    func testAttentionFigureRenders() throws {
        var random = TestRandom(seed: 2)
        let heads = try (0..<4).map { _ in
            try Matrix(rows: 16, columns: 16, values: (0..<256).map { _ in random.uniform() })
        }
        let figure = try attentionFigure(heads: heads)
        XCTAssertEqual(figure.columns, 4)
        try assertRenders(figure, name: "attention")
    }

    func testLossCurvesRender() throws {
        let train = (1...20).map { 1 / Double($0) }
        let validation = (1...20).map { 1.2 / Double($0) + 0.05 }
        let figure = try lossCurveFigure(history: [
            LossSeries(name: "train", values: train), LossSeries(name: "val", values: validation),
        ])
        let svg = figure.svg()
        XCTAssertTrue(svg.contains(">train</tspan>"))
        XCTAssertTrue(svg.contains(">val</tspan>"))
        try assertRenders(figure, name: "loss")
    }

    func testSpectrogramRenders() throws {
        var values: [Double] = []
        for band in 0..<64 {
            for frame in 0..<200 {
                let level = sin(Double(frame) * 0.05) * Double(band) / 64
                values.append(-80 + 80 * level)
            }
        }
        let mel = try Matrix(rows: 64, columns: 200, values: values)
        let figure = try spectrogramFigure(mel: mel)
        let svg = figure.svg()
        XCTAssertTrue(svg.contains(">Frequency (Hz)</tspan>"))
        XCTAssertTrue(svg.contains(">1000</tspan>"))
        try assertRenders(figure, name: "spectrogram")
    }

    func testConfusionMatrixRenders() throws {
        let counts = [[50, 2, 3], [4, 40, 6], [0, 7, 43]]
        let figure = try confusionMatrixFigure(
            counts: counts, classLabels: ["blues", "jazz", "rock"])
        let svg = figure.svg()
        XCTAssertTrue(svg.contains(">43</tspan>"))
        XCTAssertTrue(svg.contains(">jazz</tspan>"))
        try assertRenders(figure, name: "confusion")
    }

    func testBarScatterLegendGridRender() throws {
        let figure = try Figure(width: 8, height: 3, rows: 1, columns: 2)
        let bars = try figure.axes(0)
        try bars.bar(categories: ["a", "b", "c"], heights: [3, -1, 2], label: "score")
        bars.legend()
        bars.grid = true
        let points = try figure.axes(1)
        try points.scatter(
            x: [1, 2, 3, 4], y: [1e7, 2e7, 3e7, 4e7], values: [0, 1, 2, 3],
            colormap: "plasma", label: "points")
        try points.colorbar(label: "index")
        points.legend(location: .lowerRight)
        let svg = figure.svg()
        XCTAssertTrue(svg.contains(">1e7</tspan>"))
        XCTAssertTrue(svg.contains(">\u{2212}1.0</tspan>") || svg.contains(">\u{2212}1</tspan>"))
        try assertRenders(figure, name: "bars")
    }
}

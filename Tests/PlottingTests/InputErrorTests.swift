import Foundation
import XCTest

@testable import Plotting

final class InputErrorTests: XCTestCase {
    private func assertMessage(
        _ body: @autoclosure () throws -> Any, contains text: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains(text), "message was: \(message)", file: file, line: line)
        }
    }

    func testEmptyLineData() throws {
        let axes = try Figure().axes(0)
        assertMessage(try axes.plot(x: [Double](), y: []), contains: "empty")
    }

    func testAllNaNLineData() throws {
        let axes = try Figure().axes(0)
        assertMessage(try axes.plot([.nan, .nan]), contains: "no finite point")
    }

    func testMismatchedLengths() throws {
        let axes = try Figure().axes(0)
        assertMessage(try axes.plot(x: [1, 2, 3], y: [1, 2]), contains: "lengths must match")
        assertMessage(try axes.scatter(x: [1], y: [1, 2]), contains: "lengths must match")
    }

    func testAllNaNHeatmap() throws {
        let axes = try Figure().axes(0)
        let matrix = try Matrix(rows: 2, columns: 2, values: [Double](repeating: .nan, count: 4))
        assertMessage(try axes.imshow(matrix), contains: "no finite value")
    }

    func testUnknownColormapInHeatmap() throws {
        let axes = try Figure().axes(0)
        let matrix = try Matrix(rows: 1, columns: 2, values: [1.0, 2.0])
        assertMessage(try axes.imshow(matrix, colormap: "rainbow"), contains: "viridis, plasma")
    }

    func testNonPositiveFigureSizes() {
        assertMessage(try Figure(width: 0, height: 4), contains: "figure width")
        assertMessage(try Figure(width: 4, height: -1), contains: "figure height")
        assertMessage(try Figure(width: .nan, height: 4), contains: "figure width")
        assertMessage(try Figure(rows: 0, columns: 1), contains: "at least one row")
    }

    func testMatrixShapeMismatch() {
        assertMessage(
            try Matrix(rows: 2, columns: 2, values: [1.0, 2.0]), contains: "needs 4 values")
        assertMessage(try Matrix([[1.0, 2.0], [3.0]]), contains: "row 1")
        assertMessage(try Matrix([[Double]]()), contains: "no rows")
    }

    func testPanelIndexOutOfRange() throws {
        let figure = try Figure(rows: 1, columns: 2)
        assertMessage(try figure.axes(2), contains: "out of range")
        _ = try figure.polarAxes(1)
        assertMessage(try figure.axes(1), contains: "polar")
    }

    func testColorbarWithoutColorData() throws {
        let axes = try Figure().axes(0)
        try axes.plot([1, 2, 3])
        assertMessage(try axes.colorbar(), contains: "colorbar needs")
    }

    func testSaveToUncreatableFolder() throws {
        let blocker = renderFolder.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: blocker)
        let figure = try Figure()
        assertMessage(
            try figure.save(blocker.appendingPathComponent("sub/fig.svg").path),
            contains: "cannot create folder")
    }

    func testSaveCreatesMissingFolders() throws {
        let path = renderFolder.appendingPathComponent("new/nested/figure.svg").path
        try Figure().save(path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: renderFolder.appendingPathComponent("new/nested").path)
        XCTAssertEqual(leftovers, ["figure.svg"])
    }

    func testBuilderInputErrors() throws {
        assertMessage(try attentionFigure(heads: []), contains: "at least one head")
        assertMessage(try lossCurveFigure(history: []), contains: "no series")
        assertMessage(
            try lossCurveFigure(history: [LossSeries(name: "train", values: [])]),
            contains: "train")
        assertMessage(
            try confusionMatrixFigure(counts: [[1, 2]], classLabels: ["a", "b"]),
            contains: "2 x 2")
        let short = try Matrix(rows: 1, columns: 3, values: [1.0, 2.0, 3.0])
        assertMessage(try phasePortraitFigure(trajectory: short), contains: "at least 2")
        let coupling = try Matrix(rows: 2, columns: 2, values: [1.0, 0.0, 0.0, 1.0])
        assertMessage(
            try syncFigure(coupling: coupling, phases: [0, 1], radii: [1]),
            contains: "lengths must match")
    }

    func testInvalidNumericOptions() throws {
        let axes = try Figure().axes(0)
        assertMessage(try axes.plot([1, 2], lineWidth: 0), contains: "lineWidth")
        assertMessage(try axes.scatter(x: [1], y: [1], alpha: 2), contains: "alpha")
        let matrix = try Matrix(rows: 1, columns: 2, values: [1.0, 2.0])
        assertMessage(try axes.imshow(matrix, vmin: 3, vmax: 1), contains: "greater than vmax")
    }
}

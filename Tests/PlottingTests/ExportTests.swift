import Foundation
import XCTest

@testable import Plotting

/// PNG and PDF go through rsvg-convert; other extensions are refused by name.
final class ExportTests: XCTestCase {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mfs-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func lineFigure() throws -> Figure {
        let figure = try Figure()
        try figure.axes(0).plot(x: [0, 1, 2], y: [0, 1, 4], label: "y")
        return figure
    }

    func testPNGAndPDFStartWithTheirSignatures() throws {
        guard Figure.executable(named: "rsvg-convert") != nil else {
            throw XCTSkip("rsvg-convert is not installed")
        }
        let out = try folder()
        for (name, signature) in [("a.png", [0x89, 0x50, 0x4E, 0x47]), ("a.pdf", Array("%PDF".utf8).map(Int.init))] {
            let path = out.appendingPathComponent("sub/\(name)").path
            try lineFigure().save(path)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            XCTAssertEqual(Array(bytes.prefix(4)).map(Int.init), signature, name)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("sub").path)
        XCTAssertEqual(leftovers.sorted(), ["a.pdf", "a.png"])
    }

    func testUnknownExtensionIsRefused() throws {
        let path = try folder().appendingPathComponent("a.jpg").path
        XCTAssertThrowsError(try lineFigure().save(path)) { error in
            XCTAssertTrue("\(error)".contains("use .svg, .png or .pdf"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }
}

/// The default legend takes the corner that covers the fewest data points, as matplotlib's "best".
final class LegendPlacementTests: XCTestCase {
    private func legendX(_ svg: String) throws -> Double {
        let group = try XCTUnwrap(svg.range(of: "class=\"legend\""))
        let rest = svg[group.upperBound...]
        let attribute = try XCTUnwrap(rest.range(of: "x=\""))
        let digits = rest[attribute.upperBound...].prefix { $0 != "\"" }
        return try XCTUnwrap(Double(digits))
    }

    func testBestAvoidsRisingLine() throws {
        let rising = try Figure()
        try rising.axes(0).plot(x: [0, 1, 2, 3], y: [0, 1, 4, 9], label: "rising")
        try rising.axes(0).legend()
        let falling = try Figure()
        try falling.axes(0).plot(x: [0, 1, 2, 3], y: [9, 4, 1, 0], label: "falling")
        try falling.axes(0).legend()
        // The rising line fills the upper right, so its legend moves left; the falling one stays right.
        XCTAssertLessThan(try legendX(rising.svg()), 200)
        XCTAssertGreaterThan(try legendX(falling.svg()), 200)
    }

    func testExplicitCornerIsKept() throws {
        let figure = try Figure()
        try figure.axes(0).plot(x: [0, 1, 2, 3], y: [0, 1, 4, 9], label: "rising")
        try figure.axes(0).legend(location: .upperRight)
        XCTAssertGreaterThan(try legendX(figure.svg()), 200)
    }
}

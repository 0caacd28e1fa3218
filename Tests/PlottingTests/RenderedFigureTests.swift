import Foundation
import XCTest

@testable import Plotting

final class RenderedFigureTests: XCTestCase {
    private func colorbarFrame(in svg: String) throws -> (
        x: Double, y: Double, w: Double, h: Double
    ) {
        let lines = svg.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.contains("class=\"colorbar\"") }),
            start + 1 < lines.count
        else {
            throw RenderError.failed("no colorbar group in the SVG")
        }
        let image = lines[start + 1]
        func value(_ name: String) -> Double {
            guard let range = image.range(of: " \(name)=\"") else { return .nan }
            return Double(image[range.upperBound...].prefix(while: { $0 != "\"" })) ?? .nan
        }
        return (value("x"), value("y"), value("width"), value("height"))
    }

    private func assertClose(
        _ pixel: (r: Int, g: Int, b: Int, a: Int), _ color: Color, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        XCTAssertLessThanOrEqual(abs(pixel.r - Int(color.red)), 2, "red", file: file, line: line)
        XCTAssertLessThanOrEqual(
            abs(pixel.g - Int(color.green)), 2, "green", file: file, line: line)
        XCTAssertLessThanOrEqual(abs(pixel.b - Int(color.blue)), 2, "blue", file: file, line: line)
    }

    func testColorbarEndsAreViridisEnds() throws {
        let figure = try Figure(width: 5, height: 4)
        let axes = try figure.axes(0)
        let values = (0..<100).map { Double($0) }
        try axes.imshow(Matrix(rows: 10, columns: 10, values: values))
        try axes.colorbar(label: "Value")
        let svg = figure.svg()
        XCTAssertNil(xmlError(svg))
        let png = try renderPNG(figure, name: "colorbar")
        let scale = Double(png.width) / (5 * 72)
        let frame = try colorbarFrame(in: svg)
        let column = Int((frame.x + frame.w / 2) * scale)
        let bottom = Int(((frame.y + frame.h) * scale).rounded(.down)) - 2
        let top = Int((frame.y * scale).rounded(.up)) + 1
        let viridis = try Colormap(named: "viridis")
        assertClose(png.pixel(column, bottom), viridis.colors[0])
        assertClose(png.pixel(column, top), viridis.colors[255])
    }

    func testConstantHeatmapIsOneColor() throws {
        let figure = try Figure(width: 5, height: 4)
        let axes = try figure.axes(0)
        let matrix = try Matrix(rows: 8, columns: 8, values: [Double](repeating: 2.5, count: 64))
        try axes.imshow(matrix)
        try axes.colorbar(label: "Constant level")
        axes.title = "Constant"
        let svg = figure.svg()
        XCTAssertNil(xmlError(svg))
        XCTAssertFalse(svg.contains("NaN"))
        XCTAssertFalse(svg.contains("nan"))
        XCTAssertTrue(svg.contains(">Constant level</tspan>"))
        let png = try renderPNG(figure, name: "constant")
        let scale = Double(png.width) / (5 * 72)
        let line = svg.split(separator: "\n").first { $0.contains("class=\"heatmap\"") } ?? ""
        let attributes = attributeValues("x", ofElementsWith: "class=\"heatmap\"", in: String(line))
        XCTAssertEqual(attributes.count, 1)
        func value(_ name: String) -> Double {
            attributeValues(name, ofElementsWith: "class=\"heatmap\"", in: svg).first ?? .nan
        }
        let x0 = Int((value("x") * scale).rounded(.up)) + 2
        let y0 = Int((value("y") * scale).rounded(.up)) + 2
        let x1 = Int(((value("x") + value("width")) * scale).rounded(.down)) - 3
        let y1 = Int(((value("y") + value("height")) * scale).rounded(.down)) - 3
        XCTAssertLessThan(x0, x1)
        XCTAssertLessThan(y0, y1)
        let expected = try Colormap(named: "viridis").color(at: 0.5)
        var distinct = Set<[Int]>()
        for y in stride(from: y0, through: y1, by: 1) {
            for x in stride(from: x0, through: x1, by: 1) {
                let pixel = png.pixel(x, y)
                distinct.insert([pixel.r, pixel.g, pixel.b])
            }
        }
        XCTAssertEqual(distinct.count, 1, "heatmap interior has \(distinct.count) colours")
        assertClose(png.pixel((x0 + x1) / 2, (y0 + y1) / 2), expected)
    }

    func testLineWithGapsShowsFiveMarkers() throws {
        let figure = try Figure(width: 4, height: 3)
        let axes = try figure.axes(0)
        let y: [Double] = [1, .nan, 2, .nan, 3, 3.5, 4]
        try axes.plot(
            y, color: Color(red: 255, green: 0, blue: 0), marker: .circle,
            markerSize: 8)
        let svg = figure.svg()
        XCTAssertNil(xmlError(svg))
        XCTAssertEqual(occurrences(of: "class=\"marker\"", in: svg), 5)
        XCTAssertEqual(occurrences(of: "<polyline", in: svg), 1)
        let png = try renderPNG(figure, name: "markers")
        XCTAssertEqual(countRedBlobs(png), 5)
    }

    /// Counts 4-connected groups of red pixels that survive an erosion of radius 2.
    ///
    /// At the render scale a 1.5 pt line is about 2 pixels wide and an 8 pt marker about 11,
    /// so the erosion removes the connecting lines and keeps one core per marker.
    private func countRedBlobs(_ image: DecodedImage) -> Int {
        let width = image.width
        let height = image.height
        var red = [Bool](repeating: false, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let pixel = image.pixel(x, y)
                red[y * width + x] = pixel.r > 200 && pixel.g < 100 && pixel.b < 100
            }
        }
        var core = [Bool](repeating: false, count: width * height)
        for y in 2..<(height - 2) {
            for x in 2..<(width - 2) {
                var all = true
                for dy in -2...2 {
                    for dx in -2...2 where !red[(y + dy) * width + x + dx] { all = false }
                }
                core[y * width + x] = all
            }
        }
        var blobs = 0
        for start in core.indices where core[start] {
            blobs += 1
            var stack = [start]
            core[start] = false
            while let index = stack.popLast() {
                let x = index % width
                let y = index / width
                for (nx, ny) in [(x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)]
                where nx >= 0 && ny >= 0 && nx < width && ny < height && core[ny * width + nx] {
                    core[ny * width + nx] = false
                    stack.append(ny * width + nx)
                }
            }
        }
        return blobs
    }

    func testSameFigureGivesSameBytes() throws {
        func build() throws -> Figure {
            var values: [Double] = []
            for index in 0..<(40 * 40) { values.append(sin(Double(index) * 0.37)) }
            let phases = (0..<40).map { Double($0) * 0.3 }
            return try syncFigure(
                coupling: Matrix(rows: 40, columns: 40, values: values),
                phases: phases)
        }
        let first = try build().svg()
        let second = try build().svg()
        XCTAssertEqual(first, second)
        let path = renderFolder.appendingPathComponent("twice/a.svg").path
        try build().save(path)
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(saved, first)
    }

    func testLargeHeatmapStaysSmall() throws {
        var state: UInt64 = 12345
        var values: [Double] = []
        for _ in 0..<(512 * 512) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Double(state >> 11) / Double(1 << 53))
        }
        let figure = try Figure(width: 6, height: 5)
        let axes = try figure.axes(0)
        try axes.imshow(Matrix(rows: 512, columns: 512, values: values))
        try axes.colorbar()
        let svg = figure.svg()
        XCTAssertLessThan(svg.utf8.count, 2_000_000)
        XCTAssertNil(xmlError(svg))
    }

    func testHeatmapPNGRoundTrips() throws {
        var image = RGBImage(width: 3, height: 2)
        image.set(0, 0, Color(red: 10, green: 20, blue: 30))
        image.set(2, 1, Color(red: 200, green: 100, blue: 0))
        let decoded = try PNGDecoder.decode(PNGEncoder.encode(image.scaled(by: 5)))
        XCTAssertEqual(decoded.width, 15)
        XCTAssertEqual(decoded.height, 10)
        XCTAssertEqual(decoded.pixel(4, 4).r, 10)
        XCTAssertEqual(decoded.pixel(4, 4).b, 30)
        XCTAssertEqual(decoded.pixel(14, 9).r, 200)
        XCTAssertEqual(decoded.pixel(14, 9).g, 100)
        XCTAssertEqual(decoded.pixel(7, 2).g, 255)
    }
}

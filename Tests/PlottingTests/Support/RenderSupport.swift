import Foundation
import Plotting

#if canImport(FoundationXML)
    import FoundationXML
#endif

enum RenderError: Error, CustomStringConvertible {
    case failed(String)
    var description: String {
        switch self {
        case .failed(let message): return message
        }
    }
}

/// Folder for rendered test output, unique per test run.
let renderFolder: URL = {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("plotting-tests-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

/// Returns whether `svg` parses as well-formed XML, with the parser's error if not.
func xmlError(_ svg: String) -> String? {
    let parser = XMLParser(data: Data(svg.utf8))
    if parser.parse() { return nil }
    return parser.parserError.map { "\($0)" } ?? "unknown XML error"
}

/// Renders `figure` with rsvg-convert and decodes the PNG.
func renderPNG(_ figure: Figure, name: String) throws -> DecodedImage {
    let svgPath = renderFolder.appendingPathComponent("\(name).svg").path
    let pngPath = renderFolder.appendingPathComponent("\(name).png").path
    try figure.save(svgPath)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["rsvg-convert", "--background-color", "white", "-o", pngPath, svgPath]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    if process.terminationStatus != 0 {
        let message = String(
            decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        throw RenderError.failed("rsvg-convert failed on \(svgPath): \(message)")
    }
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: pngPath)))
    return try PNGDecoder.decode(bytes)
}

/// Counts occurrences of `needle` in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

/// Extracts the numeric attribute `name` from every element of `text` carrying `marker`.
func attributeValues(_ name: String, ofElementsWith marker: String, in text: String) -> [Double] {
    text.split(separator: "\n").filter { $0.contains(marker) }.compactMap { line in
        guard let range = line.range(of: " \(name)=\"") else { return nil }
        let rest = line[range.upperBound...]
        return Double(rest.prefix(while: { $0 != "\"" }))
    }
}

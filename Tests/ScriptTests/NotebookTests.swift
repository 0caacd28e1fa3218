import Foundation
import XCTest

/// Runs `mfs notebook` on small scripts and checks the HTML page it writes.
final class NotebookTests: XCTestCase {
    var folder = URL(fileURLWithPath: "/")

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("mfs-notebook-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    func notebook(_ source: String, _ extra: [String] = []) throws -> (status: Int32, page: String, errors: String) {
        let script = folder.appendingPathComponent("study.mfs")
        try source.write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = try REPLTranscriptTests.binary()
        process.arguments = ["notebook", "study.mfs", "-o", "pages/study.html"] + extra
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let page = (try? String(contentsOf: folder.appendingPathComponent("pages/study.html"), encoding: .utf8)) ?? ""
        return (process.terminationStatus, page, String(decoding: errorData, as: UTF8.self))
    }

    func testPageHasOutputFiguresAndTimes() throws {
        let result = try notebook("""
            let scale = 2
            %% Printing
            print("scaled:", scale * 21)
            warn("careful")
            %% Figure
            save_text("figs/box.svg", "<svg xmlns=\\"http://www.w3.org/2000/svg\\" width=\\"10\\" height=\\"10\\"/>")
            """, ["--set", "scale=3"])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.page.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(result.page.contains("scaled: 63\n"), "--set replaces the let")
        XCTAssertTrue(result.page.contains("run with --set: <code>scale = 3</code>"), "the page names the override")
        XCTAssertTrue(result.page.contains("<span class=\"stderr\">warning: careful\n</span>"))
        XCTAssertTrue(result.page.contains("src=\"data:image/svg+xml;base64,"))
        XCTAssertTrue(result.page.contains("<figcaption>box.svg</figcaption>"))
        XCTAssertTrue(result.page.contains("<span class=\"hl-keyword\">let</span>"))
        XCTAssertTrue(result.page.contains("<span class=\"hl-cell\">%% Printing</span>"))
        XCTAssertEqual(result.page.components(separatedBy: "<section class=\"cell ok\"").count - 1, 3)
        XCTAssertFalse(result.page.contains("http-equiv"), "the page loads nothing")
    }

    func testFailingCellStopsLaterCells() throws {
        let result = try notebook("""
            %% Works
            print("one")
            %% Breaks
            let items = [1]
            items[5]
            %% Never
            print("three")
            """)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.page.contains("<section class=\"cell failed\" id=\"cell-2\">"))
        XCTAssertTrue(result.page.contains("<section class=\"cell not-run\" id=\"cell-3\">"))
        XCTAssertTrue(result.page.contains("study.mfs:5:"), "the error points at the source line")
        XCTAssertFalse(result.page.contains("three\n</pre>"))
    }

    func testSyntaxErrorStillWritesPage() throws {
        let result = try notebook("print((1, 2]\n%% Later\nprint(2)\n")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.page.contains("<pre class=\"error\">"))
        XCTAssertTrue(result.page.contains("cell not-run"))
    }

    func testUsageErrors() throws {
        let process = Process()
        process.executableURL = try REPLTranscriptTests.binary()
        process.arguments = ["notebook", "missing.mfs", "-o", "x.html"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 2)
    }
}

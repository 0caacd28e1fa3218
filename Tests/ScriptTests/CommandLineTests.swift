import Foundation
import XCTest

/// Runs the built `mfs` binary to check exit statuses; skipped when it has not been built.
final class CommandLineTests: XCTestCase {
    static let golden = GoldenTests.directory

    func mfs(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        try CommandLineTests.run(arguments)
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let bundle = Bundle(for: CommandLineTests.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("mfs") }
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else {
            throw XCTSkip("mfs binary not built next to \(bundle.path)")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outputData, as: UTF8.self),
            String(decoding: errorData, as: UTF8.self)
        )
    }

    func path(_ name: String) -> String { CommandLineTests.golden.appendingPathComponent(name).path }

    func testRunSuccessExitsZero() throws {
        let result = try mfs(["run", path("basics_print.mfs")])
        XCTAssertEqual(result.status, 0)
    }

    func testRuntimeErrorExitsOne() throws {
        let result = try mfs(["run", path("error_runtime_stack.mfs")])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.contains("stack (innermost first)"))
    }

    func testUnknownSetNameIsUsageError() throws {
        let result = try mfs(["run", path("cli_set.mfs"), "--set", "nope=1"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.errors.contains("no top-level 'let nope'"))
    }

    func testSetReplacesLetAndArgs() throws {
        let result = try mfs([
            "run", path("cli_set.mfs"), "--set", "epochs=20", "--set", "root=/data/genres", "--", "a",
        ])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.output, "20\n/data/genres\nstring\n[\"a\"]\n")
    }

    func testCellSelection() throws {
        let only = try mfs(["run", path("cells.mfs"), "--cell", "Second"])
        XCTAssertEqual(only.output, "setup\nsecond\n")
        let upto = try mfs(["run", path("cells.mfs"), "--upto", "1"])
        XCTAssertEqual(upto.output, "setup\nfirst\n")
        let missing = try mfs(["run", path("cells.mfs"), "--cell", "9"])
        XCTAssertEqual(missing.status, 2)
    }

    func testTimeoutStopsInfiniteLoop() throws {
        let result = try mfs(["run", path("loop_forever.mfs.txt"), "--timeout", "0.5"])
        XCTAssertEqual(result.status, 124)
        XCTAssertTrue(result.errors.contains("timed out after 0.5 seconds"))
    }

    func testCheckReportsErrorsWithoutRunning() throws {
        let result = try mfs(["check", path("error_resolve.mfs")])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.output, "")
    }

    func testMissingFileIsUsageError() throws {
        XCTAssertEqual(try mfs(["run", "/nonexistent.mfs"]).status, 2)
        XCTAssertEqual(try mfs(["run", path("basics_print.mfs"), "--bogus"]).status, 2)
        XCTAssertEqual(try mfs(["repl", "extra"]).status, 2)
    }
}

import Foundation
import XCTest

/// Pipes each `REPLTranscripts/NAME.in` into `mfs repl` (run in that folder) and compares
/// standard output with `NAME.out`, and the exit status and standard error with `NAME.err`.
/// Set MFS_UPDATE_GOLDEN=1 to rewrite the expected files from the current results.
final class REPLTranscriptTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("REPLTranscripts")

    /// Finds the `mfs` binary built next to the test bundle, or skips the test.
    static func binary() throws -> URL {
        let bundle = Bundle(for: REPLTranscriptTests.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map {
            $0.appendingPathComponent("mfs")
        }
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else {
            throw XCTSkip("mfs binary not built next to \(bundle.path)")
        }
        return binary
    }

    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `mfs repl` with `input` on a pipe, in `folder`, with a private history file.
    static func runPiped(_ input: Data, in folder: URL = directory, environment: [String: String] = [:])
        throws -> Outcome
    {
        // A child that stops reading early must not kill the test process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = try binary()
        process.arguments = ["repl"]
        process.currentDirectoryURL = folder
        var variables = ProcessInfo.processInfo.environment
        variables["MFS_HISTORY"] = "/nonexistent-folder/history"
        variables.merge(environment) { $1 }
        process.environment = variables
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorData = ReadAll(stderr.fileHandleForReading)
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData.wait(), as: UTF8.self))
    }

    func testTranscripts() throws {
        let inputs = try FileManager.default.contentsOfDirectory(
            at: REPLTranscriptTests.directory, includingPropertiesForKeys: nil
        ).filter { $0.pathExtension == "in" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThanOrEqual(inputs.count, 3)
        for input in inputs {
            let outcome = try REPLTranscriptTests.runPiped(try Data(contentsOf: input))
            let base = input.deletingPathExtension()
            check(outcome.output, base.appendingPathExtension("out"), input)
            check("exit: \(outcome.status)\n" + outcome.errors, base.appendingPathExtension("err"), input)
        }
    }

    private func check(_ actual: String, _ expectedFile: URL, _ input: URL) {
        if GoldenTests.updating {
            XCTAssertNoThrow(try actual.write(to: expectedFile, atomically: true, encoding: .utf8))
            return
        }
        guard let expected = try? String(contentsOf: expectedFile, encoding: .utf8) else {
            XCTFail("\(input.lastPathComponent): \(expectedFile.lastPathComponent) is missing; "
                + "run with MFS_UPDATE_GOLDEN=1 to create it")
            return
        }
        XCTAssertEqual(actual, expected, "\(input.lastPathComponent) differs from \(expectedFile.lastPathComponent)")
    }

    func testMegabytePasteRunsOnce() throws {
        // A list literal of about 1 MB over 100,000 lines, then a line that uses it.
        var text = "let big = [\n"
        for number in 0..<100_000 { text += "  \(number),\n" }
        text += "]\nlen(big)\n"
        XCTAssertGreaterThan(text.utf8.count, 700_000)
        let start = Date()
        let outcome = try REPLTranscriptTests.runPiped(Data(text.utf8))
        XCTAssertEqual(outcome.output, "100000\n")
        XCTAssertEqual(outcome.status, 0)
        XCTAssertLessThan(Date().timeIntervalSince(start), 15)
    }

    func testMegabyteLineRuns() throws {
        let text = "let s = \"" + String(repeating: "x", count: 1_000_000) + "\"\nlen(s)\n"
        let outcome = try REPLTranscriptTests.runPiped(Data(text.utf8))
        XCTAssertEqual(outcome.output, "1000000\n")
        XCTAssertEqual(outcome.status, 0)
    }

    func testTimeCommandPrintsWallTime() throws {
        let outcome = try REPLTranscriptTests.runPiped(Data(":time 2 + 3\n".utf8))
        XCTAssertEqual(outcome.output, "5\n")
        XCTAssertTrue(outcome.errors.hasPrefix("time: "), outcome.errors)
    }

    func testEmptyInputExitsZero() throws {
        let outcome = try REPLTranscriptTests.runPiped(Data())
        XCTAssertEqual(outcome.status, 0)
        XCTAssertEqual(outcome.output, "")
    }
}

/// Reads a pipe to its end on another thread, so two pipes can drain at once.
final class ReadAll: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

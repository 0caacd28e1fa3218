import Foundation
import XCTest

@testable import Script

/// Runs every `Golden/NAME.mfs` in process and compares its standard output with `NAME.out`
/// and, for a failing program, its exit status and diagnostics with `NAME.err`.
/// Set MFS_UPDATE_GOLDEN=1 to rewrite the expected files from the current results.
final class GoldenTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")
    static let updating = ProcessInfo.processInfo.environment["MFS_UPDATE_GOLDEN"] == "1"

    struct Outcome {
        var output = ""
        var errors = ""
        var status: Int32 = 0
    }

    /// Runs `path` the way `mfs run` does, but in this process, with `name` in diagnostics.
    static func run(_ path: String, name: String) -> Outcome {
        Interpreter.onLargeStack {
            var outcome = Outcome()
            let runtime = Runtime(output: { outcome.output += $0 }, warning: { outcome.errors += $0 })
            runtime.arguments = ["first", "second"]
            do {
                let file = try Interpreter.readSource(path: path, name: name)
                try Interpreter(runtime: runtime).run(file)
            } catch let list as DiagnosticList {
                outcome.errors += DiagnosticRenderer.render(list.diagnostics)
                outcome.status = 1
            } catch let diagnostic as Diagnostic {
                outcome.errors += DiagnosticRenderer.render(diagnostic)
                outcome.status = diagnostic.kind == .timedOut ? 124 : (diagnostic.kind == .interrupted ? 130 : 1)
            } catch {
                outcome.errors += "\(error)\n"
                outcome.status = 1
            }
            return outcome
        }
    }

    static func programs() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "mfs" && !$0.lastPathComponent.hasPrefix("lib_") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    func testGoldenPrograms() throws {
        let programs = try GoldenTests.programs()
        XCTAssertGreaterThanOrEqual(programs.count, 60)
        for program in programs {
            let outcome = GoldenTests.run(program.path, name: program.lastPathComponent)
            let base = program.deletingPathExtension()
            check(outcome.output, expectedAt: base.appendingPathExtension("out"), program)
            let errorFile = base.appendingPathExtension("err")
            if outcome.status != 0 || FileManager.default.fileExists(atPath: errorFile.path) {
                check("exit: \(outcome.status)\n" + outcome.errors, expectedAt: errorFile, program)
            }
        }
    }

    private func check(_ actual: String, expectedAt file: URL, _ program: URL) {
        if GoldenTests.updating {
            XCTAssertNoThrow(try actual.write(to: file, atomically: true, encoding: .utf8))
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            XCTFail("\(program.lastPathComponent): expected file \(file.lastPathComponent) is missing; "
                + "run with MFS_UPDATE_GOLDEN=1 to create it")
            return
        }
        XCTAssertEqual(actual, expected, "\(program.lastPathComponent) differs from \(file.lastPathComponent)")
    }
}

import Foundation
import XCTest

@testable import Script

/// Completion and incomplete-input detection of the REPL session, in process.
final class CompletionTests: XCTestCase {
    func session(_ setup: String) throws -> Session {
        let session = Session(runtime: Runtime(output: { _ in }, warning: { _ in }))
        try session.prepare(SourceFile(name: "<repl>", text: setup)).run()
        return session
    }

    func testBuiltinFunctionGetsParenthesis() throws {
        let completion = try session("").complete("sorte")
        XCTAssertEqual(completion.prefix, "sorte")
        XCTAssertEqual(completion.candidates, ["sorted("])
    }

    func testManifoldformerCompletesWhenRegistered() throws {
        guard BuiltinRegistry.standard.functions["manifoldformer"] != nil else {
            throw XCTSkip("manifoldformer is not registered in this build")
        }
        XCTAssertEqual(try session("").complete("manif").commonPrefix, "manifoldformer(")
    }

    func testVariablesAndUserFunctions() throws {
        let completion = try session("let learning_rate = 1\nfn learn(x) { return x }").complete("lear")
        XCTAssertEqual(completion.candidates, ["learn(", "learning_rate"])
    }

    func testRecordFieldsAfterDot() throws {
        let completion = try session("let point = (alpha: 1, beta: (gamma: 2))").complete("point.beta.g")
        XCTAssertEqual(completion.candidates, ["gamma"])
    }

    func testMethodsAfterDot() throws {
        let completion = try session("let items = [1]").complete("items.app")
        XCTAssertEqual(completion.candidates, ["append("])
    }

    func testDictionaryKeysAfterBracket() throws {
        let session = try session("let config = [\"epochs\": 3, \"eta\": 1]")
        XCTAssertEqual(session.complete("config[").candidates, ["\"epochs\"]", "\"eta\"]"])
        XCTAssertEqual(session.complete("config[\"ep").candidates, ["\"epochs\"]"])
    }

    func testPathsOnlyInsideStrings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mfs-completion-\(getpid())")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("runs"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("train.mfs").path, contents: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try session("")
        let inString = session.complete("load_text(\"\(folder.path)/tr")
        XCTAssertEqual(inString.candidates, ["\(folder.path)/train.mfs"])
        let folders = session.complete("x = \"\(folder.path)/ru")
        XCTAssertEqual(folders.candidates, ["\(folder.path)/runs/"])
        XCTAssertEqual(session.complete("\"\(folder.path)\" + tr").candidates, ["true"])
        XCTAssertEqual(session.complete("# \"\(folder.path)/tr").candidates, [])
    }

    func testInterpolationIsCode() throws {
        let completion = try session("let width = 3").complete("print(\"w = \\(wid")
        XCTAssertEqual(completion.candidates, ["width"])
    }

    func testIncompleteInput() {
        XCTAssertTrue(Session.isIncomplete("fn f(x) {\n"))
        XCTAssertTrue(Session.isIncomplete("print(1,\n"))
        XCTAssertTrue(Session.isIncomplete("let d = [\n\"a\": 1,\n"))
        XCTAssertFalse(Session.isIncomplete("print(1)\n"))
        XCTAssertFalse(Session.isIncomplete("print(1 2\n"), "an error before the end is reported at once")
        XCTAssertFalse(Session.isIncomplete("let s = \"open\n"), "strings end at the line break")
    }

    func testSessionKeepsStateAfterError() throws {
        let session = try session("let kept = 5")
        XCTAssertThrowsError(try session.prepare(SourceFile(name: "<repl>", text: "missing_name")))
        XCTAssertThrowsError(try session.prepare(SourceFile(name: "<repl>", text: "assert(false)")).run())
        let value = try session.prepare(SourceFile(name: "<repl>", text: "kept * 2"), echo: true).run()
        XCTAssertEqual(value?.formatted(), "10")
    }

    func testTrailingSemicolonHidesValue() throws {
        let session = try session("")
        XCTAssertNil(try session.prepare(SourceFile(name: "<repl>", text: "1 + 1;"), echo: true).run())
        XCTAssertNotNil(try session.prepare(SourceFile(name: "<repl>", text: "1 + 1"), echo: true).run())
    }

    func testModuleChildrenAndParametersAfterDot() throws {
        let model = try session("let model = manifoldformer(input: 4, latent: 8)")
        XCTAssertTrue(model.complete("model.at").candidates.contains("attn"))
        XCTAssertTrue(model.complete("model.attn.geo").candidates.contains("geo_weight"))
        XCTAssertTrue(model.complete("model.attn.geo_weight.sh").candidates.contains("shape"))
    }
}

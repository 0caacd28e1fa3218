import Foundation
import XCTest

@testable import Script

/// Keeps the builtin section of docs/language.md equal to what the registry generates.
final class LanguageReferenceTests: XCTestCase {
    static let startMarker = "<!-- builtins:start -->\n"
    static let endMarker = "<!-- builtins:end -->"

    func testBuiltinSectionIsCurrent() throws {
        let reference = GoldenTests.directory.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/language.md")
        let text = try String(contentsOf: reference, encoding: .utf8)
        guard let start = text.range(of: LanguageReferenceTests.startMarker),
            let end = text.range(of: LanguageReferenceTests.endMarker)
        else {
            XCTFail("docs/language.md lacks the builtins:start and builtins:end markers")
            return
        }
        let generated = HelpText.markdown(.standard)
        if GoldenTests.updating {
            let updated = text.replacingCharacters(in: start.upperBound..<end.lowerBound, with: generated)
            try updated.write(to: reference, atomically: true, encoding: .utf8)
            return
        }
        XCTAssertEqual(
            String(text[start.upperBound..<end.lowerBound]), generated,
            "docs/language.md is out of date; run the tests with MFS_UPDATE_GOLDEN=1")
    }
}

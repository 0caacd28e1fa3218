import Foundation
import XCTest

@testable import Script

/// Types into the `mfs` REPL on a pseudo-terminal (a private tmux server) and reads the
/// screen. Skipped when tmux or the built binary is missing; each wait times out after
/// a few seconds, so a hang fails the test instead of stalling the suite.
final class REPLTerminalTests: XCTestCase {
    var socket = ""
    var home = URL(fileURLWithPath: "/")

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            throw XCTSkip("tmux is not installed; scripts/bootstrap installs it")
        }
        _ = try REPLTranscriptTests.binary()
        socket = "mfs-repl-test-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        home = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    override func tearDown() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: home)
    }

    /// Runs a tmux client against the private server and returns its output. It uses
    /// posix_spawn and waitpid because Foundation's Process did not notice the client's
    /// exit once the client had started a server in the background. The output goes
    /// through a file, which the server may keep open without blocking anyone.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputFile = home.appendingPathComponent("tmux-output").path
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, "/usr/bin/tmux", &actions, nil, &cArguments, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        var exitStatus: Int32 = 0
        while waitpid(child, &exitStatus, 0) == -1 && errno == EINTR {}
        return String(decoding: FileManager.default.contents(atPath: outputFile) ?? Data(), as: UTF8.self)
    }

    /// Starts `mfs` in a new tmux session; `term` overrides the pane's TERM.
    func start(term: String? = nil) throws {
        let binary = try REPLTranscriptTests.binary().path
        let environment = "HOME=\(home.path) MFS_HISTORY=\(home.path)/history" + (term.map { " TERM=\($0)" } ?? "")
        let command = "cd \(home.path) && env \(environment) \(binary); echo EXITED=$?; sleep 60"
        try tmux(["new-session", "-d", "-x", "120", "-y", "40", "-s", "repl", command])
    }

    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "repl"])
    }

    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "repl"] + keys)
    }

    /// Sends literal text, without tmux reading key names such as `Enter` in it.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "repl", "-l", text])
    }

    /// Waits until `condition` holds for the screen, failing after `timeout` seconds.
    @discardableResult
    func waitFor(
        _ description: String, timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line,
        _ condition: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("timed out waiting for \(description); screen:\n\(last)", file: file, line: line)
        return last
    }

    func waitFor(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try waitFor("'\(text)'", file: file, line: line) { $0.contains(text) }
    }

    /// The last screen line that starts with a prompt. capture-pane drops trailing spaces,
    /// so waits look for `mfs>` rather than the full prompt `mfs> `.
    func lastPromptLine(_ screen: String) -> String {
        screen.split(separator: "\n").last { $0.hasPrefix("mfs> ") || $0.hasPrefix("...  ") }
            .map(String.init) ?? ""
    }

    func testEditingCompletionInterruptAndHistory() throws {
        try start()
        try waitFor("mfs>")
        try type("let kept = 7")
        try send("Enter")
        try waitFor("mfs> let kept = 7\nmfs>")

        // A builtin function completes with its opening parenthesis and no space.
        try type("sorte")
        try send("Tab")
        try waitFor("mfs> sorted(")
        try type("[3, 1, 2])")
        try send("Enter")
        try waitFor("[1, 2, 3]")

        if BuiltinRegistry.standard.functions["manifoldformer"] != nil {
            try type("manif")
            try send("Tab")
            try waitFor("mfs> manifoldformer(")
            try send("C-c")
            try waitFor("manifoldformer(^C")
        } else {
            print("REPLTerminalTests: manifoldformer is not registered; its completion check is skipped")
        }

        // A function over three lines continues until its brace closes.
        try type("fn twice(x) {")
        try send("Enter")
        try waitFor("...")
        try type("return 2 * x")
        try send("Enter")
        try type("}")
        try send("Enter")
        try type("twice(kept)")
        try send("Enter")
        try waitFor("\n14\n")

        // Ctrl-C stops an endless loop and keeps the variables.
        try type("while true {}")
        try send("Enter")
        Thread.sleep(forTimeInterval: 0.3)
        let interruptStart = Date()
        try send("C-c")
        try waitFor("error: interrupted")
        XCTAssertLessThan(Date().timeIntervalSince(interruptStart), 2.0)
        try type("kept + 1")
        try send("Enter")
        try waitFor("\n8\n")

        try send("C-d")
        try waitFor("EXITED=0")

        // A new process recalls the previous run's lines with Up.
        try tmux(["kill-session", "-t", "repl"])
        try start()
        try waitFor("mfs>")
        try send("Up")
        try waitFor("mfs> kept + 1")
        try send("Up")
        try waitFor("recalled twice(kept)") { self.lastPromptLine($0) == "mfs> while true {}" }
        try send("C-u")
        try send("C-r")
        try type("let ke")
        try waitFor("search shows the let") { $0.contains("let kept = 7") && $0.contains("let ke") }
        try send("Enter")
        try type("kept")
        try send("Enter")
        try waitFor("\n7\n")
        try send("C-d")
        try waitFor("EXITED=0")
    }

    func testInterruptDuringTrainingKeepsModel() throws {
        guard BuiltinRegistry.standard.functions["fit"] != nil else {
            throw XCTSkip("training builtins are not registered in this build")
        }
        try start()
        try waitFor("mfs>")
        try type("let data = chords(samples: 32, seq: 32, channels: 8, seed: 1)")
        try send("Enter")
        try type("let model = manifoldformer(input: 8, latent: 8)")
        try send("Enter")
        try type("let opt = adam(model, lr: 1e-3)")
        try send("Enter")

        // A training loop typed at the prompt, stopped mid-step.
        try type("while true { let x = data.batch(0, 8); let l = full_loss(model, model(x), x);"
            + " opt.zero_grad(); l.backward(); opt.step() }")
        try send("Enter")
        Thread.sleep(forTimeInterval: 0.5)
        try send("C-c")
        try waitFor("error: interrupted")
        try type("model.attn.geo_weight.shape")
        try send("Enter")
        try waitFor("\n[]\n")

        // fit stops between batches and leaves the model usable.
        try type("let h = fit(model, data, optimizer: opt, epochs: 100000, batch: 8, seed: 1)")
        try send("Enter")
        Thread.sleep(forTimeInterval: 1.0)
        try send("C-c")
        try waitFor("fit stopped") {
            $0.contains("1 | let h = fit(") && $0.contains("error: interrupted")
        }
        try type("model(data.batch(0, 2)).z_dyn.shape")
        try send("Enter")
        try waitFor("[2, 32, 8]")
        try send("C-d")
        try waitFor("EXITED=0")
    }

    func testDumbTerminalAndBadInput() throws {
        // The history file is a folder, so it cannot be written.
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent("history"), withIntermediateDirectories: true)
        try start(term: "dumb")
        let raw = home.appendingPathComponent("raw-output")
        try tmux(["pipe-pane", "-t", "repl", "-o", "cat >> '\(raw.path)'"])
        try waitFor("cannot write history file")
        try waitFor("mfs>")
        try type("let base = 5")
        try send("Enter")
        try type(":load missing-file.mfs")
        try send("Enter")
        try waitFor("error: file not found: missing-file.mfs")
        try type("print((1, 2]")
        try send("Enter")
        try waitFor("error: expected")
        try type("base * 2")
        try send("Enter")
        try waitFor("\n10\n")
        try type(":quit")
        try send("Enter")
        try waitFor("EXITED=0")
        let bytes = try Data(contentsOf: raw)
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains("mfs> base * 2"))
        XCTAssertFalse(bytes.contains(0x1B), "a dumb terminal must get no escape codes")
    }
}

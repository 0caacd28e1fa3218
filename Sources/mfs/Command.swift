import Foundation
import Script

/// Exit statuses of the command line.
enum ExitStatus {
    static let success: Int32 = 0
    static let scriptError: Int32 = 1
    static let usage: Int32 = 2
    static let timedOut: Int32 = 124
    static let interrupted: Int32 = 130
}

struct UsageError: Error {
    let message: String
}

enum Command {
    static let version = "mfs 0.1.0"

    static let usage = """
        usage: mfs run FILE [--cell N|TITLE] [--upto N|TITLE] [--set NAME=VALUE ...]
                            [--timeout SECONDS] [-- ARGS ...]
               mfs check FILE
               mfs notebook FILE -o PAGE.html [--set NAME=VALUE ...]
               mfs help [NAME | --markdown]
               mfs --version
               mfs [repl]

        """

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func main(_ arguments: [String]) -> Int32 {
        do {
            switch arguments.first {
            case nil, "repl":
                guard arguments.count <= 1 else {
                    throw UsageError(message: "repl takes no arguments; use 'mfs run FILE' for a file")
                }
                return REPL.main()
            case "notebook":
                return try NotebookCommand(Array(arguments.dropFirst())).execute()
            case "--version", "version":
                print(version)
                return ExitStatus.success
            case "help", "--help", "-h":
                return help(Array(arguments.dropFirst()))
            case "run":
                return try RunCommand(Array(arguments.dropFirst())).execute()
            case "check":
                return try check(Array(arguments.dropFirst()))
            case let other?:
                throw UsageError(message: "unknown command '\(other)'")
            }
        } catch let error as UsageError {
            writeError("mfs: \(error.message)\n\(usage)")
            return ExitStatus.usage
        } catch {
            writeError("mfs: \(error)\n")
            return ExitStatus.scriptError
        }
    }

    static func help(_ arguments: [String]) -> Int32 {
        let registry = BuiltinRegistry.standard
        guard let topic = arguments.first else {
            print(usage + "\n" + HelpText.overview(registry), terminator: "")
            return ExitStatus.success
        }
        if topic == "--markdown" {
            print(HelpText.markdown(registry), terminator: "")
            return ExitStatus.success
        }
        guard let text = HelpText.topic(topic, registry) else {
            writeError("mfs: no help for '\(topic)'; 'mfs help' lists every builtin\n")
            return ExitStatus.usage
        }
        print(text, terminator: "")
        return ExitStatus.success
    }

    static func check(_ arguments: [String]) throws -> Int32 {
        guard arguments.count == 1 else { throw UsageError(message: "check takes one FILE") }
        let path = arguments[0]
        guard FileManager.default.fileExists(atPath: path) else {
            throw UsageError(message: "file not found: \(path)")
        }
        let interpreter = Interpreter(runtime: Runtime())
        return report {
            try interpreter.check(try Interpreter.readSource(path: path))
        }
    }

    /// The text of an error as printed: rendered diagnostics, or `error: ...`.
    static func describe(_ error: Error) -> String {
        switch error {
        case let list as DiagnosticList: return DiagnosticRenderer.render(list.diagnostics)
        case let diagnostic as Diagnostic: return DiagnosticRenderer.render(diagnostic)
        case let usage as UsageError: return "error: \(usage.message)\n"
        default: return "error: \(error)\n"
        }
    }

    /// Runs `body` on a large stack and turns its errors into diagnostics and an exit status.
    static func report(_ body: @escaping () throws -> Void) -> Int32 {
        Interpreter.onLargeStack {
            do {
                try body()
                return ExitStatus.success
            } catch let list as DiagnosticList {
                writeError(DiagnosticRenderer.render(list.diagnostics))
                return ExitStatus.scriptError
            } catch let diagnostic as Diagnostic {
                writeError(DiagnosticRenderer.render(diagnostic))
                switch diagnostic.kind {
                case .interrupted: return ExitStatus.interrupted
                case .timedOut: return ExitStatus.timedOut
                case .syntax, .runtime: return ExitStatus.scriptError
                }
            } catch {
                writeError("error: \(error)\n")
                return ExitStatus.scriptError
            }
        }
    }
}

import Foundation
import Script

/// `mfs run FILE [--cell X] [--upto X] [--set NAME=VALUE ...] [--timeout S] [-- ARGS]`.
struct RunCommand {
    var path: String?
    var cell: String?
    var upto: String?
    var settings: [(name: String, value: String)] = []
    var timeout: Double?
    var scriptArguments: [String] = []

    init(_ arguments: [String]) throws {
        var remaining = arguments[...]
        func value(for option: String) throws -> String {
            guard let next = remaining.popFirst() else {
                throw UsageError(message: "option \(option) needs a value")
            }
            return next
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--":
                scriptArguments = Array(remaining)
                remaining = []
            case "--cell": cell = try value(for: argument)
            case "--upto": upto = try value(for: argument)
            case "--set":
                let setting = try value(for: argument)
                guard let equals = setting.firstIndex(of: "="), equals != setting.startIndex else {
                    throw UsageError(message: "--set needs NAME=VALUE, got '\(setting)'")
                }
                settings.append((String(setting[..<equals]), String(setting[setting.index(after: equals)...])))
            case "--timeout":
                let text = try value(for: argument)
                guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
                    throw UsageError(message: "--timeout needs a positive number of seconds, got '\(text)'")
                }
                timeout = seconds
            default:
                if argument.hasPrefix("-") && argument.count > 1 {
                    throw UsageError(message: "unknown option '\(argument)'")
                }
                guard path == nil else { throw UsageError(message: "unexpected argument '\(argument)'") }
                path = argument
            }
        }
        if cell != nil && upto != nil { throw UsageError(message: "--cell and --upto cannot be combined") }
    }

    func execute() throws -> Int32 {
        guard let path else { throw UsageError(message: "run needs a FILE") }
        guard FileManager.default.fileExists(atPath: path) else {
            throw UsageError(message: "file not found: \(path)")
        }
        let runtime = Runtime()
        runtime.arguments = scriptArguments
        let interpreter = Interpreter(runtime: runtime)
        var usageFailure: UsageError?
        installInterruptHandler()
        if let timeout { StopFlag.startTimer(seconds: timeout) }
        let status = Command.report {
            let file = try Interpreter.readSource(path: path)
            let program = try Interpreter.parse(file)
            do {
                let selection = try selectCells(program)
                let overrides = try resolveSettings(program)
                try interpreter.run(file, cells: selection, overrides: overrides)
            } catch let error as UsageError {
                usageFailure = error
            }
        }
        if let usageFailure { throw usageFailure }
        return status
    }

    private func selectCells(_ program: Program) throws -> CellSelection {
        do {
            if let cell { return .only(try Interpreter.cellNumber(cell, in: program)) }
            if let upto { return .upTo(try Interpreter.cellNumber(upto, in: program)) }
        } catch let error as Diagnostic {
            throw UsageError(message: ([error.message] + error.notes).joined(separator: "\n"))
        }
        return .all
    }

    func resolveSettings(_ program: Program) throws -> [String: Value] {
        let constants = Interpreter.topLevelConstants(program)
        var overrides: [String: Value] = [:]
        for (name, text) in settings {
            switch constants[name] ?? 0 {
            case 0:
                var message = "--set \(name): the file has no top-level 'let \(name)'"
                if let suggestion = closestName(to: name, among: Array(constants.keys)) {
                    message += "; did you mean '\(suggestion)'?"
                }
                throw UsageError(message: message)
            case 1:
                overrides[name] = Interpreter.literal(text)
            default:
                throw UsageError(message: "--set \(name): 'let \(name)' is declared more than once")
            }
        }
        return overrides
    }

    /// Makes Ctrl-C request a stop at the next loop or call; a second Ctrl-C exits at once.
    private func installInterruptHandler() {
        signal(SIGINT) { _ in
            if StopFlag.request != .none { _exit(ExitStatus.interrupted) }
            StopFlag.set(.interrupt)
        }
    }
}

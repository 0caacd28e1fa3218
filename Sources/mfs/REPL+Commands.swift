import Foundation
import Script

extension REPL {
    static let commandHelp = """
        commands:
          :help [NAME]       help for a builtin or variable; without NAME, the builtin groups
          :vars              the session's variables with their types and values
          :time EXPR         run EXPR and print its wall time
          :load FILE         run every cell of FILE; its names join the session
          :run FILE [CELL]   run cell 0 of FILE and then CELL (a number or title), or all cells
          :cells FILE        list the cells of FILE
          :reset             forget every variable, function and import
          :quit              leave (Ctrl-D does the same)
        Tab completes names, fields after '.', keys after '[' and paths in strings;
        Ctrl-R searches the history; Ctrl-C stops a running command.

        """

    /// Runs a `:command` line and returns its status.
    func command(_ line: String) -> Int32 {
        let body = line.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace })
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        switch name {
        case "help", "h", "?": return help(argument)
        case "vars": return listVariables()
        case "time":
            guard !argument.isEmpty else { return usageError(":time needs an expression") }
            return evaluate(argument, timed: true)
        case "load": return runFile(argument, command: ":load", cellRequested: false)
        case "run": return runFile(argument, command: ":run", cellRequested: true)
        case "cells": return listCells(argument)
        case "reset":
            session = REPL.makeSession()
            onReset?(session)
            Command.writeError("session reset: no variables, functions or imports remain\n")
            return ExitStatus.success
        case "quit", "q", "exit": return REPL.quitStatus
        default:
            return usageError("unknown command ':\(name)'; :help lists the commands")
        }
    }

    func usageError(_ message: String) -> Int32 {
        Command.writeError("error: \(message)\n")
        return ExitStatus.usage
    }

    private func help(_ topic: String) -> Int32 {
        let registry = session.runtime.registry
        if topic.isEmpty {
            var text = "builtin groups (:help NAME shows one builtin; `mfs help` lists all):\n"
            for group in registry.groups {
                let names = registry.builtins(in: group).map { builtin in
                    builtin.receiver.map { "\($0).\(builtin.name)" } ?? builtin.name
                }
                let shown = names.prefix(8).joined(separator: ", ")
                text += "  \(group) (\(names.count)): \(shown)\(names.count > 8 ? ", ..." : "")\n"
            }
            print(text + "\n" + REPL.commandHelp, terminator: "")
            return ExitStatus.success
        }
        if let text = HelpText.topic(topic, registry) {
            print(text, terminator: "")
            return ExitStatus.success
        }
        if let value = session.value(of: topic) {
            if case .function(let function) = value {
                print(function.signature.display(name: function.name) + "\n    defined in this session")
            } else {
                print("\(topic): a \(value.typeName) defined in this session")
            }
            return ExitStatus.success
        }
        let names = Array(registry.functions.keys) + session.variables.map(\.name)
        var message = "no help for '\(topic)'"
        if let suggestion = closestName(to: topic, among: names) {
            message += "; did you mean '\(suggestion)'?"
        }
        return usageError(message)
    }

    private func listVariables() -> Int32 {
        let variables = session.variables
        guard !variables.isEmpty else {
            print("no variables yet")
            return ExitStatus.success
        }
        let width = min(24, variables.map(\.name.count).max() ?? 0)
        for (name, value) in variables {
            var shown = value.formatted(quoted: true)
            if let newline = shown.firstIndex(of: "\n") { shown = shown[..<newline] + " ..." }
            if shown.count > 60 { shown = shown.prefix(57) + "..." }
            let padded = name.padding(toLength: max(width, name.count), withPad: " ", startingAt: 0)
            let type = value.typeName.padding(toLength: 10, withPad: " ", startingAt: 0)
            print("\(padded)  \(type) \(shown)")
        }
        return ExitStatus.success
    }

    /// Splits `FILE [REST]`; FILE may be quoted to contain spaces.
    static func splitPath(_ argument: String) -> (path: String, rest: String) {
        if argument.hasPrefix("\""), let close = argument.dropFirst().firstIndex(of: "\"") {
            let path = String(argument[argument.index(after: argument.startIndex)..<close])
            let rest = argument[argument.index(after: close)...]
            return (path, rest.trimmingCharacters(in: .whitespaces))
        }
        let path = String(argument.prefix { !$0.isWhitespace })
        let rest = argument.dropFirst(path.count).trimmingCharacters(in: .whitespaces)
        return (path, rest)
    }

    /// Reads FILE for a command, reporting a missing or unreadable file.
    private func readFile(_ argument: String, command: String) -> (SourceFile, String)? {
        let (path, rest) = REPL.splitPath(argument)
        guard !path.isEmpty else {
            _ = usageError("\(command) needs a FILE")
            return nil
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue
        else {
            _ = usageError("file not found: \(path)")
            return nil
        }
        do {
            return (try Interpreter.readSource(path: path), rest)
        } catch {
            Command.writeError(Command.describe(error))
            return nil
        }
    }

    /// `:load FILE` runs every cell; `:run FILE [CELL]` runs cell 0 and CELL, or every cell.
    private func runFile(_ argument: String, command: String, cellRequested: Bool) -> Int32 {
        guard let (file, rest) = readFile(argument, command: command) else { return ExitStatus.usage }
        if !cellRequested && !rest.isEmpty {
            return usageError("\(command) takes one FILE; use :run FILE CELL to pick a cell")
        }
        var selection = CellSelection.all
        if !rest.isEmpty {
            do {
                selection = .only(try Interpreter.cellNumber(rest, in: try Interpreter.parse(file)))
            } catch {
                Command.writeError(Command.describe(error))
                return ExitStatus.usage
            }
        }
        let session = self.session
        return measure(always: false) {
            try session.prepare(file).run(selection)
        }
    }

    private func listCells(_ argument: String) -> Int32 {
        guard let (file, rest) = readFile(argument, command: ":cells") else { return ExitStatus.usage }
        guard rest.isEmpty else { return usageError(":cells takes one FILE") }
        do {
            let program = try Interpreter.parse(file)
            for cell in program.cells {
                let title = cell.number == 0 ? "(setup, always runs)" : cell.title
                let line = cell.statements.first.map { "  line \($0.range.start.line)" } ?? ""
                let count = cell.statements.count
                print("\(cell.number)  \(title)  [\(count) statement\(count == 1 ? "" : "s")\(line)]")
            }
            return ExitStatus.success
        } catch {
            Command.writeError(Command.describe(error))
            return ExitStatus.scriptError
        }
    }
}

extension Interpreter {
    /// Parses a `--set` value: a number (sign allowed), `true`, `false`, `none`, a quoted
    /// string or a list of such literals; any other text is taken as a plain string.
    public static func literal(_ text: String) -> Value {
        let parser = Parser(file: SourceFile(name: "--set", text: text))
        guard parser.diagnostics.isEmpty, let expr = try? parser.parseExpression(),
            parser.check(.newline) || parser.check(.endOfInput),
            parser.kind(ahead: parser.check(.newline) ? 1 : 0) == .endOfInput,
            let value = literalValue(expr)
        else {
            return .string(text)
        }
        return value
    }

    private static func literalValue(_ expr: Expr) -> Value? {
        switch expr.kind {
        case .number(let number): return .number(number)
        case .unary(.negate, let operand):
            guard case .number(let number) = operand.kind else { return nil }
            return .number(-number)
        case .string(let text): return .string(text)
        case .bool(let flag): return .bool(flag)
        case .none: return Value.none
        case .list(let items):
            var values: [Value] = []
            for item in items {
                guard let value = literalValue(item) else { return nil }
                values.append(value)
            }
            return .list(values)
        default: return nil
        }
    }

    /// How often each name is declared by a top-level `let NAME` in the program.
    public static func topLevelConstants(_ program: Program) -> [String: Int] {
        var counts: [String: Int] = [:]
        for cell in program.cells {
            for statement in cell.statements {
                if case .declaration(true, .name(let name, _), _) = statement.kind {
                    counts[name, default: 0] += 1
                }
            }
        }
        return counts
    }

    /// The number of the cell `selector` names: a cell number or an exact, unique title.
    public static func cellNumber(_ selector: String, in program: Program) throws -> Int {
        if let number = Int(selector) {
            guard number >= 0 && number < program.cells.count else {
                throw Diagnostic("cell \(number) does not exist; the file has cells 0 to \(program.cells.count - 1)")
            }
            return number
        }
        let matches = program.cells.filter { $0.number > 0 && $0.title == selector }
        guard matches.count == 1 else {
            let titles = program.cells.dropFirst().map { "\($0.number): \($0.title)" }
            let problem = matches.isEmpty ? "no cell is titled" : "several cells are titled"
            throw Diagnostic("\(problem) '\(selector)'", notes: ["cells: " + titles.joined(separator: "; ")])
        }
        return matches[0].number
    }
}

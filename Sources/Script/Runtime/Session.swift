import Foundation

/// A persistent interpreter state for the REPL and notebooks: top-level variables, functions
/// and imports of every input stay visible to the inputs after it, and an input that fails
/// keeps what the inputs before it defined.
public final class Session {
    public let runtime: Runtime
    let interpreter: Interpreter
    /// Top-level names of every input compiled so far, with the boxes that hold their values.
    var globals: [String: Binding] = [:]

    public init(runtime: Runtime) {
        self.runtime = runtime
        self.interpreter = Interpreter(runtime: runtime)
    }

    /// Whether `text` is the start of an input that is not finished: the only syntax errors
    /// are at the end of the input, as with an open bracket or brace.
    public static func isIncomplete(_ text: String) -> Bool {
        let file = SourceFile(name: "<repl>", text: text)
        let parser = Parser(file: file)
        _ = parser.parseProgram()
        let errors = parser.diagnostics
        guard !errors.isEmpty else { return false }
        return errors.allSatisfy { ($0.range?.start.offset ?? 0) >= file.bytes.count }
    }

    /// Parses and resolves `file` against the session's names; the program's top-level names
    /// join the session even if running it fails later. With `echo`, the value of a last
    /// expression statement that does not end in `;` becomes the result of the last cell.
    public func prepare(_ file: SourceFile, overrides: [String: Value] = [:], echo: Bool = false)
        throws -> PreparedProgram
    {
        let parsed = try Interpreter.parse(file)
        var program = parsed
        var echoed: Expr?
        if echo, let split = Session.splitTrailingExpression(parsed) {
            program = split.program
            echoed = split.expression
        }
        let module = Module(file: file, program: program)
        let compiler = Compiler(runtime: runtime, module: module, overrides: overrides) {
            [unowned self] path, range in
            try self.interpreter.importModule(path, from: file, at: range)
        }
        compiler.scope.blocks[0] = globals
        compiler.compileModule()
        let result = echoed.map { compiler.compileExpression($0) }
        module.slotCount = compiler.scope.slotCount
        if !compiler.diagnostics.isEmpty { throw DiagnosticList(diagnostics: compiler.diagnostics) }
        globals = compiler.scope.blocks[0]
        if let path = file.path { runtime.modules[path] = module }
        module.hasRun = true
        return PreparedProgram(module: module, program: parsed, result: result)
    }

    /// Removes the last statement of the last cell when it is an expression that is not
    /// followed by `;`, so its value can be shown.
    static func splitTrailingExpression(_ program: Program) -> (program: Program, expression: Expr)? {
        guard let cell = program.cells.last, let last = cell.statements.last,
            case .expression(let expr) = last.kind
        else { return nil }
        let bytes = program.file.bytes
        var offset = last.range.end.offset
        while offset < bytes.count, [9, 13, 32].contains(bytes[offset]) { offset += 1 }
        if offset < bytes.count && bytes[offset] == UInt8(ascii: ";") { return nil }
        let trimmed = Cell(
            number: cell.number, title: cell.title, statements: Array(cell.statements.dropLast()))
        let cells = Array(program.cells.dropLast()) + [trimmed]
        return (Program(file: program.file, cells: cells), expr)
    }

    /// The user's top-level names that have a value, sorted, with their values.
    public var variables: [(name: String, value: Value)] {
        globals.compactMap { name, binding -> (String, Value)? in
            guard case .global(let box) = binding.storage, box.isDefined else { return nil }
            return (name, box.value)
        }.sorted { $0.0 < $1.0 }
    }

    /// The value of the top-level name `name`, if it is defined.
    public func value(of name: String) -> Value? {
        guard let binding = globals[name], case .global(let box) = binding.storage, box.isDefined
        else { return nil }
        return box.value
    }
}

/// A compiled program whose cells run one at a time in a shared frame, so a notebook can
/// capture each cell's output separately.
public final class PreparedProgram {
    let module: Module
    let frame: Frame
    let result: Evaluate?
    /// The syntax tree, with the echoed expression still in place.
    public let program: Program

    init(module: Module, program: Program, result: Evaluate?) {
        self.module = module
        self.program = program
        self.result = result
        self.frame = Frame(slotCount: module.slotCount, captures: [])
    }

    public var cellCount: Int { module.cells.count }

    /// Runs cell `number` and returns the echoed value when this is the last cell and the
    /// program was prepared with `echo`.
    @discardableResult
    public func runCell(_ number: Int) throws -> Value? {
        guard number >= 0 && number < module.cells.count else { return nil }
        do {
            for statement in module.cells[number] { _ = try statement(frame) }
            if number == module.cells.count - 1, let result { return try result(frame) }
            return nil
        } catch var error as Diagnostic {
            error.trace.frames.append(StackFrame(function: "<script>", range: error.pendingRange))
            error.pendingRange = nil
            throw error
        }
    }

    /// Runs the cells `selection` includes, in order, and returns the echoed value if any.
    @discardableResult
    public func run(_ selection: CellSelection = .all) throws -> Value? {
        var value: Value?
        for number in 0..<module.cells.count where selection.includes(number) {
            value = try runCell(number)
        }
        return value
    }
}

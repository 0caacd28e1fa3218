import Foundation

/// Which cells of the main file run: cell 0 always, then either one cell or cells 1 through N.
public enum CellSelection {
    case all
    case only(Int)
    case upTo(Int)

    func includes(_ number: Int) -> Bool {
        switch self {
        case .all: return true
        case .only(let chosen): return number == 0 || number == chosen
        case .upTo(let last): return number <= last
        }
    }
}

/// Loads, checks and runs script files.
public final class Interpreter {
    public let runtime: Runtime
    private var loading: [String] = []

    public init(runtime: Runtime) {
        self.runtime = runtime
    }

    /// Reads a file as UTF-8 source; rejects bytes that are not UTF-8.
    public static func readSource(path: String, name: String? = nil) throws -> SourceFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic("cannot read file '\(path)'")
        }
        let bytes = [UInt8](data)
        let file = SourceFile(
            name: name ?? path, path: URL(fileURLWithPath: path).standardizedFileURL.path, bytes: bytes)
        if String(validating: bytes, as: UTF8.self) == nil {
            throw Diagnostic("\(file.name) is not valid UTF-8 text")
        }
        return file
    }

    /// Parses a file and returns its syntax tree, or every syntax error found.
    public static func parse(_ file: SourceFile) throws -> Program {
        let parser = Parser(file: file)
        let program = parser.parseProgram()
        if !parser.diagnostics.isEmpty {
            let sorted = parser.diagnostics.enumerated().sorted { a, b in
                let left = a.element.range?.start.offset ?? 0
                let right = b.element.range?.start.offset ?? 0
                return left == right ? a.offset < b.offset : left < right
            }
            throw DiagnosticList(diagnostics: sorted.map(\.element))
        }
        return program
    }

    /// Parses and resolves `file`, loading its imports; `overrides` replace top-level `let`s.
    func compile(_ file: SourceFile, overrides: [String: Value] = [:]) throws -> Module {
        let program = try Interpreter.parse(file)
        let module = Module(file: file, program: program)
        let compiler = Compiler(runtime: runtime, module: module, overrides: overrides) {
            [unowned self] path, range in try self.importModule(path, from: file, at: range)
        }
        compiler.compileModule()
        if !compiler.diagnostics.isEmpty { throw DiagnosticList(diagnostics: compiler.diagnostics) }
        return module
    }

    func importModule(_ path: String, from file: SourceFile, at range: SourceRange) throws
        -> Module
    {
        let directory = URL(fileURLWithPath: file.path ?? FileManager.default.currentDirectoryPath)
            .deletingLastPathComponent()
        let resolved = URL(fileURLWithPath: path, relativeTo: directory).standardizedFileURL.path
        if let module = runtime.modules[resolved] { return module }
        if let file = file.path, !loading.contains(file) { loading.append(file) }
        if let start = loading.firstIndex(of: resolved) {
            let chain = (loading[start...] + [resolved]).map { URL(fileURLWithPath: $0).lastPathComponent }
            throw Diagnostic("import cycle: " + chain.joined(separator: " -> "), at: range)
        }
        guard FileManager.default.fileExists(atPath: resolved) else {
            throw Diagnostic("cannot import \"\(path)\": file not found next to \(file.name)", at: range)
        }
        loading.append(resolved)
        defer { loading.removeLast() }
        var source: SourceFile
        do {
            source = try Interpreter.readSource(path: resolved, name: path)
        } catch var error as Diagnostic {
            error.range = range
            throw error
        }
        let module = try compile(source)
        runtime.modules[resolved] = module
        return module
    }

    /// Checks a file for syntax and name errors without running it.
    public func check(_ file: SourceFile) throws {
        _ = try compile(file)
    }

    /// Compiles `file` and runs the selected cells.
    public func run(_ file: SourceFile, cells: CellSelection = .all, overrides: [String: Value] = [:])
        throws
    {
        let module = try compile(file, overrides: overrides)
        if let path = file.path { runtime.modules[path] = module }
        try Interpreter.execute(module, cells: cells, runtime: runtime)
    }

    /// Runs an imported module unless it already ran.
    static func runOnce(_ module: Module, runtime: Runtime) throws {
        if module.hasRun { return }
        try execute(module, cells: .all, runtime: runtime)
    }

    private static func execute(_ module: Module, cells: CellSelection, runtime: Runtime) throws {
        module.hasRun = true
        let frame = Frame(slotCount: module.slotCount, captures: [])
        do {
            for (number, cell) in module.cells.enumerated() where cells.includes(number) {
                for statement in cell { _ = try statement(frame) }
            }
        } catch var error as Diagnostic {
            error.trace.frames.append(StackFrame(function: "<script>", range: error.pendingRange))
            error.pendingRange = nil
            throw error
        }
    }

    /// Runs `body` on a thread with a 1 GiB stack, so deep script recursion and deeply nested
    /// syntax trees end in script errors instead of overflowing the native stack.
    public static func onLargeStack<T>(_ body: @escaping () -> T) -> T {
        let result = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result.value = body()
            done.signal()
        }
        thread.stackSize = 1 << 30
        thread.start()
        done.wait()
        return result.value!
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

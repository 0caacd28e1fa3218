/// Resolves names and compiles a syntax tree into Swift closures, once, before anything
/// runs. Every name becomes a slot index, a captured box or a global box, so running code
/// does no lookups by name. Errors are collected; a file with any error does not run.
final class Compiler {
    let runtime: Runtime
    let module: Module
    /// Loads and compiles an imported file; given the path as written and the import's range.
    let importModule: (String, SourceRange) throws -> Module
    /// Values from `--set` that replace the initializer of a top-level `let`.
    let overrides: [String: Value]
    var diagnostics: [Diagnostic] = []
    var scope: FunctionScope

    init(
        runtime: Runtime, module: Module, overrides: [String: Value],
        importModule: @escaping (String, SourceRange) throws -> Module
    ) {
        self.runtime = runtime
        self.module = module
        self.overrides = overrides
        self.importModule = importModule
        self.scope = FunctionScope(parent: nil, name: "<script>")
    }

    func report(_ message: String, at range: SourceRange, notes: [String] = []) {
        diagnostics.append(Diagnostic(message, at: range, notes: notes))
    }

    /// Compiles every cell of the module and records its globals.
    func compileModule() {
        for cell in module.program.cells { hoistGlobals(cell.statements) }
        for cell in module.program.cells {
            module.cells.append(cell.statements.map { compileStatement($0) })
        }
        module.globals = scope.blocks[0]
        module.slotCount = scope.slotCount
    }

    /// Declares every top-level name first, so functions may refer to names defined later.
    private func hoistGlobals(_ statements: [Stmt]) {
        for statement in statements {
            switch statement.kind {
            case .declaration(let isConstant, let pattern, _):
                for (name, range) in patternNames(pattern) where scope.blocks[0][name] == nil {
                    let binding = Binding(
                        storage: .global(Box(isDefined: false)), isConstant: isConstant,
                        declaredAt: range)
                    scope.declare(name, binding)
                }
            case .function(let decl):
                if let name = decl.name, scope.blocks[0][name] == nil {
                    let box = Box(isDefined: false)
                    scope.declare(name, Binding(storage: .global(box), isConstant: true, declaredAt: decl.range))
                }
            default:
                break
            }
        }
    }

    func patternNames(_ pattern: Pattern) -> [(String, SourceRange)] {
        switch pattern {
        case .name(let name, let range): return [(name, range)]
        case .tuple(let items, _): return items.flatMap(patternNames)
        }
    }

    var atTopLevel: Bool { scope.isTopLevel && scope.blocks.count == 1 }

    /// Compiles a block in a new scope; `fn` declarations in it are visible throughout it.
    func compileBlock(_ statements: [Stmt]) -> Execute {
        scope.blocks.append([:])
        defer { scope.blocks.removeLast() }
        var hoisted: [Int] = []
        for statement in statements {
            if case .function(let decl) = statement.kind, let name = decl.name {
                let slot = scope.newSlot()
                hoisted.append(slot)
                scope.declare(name, Binding(storage: .local(slot), isConstant: true, declaredAt: decl.range))
            }
        }
        let body = statements.map { compileStatement($0) }
        return Compiler.sequence(body, freshSlots: hoisted)
    }

    static func sequence(_ body: [Execute], freshSlots: [Int] = []) -> Execute {
        if freshSlots.isEmpty && body.count == 1 { return body[0] }
        return { frame in
            for slot in freshSlots { frame.slots[slot] = Box() }
            for statement in body {
                let flow = try statement(frame)
                if case .normal = flow { continue }
                return flow
            }
            return .normal
        }
    }
}

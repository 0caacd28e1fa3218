/// A variable's storage cell. Closures capture the box, so they see later assignments.
final class Box {
    var value: Value
    /// False for a top-level name that is declared further down and has not run yet.
    var isDefined: Bool

    init(_ value: Value = .none, isDefined: Bool = true) {
        self.value = value
        self.isDefined = isDefined
    }
}

/// The variables of one running call: its own slots and the boxes its closure captured.
final class Frame {
    /// Fills slots until their declaration runs; a declaration always stores a new box.
    static let unsetSlot = Box()

    var slots: [Box]
    let captures: [Box]
    var returnValue: Value = .none

    init(slotCount: Int, captures: [Box]) {
        slots = Array(repeating: Frame.unsetSlot, count: slotCount)
        self.captures = captures
    }
}

typealias Evaluate = (Frame) throws -> Value
typealias Execute = (Frame) throws -> Flow

/// How a statement finished, so loops and calls can react to `break`, `continue`, `return`.
enum Flow {
    case normal, breakLoop, continueLoop, returnValue
}

/// Where the resolver found a name.
enum Storage {
    case local(Int)
    case captured(Int)
    case global(Box)
}

struct Binding {
    var storage: Storage
    var isConstant: Bool
    var declaredAt: SourceRange?
}

/// The compile-time view of one function body: block scopes, slots and captured names.
final class FunctionScope {
    let parent: FunctionScope?
    let name: String
    var blocks: [[String: Binding]] = [[:]]
    var slotCount = 0
    /// For each captured box, where the enclosing frame keeps it when the closure is created.
    var captureSources: [Storage] = []
    var captured: [String: Binding] = [:]
    var loopDepth = 0

    init(parent: FunctionScope?, name: String) {
        self.parent = parent
        self.name = name
    }

    var isTopLevel: Bool { parent == nil }

    func newSlot() -> Int {
        slotCount += 1
        return slotCount - 1
    }

    func declare(_ name: String, _ binding: Binding) {
        blocks[blocks.count - 1][name] = binding
    }

    /// Finds `name` in this function or an enclosing one, recording a capture when needed.
    func lookup(_ name: String) -> Binding? {
        for block in blocks.reversed() {
            if let binding = block[name] { return binding }
        }
        if let binding = captured[name] { return binding }
        guard let parent, let outer = parent.lookup(name) else { return nil }
        if case .global = outer.storage { return outer }
        captureSources.append(outer.storage)
        let binding = Binding(
            storage: .captured(captureSources.count - 1), isConstant: outer.isConstant,
            declaredAt: outer.declaredAt)
        captured[name] = binding
        return binding
    }

    /// Every name visible here, for "did you mean" suggestions.
    var visibleNames: [String] {
        var names = blocks.flatMap { $0.keys } + captured.keys
        if let parent { names += parent.visibleNames }
        return names
    }
}

/// A compiled file. Each file runs at most once per runtime, however often it is imported.
final class Module {
    let file: SourceFile
    let program: Program
    var cells: [[Execute]] = []
    var globals: [String: Binding] = [:]
    var slotCount = 0
    var hasRun = false

    init(file: SourceFile, program: Program) {
        self.file = file
        self.program = program
    }
}

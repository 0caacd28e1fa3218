/// One builtin function or method: its name, help group, parameters, summary and body.
public struct Builtin {
    public let name: String
    public let group: String
    /// The type name a method belongs to (`list`, `string`, `Tensor`), or nil for a function.
    public let receiver: String?
    public let signature: Signature
    public let summary: String
    public let body: (Arguments) throws -> Value

    public init(
        _ name: String, group: String, receiver: String? = nil, _ signature: Signature = Signature(),
        summary: String, body: @escaping (Arguments) throws -> Value
    ) {
        self.name = name
        self.group = group
        self.receiver = receiver
        self.signature = signature
        self.summary = summary
        self.body = body
    }

    /// The call as shown in help: `split(sep: none)` or `list.append(item)`.
    public var display: String {
        signature.display(name: receiver.map { "\($0).\(name)" } ?? name)
    }
}

/// A named value such as `pi` or `args`, computed when a script reads it.
public struct BuiltinConstant {
    public let name: String
    public let group: String
    public let summary: String
    public let value: (Runtime) -> Value
}

/// Every builtin function, method and constant, each described once. Argument binding,
/// label checks before running, `mfs help` and the builtin section of the language
/// reference all read this table.
public final class BuiltinRegistry {
    public private(set) var functions: [String: Builtin] = [:]
    public private(set) var methods: [String: [String: Builtin]] = [:]
    public private(set) var constants: [String: BuiltinConstant] = [:]
    /// Group names in the order they were first registered, for help and docs.
    public private(set) var groups: [String] = []
    private var functionValues: [String: Function] = [:]

    public init() {}

    /// The registry scripts use: the core library plus every binding registered at startup.
    public static let standard: BuiltinRegistry = {
        let registry = BuiltinRegistry()
        registry.registerCoreBuiltins()
        registry.registerDatasetBindings()
        registry.registerPlotBindings()
        registry.registerTrainingBindings()
        registry.registerTensorBuiltins()
        registry.registerTensorMethods()
        registry.registerModuleBuiltins()
        registry.registerTrainingBuiltins()
        registry.registerTensorFiles()
        registry.registerImputationBindings()
        return registry
    }()

    /// Adds a builtin, replacing any earlier one with the same name and receiver.
    public func register(_ builtin: Builtin) {
        if !groups.contains(builtin.group) { groups.append(builtin.group) }
        if let receiver = builtin.receiver {
            methods[receiver, default: [:]][builtin.name] = builtin
        } else {
            functions[builtin.name] = builtin
            functionValues[builtin.name] = Function(
                name: builtin.name, signature: builtin.signature, body: builtin.body)
        }
    }

    public func register(constant: BuiltinConstant) {
        if !groups.contains(constant.group) { groups.append(constant.group) }
        constants[constant.name] = constant
    }

    func functionValue(_ name: String) -> Function? { functionValues[name] }

    public func method(_ typeName: String, _ name: String) -> Builtin? { methods[typeName]?[name] }

    func methodNames(_ typeName: String) -> [String] { methods[typeName].map { Array($0.keys) } ?? [] }

    var allNames: [String] { Array(functions.keys) + Array(constants.keys) }

    /// Every builtin of `group`, functions first, each sorted by name.
    public func builtins(in group: String) -> [Builtin] {
        let free = functions.values.filter { $0.group == group }.sorted { $0.name < $1.name }
        let bound = methods.values.flatMap(\.values).filter { $0.group == group }
            .sorted { ($0.receiver ?? "", $0.name) < ($1.receiver ?? "", $1.name) }
        return free + bound
    }
}

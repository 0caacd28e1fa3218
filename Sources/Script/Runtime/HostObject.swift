/// A value owned by another target (a tensor, module, optimizer, dataset or figure) that
/// scripts use through fields, methods, subscripts, operators, calls and iteration.
///
/// Every requirement except `typeName` has a default that reports "not supported", so a
/// conforming type implements only what it offers. Methods may also be registered in the
/// `BuiltinRegistry` under `typeName`; the interpreter tries the registry first and then
/// `callMethod`.
public protocol HostObject: AnyObject {
    /// The name shown by `type(x)`, in errors and in help, such as `Tensor`.
    var typeName: String { get }
    /// The text `print` and `str` show.
    var description: String { get }
    /// Returns the field `name`, or nil when there is no such field.
    func field(_ name: String) throws -> Value?
    /// Stores `value` in field `name`; returns false when there is no such field.
    func setField(_ name: String, to value: Value) throws -> Bool
    /// Calls method `name`; returns nil when there is no such method.
    func callMethod(_ name: String, _ arguments: CallArguments) throws -> Value?
    /// Reads `object[components]`, each component an index value or a slice; nil if unsupported.
    func index(_ components: [IndexComponent<Value>]) throws -> Value?
    /// Writes `object[components] = value`; returns false if unsupported.
    func setIndex(_ components: [IndexComponent<Value>], to value: Value) throws -> Bool
    /// Computes `self op other` (or `other op self` when `selfIsLeft` is false); nil if unsupported.
    func binaryOperation(_ op: BinaryOperator, _ other: Value, selfIsLeft: Bool) throws -> Value?
    /// Computes `-self`; nil if unsupported.
    func negated() throws -> Value?
    /// Calls the object itself, as `model(x)`; nil if it is not callable.
    func call(_ arguments: CallArguments) throws -> Value?
    /// Returns a function yielding successive items and then nil, or nil if not iterable.
    func makeIterator() throws -> (() throws -> Value?)?
    /// The value `len(x)` returns, or nil when the object has no length.
    var length: Int? { get }
}

extension HostObject {
    public var description: String { "<\(typeName)>" }
    public func field(_ name: String) throws -> Value? { nil }
    public func setField(_ name: String, to value: Value) throws -> Bool { false }
    public func callMethod(_ name: String, _ arguments: CallArguments) throws -> Value? { nil }
    public func index(_ components: [IndexComponent<Value>]) throws -> Value? { nil }
    public func setIndex(_ components: [IndexComponent<Value>], to value: Value) throws -> Bool {
        false
    }
    public func binaryOperation(_ op: BinaryOperator, _ other: Value, selfIsLeft: Bool) throws
        -> Value?
    { nil }
    public func negated() throws -> Value? { nil }
    public func call(_ arguments: CallArguments) throws -> Value? { nil }
    public func makeIterator() throws -> (() throws -> Value?)? { nil }
    public var length: Int? { nil }
}

/// Arguments of a call as written, before they are matched to parameters.
public struct CallArguments {
    public var positional: [Value]
    public var keywords: [(label: String, value: Value)]
    public let runtime: Runtime
    /// Where each keyword label is, for errors that point at a misspelt label.
    var labelRanges: [SourceRange?] = []

    public init(
        positional: [Value], keywords: [(label: String, value: Value)] = [], runtime: Runtime
    ) {
        self.positional = positional
        self.keywords = keywords
        self.runtime = runtime
    }

    /// Matches the arguments to `signature`, checking names, counts and types.
    public func bind(_ signature: Signature, name: String, receiver: Value = .none) throws
        -> Arguments
    {
        try signature.bind(self, functionName: name, receiver: receiver)
    }
}

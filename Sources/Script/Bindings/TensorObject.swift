import Tensors

/// A tensor as a script value. The wrapper is a reference to the same `Tensor`, so two
/// script names bound to one tensor see each other's in-place changes, as in PyTorch.
public final class TensorObject: HostObject {
    public let tensor: Tensor

    public init(_ tensor: Tensor) { self.tensor = tensor }

    public var typeName: String { "Tensor" }

    public var description: String { tensor.description }

    /// The size of the first axis; a 0-d tensor has no length.
    public var length: Int? { tensor.rank == 0 ? nil : tensor.shape[0] }
}

extension Value {
    /// Wraps `tensor` as a script value.
    public static func tensor(_ tensor: Tensor) -> Value { .host(TensorObject(tensor)) }

    /// The tensor this value holds, or nil when it is not a tensor.
    public var tensorValue: Tensor? {
        guard case .host(let object) = self, let wrapper = object as? TensorObject else {
            return nil
        }
        return wrapper.tensor
    }

    /// Converts the value to a tensor. A tensor is returned as is, a number or bool becomes
    /// a 0-d tensor, and a (nested) list of numbers becomes a float tensor of its shape.
    /// - Throws: a runtime diagnostic naming `what` when the value does not convert.
    public func toTensor(_ what: String) throws -> Tensor {
        switch self {
        case .host(let object):
            if let wrapper = object as? TensorObject { return wrapper.tensor }
        case .number(let number):
            return Tensor(scalar: Float(number))
        case .bool(let flag):
            return try TensorConversion.boolScalar(flag)
        case .list(let list):
            return try TensorConversion.fromList(list.items, what)
        default:
            break
        }
        throw Diagnostic.runtime(
            "\(what) must be a tensor, a number or a list of numbers, got \(typeName)")
    }
}

extension Arguments {
    /// Converts the argument at `position` to a tensor, accepting numbers and nested lists.
    public func tensor(_ position: Int) throws -> Tensor {
        try values[position].toTensor("argument '\(parameterName(position))' of \(functionName)")
    }

    /// Converts the argument called `name` to a tensor, accepting numbers and nested lists.
    public func tensor(_ name: String) throws -> Tensor {
        guard let position = signature.position(of: name) else {
            throw Diagnostic.runtime("\(functionName) has no parameter '\(name)'")
        }
        return try tensor(position)
    }

    /// Converts the argument at `position` to a tensor, returning nil for `none`.
    public func optionalTensor(_ position: Int) throws -> Tensor? {
        if case .none = values[position] { return nil }
        return try tensor(position)
    }

    /// The tensor the method was called on.
    public var receiverTensor: Tensor {
        get throws {
            guard let tensor = receiver.tensorValue else {
                throw Diagnostic.runtime("\(functionName) must be called on a tensor")
            }
            return tensor
        }
    }
}

/// Conversion of script lists to tensors.
enum TensorConversion {
    static func boolScalar(_ flag: Bool) throws -> Tensor {
        let tensor = try Tensor(shape: [], dtype: .bool)
        tensor.bools[0] = flag ? 1 : 0
        return tensor
    }

    /// Builds a float tensor from nested lists of numbers (bools count as 0 and 1), or stacks
    /// a list of tensors of one shape.
    static func fromList(_ items: [Value], _ what: String) throws -> Tensor {
        if let first = items.first, first.tensorValue != nil {
            let tensors = try items.map { try $0.toTensor(what) }
            return try translatingErrors { try Tensor.stack(tensors, axis: 0) }
        }
        var shape: [Int] = []
        var level = items
        while true {
            shape.append(level.count)
            guard case .list(let inner)? = level.first else { break }
            level = inner.items
        }
        var values: [Float] = []
        values.reserveCapacity(shape.reduce(1, *))
        try flatten(items, depth: 0, shape: shape, into: &values, what)
        return try translatingErrors { try Tensor(values, shape: shape) }
    }

    private static func flatten(
        _ items: [Value], depth: Int, shape: [Int], into values: inout [Float], _ what: String
    ) throws {
        guard items.count == shape[depth] else {
            throw Diagnostic.runtime(
                "\(what) is a ragged list: expected \(shape[depth]) items at depth \(depth), "
                    + "got \(items.count)")
        }
        let isLeaf = depth == shape.count - 1
        for item in items {
            switch (item, isLeaf) {
            case (.number(let number), true): values.append(Float(number))
            case (.bool(let flag), true): values.append(flag ? 1 : 0)
            case (.list(let inner), false):
                try flatten(inner.items, depth: depth + 1, shape: shape, into: &values, what)
            default:
                throw Diagnostic.runtime(
                    "\(what) must be a list of numbers with equal lengths at each depth, "
                        + "found \(item.typeName) at depth \(depth)")
            }
        }
    }
}

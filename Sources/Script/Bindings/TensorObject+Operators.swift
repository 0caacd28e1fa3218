import Tensors

// Operators and fields of tensors in scripts. Arithmetic records the autodiff graph
// unless it runs inside `no_grad`; comparisons return bool tensors.

extension TensorObject {
    public func binaryOperation(_ op: BinaryOperator, _ other: Value, selfIsLeft: Bool) throws
        -> Value?
    {
        guard let operand = TensorObject.operand(other) else { return nil }
        let (left, right) = selfIsLeft ? (tensor, operand) : (operand, tensor)
        do {
            guard let result = try TensorObject.apply(op, left, right) else { return nil }
            return .tensor(result)
        } catch TensorError.shapeMismatch(_, let lhs, let rhs, let detail) {
            let extra = detail.isEmpty ? "" : ": \(detail)"
            throw Diagnostic.runtime(
                "cannot apply '\(op.rawValue)' to tensors of shapes \(formatShape(lhs)) and "
                    + "\(formatShape(rhs))\(extra)")
        } catch {
            return try translatingErrors { throw error }
        }
    }

    public func negated() throws -> Value? {
        try translatingErrors { .tensor(try tensor.negated()) }
    }

    /// The other operand as a tensor, or nil when it is not a tensor, number, bool or list.
    private static func operand(_ value: Value) -> Tensor? {
        switch value {
        case .host, .number, .bool, .list: return try? value.toTensor("operand")
        default: return nil
        }
    }

    private static func apply(_ op: BinaryOperator, _ a: Tensor, _ b: Tensor) throws -> Tensor? {
        switch op {
        case .add: return try a.adding(b)
        case .subtract: return try a.subtracting(b)
        case .multiply: return try a.multiplying(b)
        case .divide: return try a.dividing(b)
        case .power: return try power(a, b)
        case .matmul: return try a.matmul(b)
        case .remainder: return try remainder(a, b)
        case .equal: return try a.equal(b)
        case .notEqual: return try a.notEqual(b)
        case .less: return try a.less(b)
        case .lessEqual: return try a.lessEqual(b)
        case .greater: return try a.greater(b)
        case .greaterEqual: return try a.greaterEqual(b)
        case .and: return try a.logicalAnd(b)
        case .or: return try a.logicalOr(b)
        case .contains: return nil
        }
    }

    /// `a ** b`, using the scalar-exponent kernel when `b` is a plain number.
    private static func power(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        if b.rank == 0, b.dtype == .f32, !b.requiresGrad, b.gradFn == nil {
            return try a.converted(to: .f32).pow(b.floats[0])
        }
        return try a.converted(to: .f32).pow(b.converted(to: .f32))
    }

    /// Python's floored remainder `a - floor(a / b) * b`, computed without a gradient.
    private static func remainder(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let left = try a.converted(to: .f32).detached(), right = try b.converted(to: .f32).detached()
        let quotient = try left.dividing(right).contiguousCopy()
        for i in 0..<quotient.count { quotient.floats[i] = quotient.floats[i].rounded(.down) }
        return try left.subtracting(quotient.multiplying(right))
    }
}

extension TensorObject {
    public func field(_ name: String) throws -> Value? {
        switch name {
        case "shape": return .list(tensor.shape.map { .number(Double($0)) })
        case "dtype": return .string(tensor.dtype.rawValue)
        case "grad": return tensor.grad.map(Value.tensor) ?? Value.none
        case "requires_grad": return .bool(tensor.requiresGrad)
        case "is_leaf": return .bool(tensor.isLeaf)
        case "ndim": return .number(Double(tensor.rank))
        case "T": return try translatingErrors { .tensor(try TensorObject.reversedAxes(tensor)) }
        default: return nil
        }
    }

    public func setField(_ name: String, to value: Value) throws -> Bool {
        switch name {
        case "requires_grad":
            guard case .bool(let flag) = value else {
                throw Diagnostic.runtime("requires_grad must be a bool, got \(value.typeName)")
            }
            guard !flag || tensor.dtype == .f32 else {
                throw Diagnostic.runtime(
                    "only f32 tensors can require gradients; this tensor is \(tensor.dtype)")
            }
            tensor.requiresGrad = flag
            return true
        case "grad":
            if case .none = value {
                tensor.grad = nil
                return true
            }
            tensor.grad = try value.toTensor("grad")
            return true
        default:
            return false
        }
    }

    /// `t.T`: all axes in reverse order, as PyTorch's `.T`.
    static func reversedAxes(_ tensor: Tensor) throws -> Tensor {
        guard tensor.rank >= 2 else { return tensor }
        return try tensor.permuted(Array((0..<tensor.rank).reversed()))
    }

    public func makeIterator() throws -> (() throws -> Value?)? {
        guard tensor.rank > 0 else {
            throw Diagnostic.runtime("cannot iterate over a 0-d tensor")
        }
        var position = 0
        let tensor = self.tensor
        return {
            guard position < tensor.shape[0] else { return nil }
            defer { position += 1 }
            return try translatingErrors { .tensor(try tensor.selected(axis: 0, index: position)) }
        }
    }
}

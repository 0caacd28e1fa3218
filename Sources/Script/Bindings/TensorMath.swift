import Foundation
import Tensors

// Math functions over tensors by their usual names, and the difference measures that
// parity checks print.

extension BuiltinRegistry {
    func registerTensorMath() {
        let axisFunctions: [(String, String, (Tensor, Int) throws -> Tensor)] = [
            ("softmax", "Softmax of x along `dim`", { try $0.softmax(axis: $1) }),
            ("log_softmax", "Log-softmax of x along `dim`", { try $0.logSoftmax(axis: $1) }),
            ("normalize", "x / max(||x||, 1e-12) along `dim`", { try $0.normalized(axis: $1) }),
        ]
        for (name, summary, function) in axisFunctions {
            bind(name, "tensors",
                Signature([ParameterSpec("x", .tensor)], keywords: [ParameterSpec("dim", .integer, default: .number(-1))]),
                summary) { args in .tensor(try function(try args.tensor(0), try args.integer(1))) }
        }
        bind("erf", "tensors", Signature([ParameterSpec("x", .tensor)]), "Error function of each element") {
            args in
            if case .number(let x) = args[0] { return .number(Foundation.erf(x)) }
            return .tensor(try args.tensor(0).erf())
        }
        bind("layer_norm", "tensors",
            Signature([ParameterSpec("x", .tensor)], keywords: [
                ParameterSpec("weight", .tensor, default: Value.none), ParameterSpec("bias", .tensor, default: Value.none),
                ParameterSpec("eps", .number, default: .number(1e-5)),
            ]),
            "Layer normalisation over the last axis, with optional affine weight and bias") { args in
            .tensor(try args.tensor(0).layerNorm(
                weight: try args.optionalTensor(1), bias: try args.optionalTensor(2), eps: try args.float(3)))
        }
        bind("clamp", "tensors",
            Signature([ParameterSpec("x", .tensor)], keywords: [
                ParameterSpec("min", .number, default: Value.none), ParameterSpec("max", .number, default: Value.none),
            ]),
            "Elements limited to [min, max]; the gradient is 0 outside") { args in
            let lower = args.isNone(1) ? nil : try args.float(1)
            let upper = args.isNone(2) ? nil : try args.float(2)
            if case .number(let x) = args[0] {
                return .number(Double(Swift.min(Swift.max(Float(x), lower ?? -.infinity), upper ?? .infinity)))
            }
            return .tensor(try args.tensor(0).clamp(min: lower, max: upper))
        }
        bind("matmul", "tensors", Signature([ParameterSpec("a", .tensor), ParameterSpec("b", .tensor)]),
            "Matrix product a @ b, batched over leading axes") { args in
            .tensor(try args.tensor(0).matmul(try args.tensor(1)))
        }
        bind("one_hot", "tensors", Signature([ParameterSpec("labels", .tensor), ParameterSpec("classes", .integer)]),
            "One-hot i64 rows for integer class indices, as torch.nn.functional.one_hot") { args in
            .tensor(try args.tensor(0).converted(to: .i64).oneHot(classes: try args.integer(1)))
        }
        extendMathForTensors()
    }

    /// Lets the core math builtins that take numbers accept tensors too.
    private func extendMathForTensors() {
        extend("atan2", Signature([ParameterSpec("y", .tensor), ParameterSpec("x", .tensor)])) { args in
            if case .number(let y) = args[0], case .number(let x) = args[1] {
                return .number(Foundation.atan2(y, x))
            }
            return .tensor(try args.tensor(0).atan2(try args.tensor(1)))
        }
        extend("sum", Signature([ParameterSpec("values")], keywords: [
            ParameterSpec("dim", default: Value.none), ParameterSpec("keepdim", .bool, default: .bool(false)),
        ])) { args in
            guard let t = args[0].tensorValue else { return nil }
            return .tensor(try t.sum(axes: try args.axes(1) ?? [], keepDim: try args.bool(2)))
        }
        bind("mean", "tensors", Signature([ParameterSpec("x", .tensor)], keywords: [
            ParameterSpec("dim", default: Value.none), ParameterSpec("keepdim", .bool, default: .bool(false)),
        ]), "Mean of a tensor (or list of numbers) over `dim`, or over all elements") { args in
            .tensor(try args.tensor(0).mean(axes: try args.axes(1) ?? [], keepDim: try args.bool(2)))
        }
        for (name, pickMax) in [("max", true), ("min", false)] {
            extend(name) { args in
                let tensors = args.rest.compactMap(\.tensorValue)
                guard !tensors.isEmpty else { return nil }
                if args.rest.count == 1 { return .tensor(try pickMax ? tensors[0].max() : tensors[0].min()) }
                guard args.rest.count == 2 else {
                    throw Diagnostic.runtime("\(name) takes one tensor, or two to compare elementwise")
                }
                let a = try args.rest[0].toTensor("argument 1 of \(name)")
                let b = try args.rest[1].toTensor("argument 2 of \(name)")
                return .tensor(try pickMax ? a.maximum(b) : a.minimum(b))
            }
        }
    }

    func registerComparisons() {
        bind("max_abs_diff", "tensors", Signature([ParameterSpec("a", .tensor), ParameterSpec("b", .tensor)]),
            "Largest |a - b| over the elements; flattened values are compared when counts match") { args in
            .number(try BuiltinRegistry.maxAbsDiff(try args.tensor(0), try args.tensor(1)))
        }
        bind("max_rel_diff", "tensors",
            Signature([ParameterSpec("d", .dict), ParameterSpec("fx", .dict)],
                keywords: [ParameterSpec("prefix", .string, default: .string(""))]),
            "Largest, over the tensors of d, of max|a - b| / max(max|b|, 1e-12) against fx[prefix + name]") {
            args in
            guard case .dict(let mine) = args[0], case .dict(let reference) = args[1] else { return .none }
            let prefix = try args.string(2)
            var worst = 0.0
            for (key, value) in zip(mine.keys, mine.values) {
                guard case .string(let name) = key else {
                    throw Diagnostic.runtime("max_rel_diff: keys of d must be strings, got \(key.typeName)")
                }
                guard let other = try reference.get(.string(prefix + name)) else {
                    throw Diagnostic.runtime("max_rel_diff: '\(prefix + name)' is not found in fx")
                }
                let a = try value.toTensor("d[\"\(name)\"]")
                let b = try other.toTensor("fx[\"\(prefix + name)\"]")
                let scale = Swift.max(try b.converted(to: .f32).toArray().map { Double(Swift.abs($0)) }.max() ?? 0, 1e-12)
                worst = Swift.max(worst, try BuiltinRegistry.maxAbsDiff(a, b) / scale)
            }
            return .number(worst)
        }
    }

    static func maxAbsDiff(_ a: Tensor, _ b: Tensor) throws -> Double {
        let left = try a.detached().converted(to: .f32)
        let right = try b.detached().converted(to: .f32)
        let difference: [Float]
        if left.count == right.count {
            difference = zip(left.toArray(), right.toArray()).map { $0 - $1 }
        } else {
            difference = try left.subtracting(right).toArray()
        }
        var worst = 0.0
        for value in difference {
            if value.isNaN { return .nan }
            worst = Swift.max(worst, Double(Swift.abs(value)))
        }
        return worst
    }
}

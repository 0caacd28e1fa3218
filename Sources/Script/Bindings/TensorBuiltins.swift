import Foundation
import Tensors

// Free functions that create tensors or compute on them: `zeros(2, 3)`, `randn(4, seed: 1)`,
// `cat([a, b], dim: 1)`, `softmax(x, dim: -1)`. The math builtins of the core library
// (`sin`, `sqrt`, `max`, `sum`, ...) keep working on numbers and also accept tensors.

extension BuiltinRegistry {
    func registerTensorBuiltins() {
        registerCreation()
        registerRandom()
        registerJoining()
        registerTensorMath()
        registerComparisons()
        registerGradMode()
    }

    private func registerCreation() {
        let tensorSignature = Signature(
            [ParameterSpec("data", .tensor)],
            keywords: [
                ParameterSpec("requires_grad", .bool, default: .bool(false)),
                ParameterSpec("dtype", .string, default: Value.none),
            ])
        bind("tensor", "tensors", tensorSignature,
            "A new tensor from a number or nested list (a copy when given a tensor)") { args in
            var result = try args.tensor(0).detached().contiguousCopy()
            if !args.isNone(2) { result = try result.converted(to: try BuiltinRegistry.dtype(args.string(2))) }
            if try args.bool(1) {
                guard result.dtype == .f32 else {
                    throw Diagnostic.runtime("only f32 tensors can require gradients")
                }
                result.requiresGrad = true
            }
            return .tensor(result)
        }
        let extents = Signature(variadic: ParameterSpec("shape"))
        bind("zeros", "tensors", extents, "An f32 tensor of zeros, as zeros(2, 3) or zeros([2, 3])") {
            args in .tensor(try Tensor.zeros(try args.shape()))
        }
        bind("ones", "tensors", extents, "An f32 tensor of ones") { args in
            .tensor(try Tensor.ones(try args.shape()))
        }
        bind("full", "tensors",
            Signature(variadic: ParameterSpec("shape"), keywords: [ParameterSpec("value", .number)]),
            "An f32 tensor with every element `value`") { args in
            .tensor(try Tensor.full(try args.shape(), value: try args.float(0)))
        }
        bind("zeros_like", "tensors", Signature([ParameterSpec("x", .tensor)]), "Zeros of x's shape") {
            args in .tensor(try Tensor.zeros(try args.tensor(0).shape))
        }
        bind("ones_like", "tensors", Signature([ParameterSpec("x", .tensor)]), "Ones of x's shape") {
            args in .tensor(try Tensor.ones(try args.tensor(0).shape))
        }
        bind("arange", "tensors",
            Signature([
                ParameterSpec("start", .number), ParameterSpec("end", .number, default: Value.none),
            ], keywords: [ParameterSpec("step", .number, default: .number(1))]),
            "Values start, start+step, ... below end; arange(n) counts 0..<n") { args in
            let (start, end) = args.isNone(1) ? (0, try args.number(0)) : (try args.number(0), try args.number(1))
            return .tensor(try Tensor.arange(start, end, step: try args.number(2)))
        }
        bind("linspace", "tensors",
            Signature([ParameterSpec("start", .number), ParameterSpec("end", .number), ParameterSpec("count", .integer)]),
            "`count` evenly spaced values from start to end inclusive") { args in
            .tensor(try Tensor.linspace(try args.number(0), try args.number(1), count: try args.integer(2)))
        }
    }

    private func registerRandom() {
        let seeded = Signature(variadic: ParameterSpec("shape"), keywords: [ParameterSpec("seed", .integer, default: Value.none)])
        bind("randn", "tensors", seeded,
            "Standard normal samples; `seed` gives a fixed stream, else the global one") { args in
            .tensor(try Tensor.randn(try args.shape(), stream: try args.stream(seedAt: 0)))
        }
        bind("rand", "tensors", seeded, "Uniform samples in [0, 1)") { args in
            .tensor(try Tensor.rand(try args.shape(), stream: try args.stream(seedAt: 0)))
        }
        bind("randperm", "tensors",
            Signature([ParameterSpec("n", .integer)], keywords: [ParameterSpec("seed", .integer, default: Value.none)]),
            "A random permutation of 0..<n (i64)") { args in
            .tensor(try Tensor.randperm(try args.integer(0), stream: try args.stream(seedAt: 1)))
        }
        bind("manual_seed", "tensors", Signature([ParameterSpec("seed", .integer)]),
            "Restarts the global random stream that unseeded randn, rand, randperm and models use") {
            args in
            RandomStream.manualSeed(UInt64(truncatingIfNeeded: try args.integer(0)))
            return .none
        }
    }

    private func registerJoining() {
        let join = Signature([ParameterSpec("tensors", .list)], keywords: [ParameterSpec("dim", .integer, default: .number(0))])
        bind("cat", "tensors", join, "Tensors joined along an existing axis `dim`") { args in
            .tensor(try Tensor.cat(try BuiltinRegistry.tensorList(args, 0), axis: try args.integer(1)))
        }
        bind("stack", "tensors", join, "Tensors of one shape stacked along a new axis `dim`") { args in
            .tensor(try Tensor.stack(try BuiltinRegistry.tensorList(args, 0), axis: try args.integer(1)))
        }
        bind("where", "tensors",
            Signature([ParameterSpec("condition", .tensor), ParameterSpec("a", .tensor), ParameterSpec("b", .tensor)]),
            "Elements of a where condition is true, else of b, broadcasting") { args in
            .tensor(try Tensor.where(try args.tensor(0).converted(to: .bool), try args.tensor(1), try args.tensor(2)))
        }
    }

    static func tensorList(_ args: Arguments, _ position: Int) throws -> [Tensor] {
        try args.list(position).items.enumerated().map { index, item in
            try item.toTensor("item \(index) of argument '\(args.parameterName(position))' of \(args.functionName)")
        }
    }

    static func dtype(_ name: String) throws -> DType {
        switch name {
        case "f32", "float", "float32": return .f32
        case "i64", "long", "int64": return .i64
        case "bool": return .bool
        default:
            throw Diagnostic.runtime("unknown dtype '\(name)'; valid values: f32, i64, bool")
        }
    }

    private func registerGradMode() {
        bind("no_grad", "tensors", Signature([ParameterSpec("body", .function)]),
            "Calls `body()` without recording gradients and returns its result") { args in
            try GradMode.withNoGrad { try args.runtime.call(args[0], []) }
        }
    }
}

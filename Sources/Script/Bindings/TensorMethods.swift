import Tensors

// Methods scripts call on tensors, as `t.sum(dim: 1)`. Axis options are called `dim` and
// accept negative values, as in PyTorch.

extension BuiltinRegistry {
    func registerTensorMethods() {
        registerTensorReductions()
        registerTensorShapeMethods()
        registerTensorConversions()
        registerTensorElementwise()
        registerTensorAutodiff()
    }

    func tensorMethod(
        _ name: String, _ signature: Signature = Signature(), _ summary: String,
        body: @escaping (Tensor, Arguments) throws -> Value
    ) {
        bind(name, "tensors", signature, receiver: "Tensor", summary) { args in
            try body(try args.receiverTensor, args)
        }
    }

    private func registerTensorReductions() {
        let reduce = Signature(keywords: [
            ParameterSpec("dim", default: Value.none), ParameterSpec("keepdim", .bool, default: .bool(false)),
        ])
        tensorMethod("sum", reduce, "Sum over `dim` (an axis or list of axes), or over all elements") {
            t, args in .tensor(try t.sum(axes: try args.axes(0) ?? [], keepDim: try args.bool(1)))
        }
        tensorMethod("mean", reduce, "Mean over `dim` (an axis or list of axes), or over all elements") {
            t, args in .tensor(try t.mean(axes: try args.axes(0) ?? [], keepDim: try args.bool(1)))
        }
        let extreme = Signature(keywords: [
            ParameterSpec("dim", .integer, default: Value.none),
            ParameterSpec("keepdim", .bool, default: .bool(false)),
        ])
        tensorMethod("max", extreme, "Largest element, or the record (values, indices) along `dim`") {
            t, args in
            if args.isNone(0) { return .tensor(try t.max()) }
            let (values, indices) = try t.max(axis: try args.integer(0), keepDim: try args.bool(1))
            return .record(RecordValue(labels: ["values", "indices"], values: [.tensor(values), .tensor(indices)]))
        }
        tensorMethod("min", extreme, "Smallest element, or the record (values, indices) along `dim`") {
            t, args in
            if args.isNone(0) { return .tensor(try t.min()) }
            let (values, indices) = try t.min(axis: try args.integer(0), keepDim: try args.bool(1))
            return .record(RecordValue(labels: ["values", "indices"], values: [.tensor(values), .tensor(indices)]))
        }
        tensorMethod("argmax", extreme, "Index of the largest element (flattened), or along `dim` (i64)") {
            t, args in
            if args.isNone(0) { return .tensor(try t.reshaped([t.count]).argmax(axis: 0)) }
            return .tensor(try t.argmax(axis: try args.integer(0), keepDim: try args.bool(1)))
        }
        tensorMethod("argmin", extreme, "Index of the smallest element (flattened), or along `dim` (i64)") {
            t, args in
            let negated = try t.converted(to: .f32).negated()
            if args.isNone(0) { return .tensor(try negated.reshaped([t.count]).argmax(axis: 0)) }
            return .tensor(try negated.argmax(axis: try args.integer(0), keepDim: try args.bool(1)))
        }
        tensorMethod("norm", reduce, "Euclidean norm over `dim`, or over all elements") { t, args in
            guard let axes = try args.axes(0) else {
                return .tensor(try t.reshaped([t.count]).norm(axis: 0, keepDim: false))
            }
            guard axes.count == 1 else {
                throw Diagnostic.runtime("norm takes one dim, got \(axes.count)")
            }
            return .tensor(try t.norm(axis: axes[0], keepDim: try args.bool(1)))
        }
    }

    private func registerTensorShapeMethods() {
        let extents = Signature(variadic: ParameterSpec("shape"))
        tensorMethod("reshape", extents, "The same elements in a new shape; one extent may be -1") {
            t, args in .tensor(try t.reshaped(try BuiltinRegistry.reshapeExtents(args, count: t.count)))
        }
        tensorMethod("view", extents, "Same as reshape") { t, args in
            .tensor(try t.reshaped(try BuiltinRegistry.reshapeExtents(args, count: t.count)))
        }
        tensorMethod("flatten", Signature(), "The elements as a 1-d tensor") { t, _ in
            .tensor(try t.reshaped([t.count]))
        }
        tensorMethod("permute", Signature(variadic: ParameterSpec("dims")), "Axes reordered as `dims`") {
            t, args in .tensor(try t.permuted(try BuiltinRegistry.integers(args.rest, args.functionName)))
        }
        let pair = Signature([ParameterSpec("dim0", .integer), ParameterSpec("dim1", .integer)])
        tensorMethod("transpose", pair, "Axes dim0 and dim1 swapped") { t, args in
            .tensor(try t.transposed(try args.integer(0), try args.integer(1)))
        }
        let axis = Signature([ParameterSpec("dim", .integer)])
        tensorMethod("unsqueeze", axis, "A new axis of extent 1 at `dim`") { t, args in
            .tensor(try t.unsqueezed(try args.integer(0)))
        }
        tensorMethod("squeeze", Signature([ParameterSpec("dim", .integer, default: Value.none)]),
            "Axis `dim` (extent 1) removed, or every axis of extent 1") { t, args in
            if !args.isNone(0) { return .tensor(try t.squeezed(try args.integer(0))) }
            return .tensor(try t.reshaped(t.shape.filter { $0 != 1 }))
        }
        tensorMethod("expand", extents, "The tensor broadcast to `shape`") { t, args in
            .tensor(try t.broadcast(to: try args.shape()))
        }
        tensorMethod("size", Signature([ParameterSpec("dim", .integer, default: Value.none)]),
            "The shape as a list, or the extent of `dim`") { t, args in
            if args.isNone(0) { return .list(t.shape.map { .number(Double($0)) }) }
            let dim = try args.integer(0)
            let resolved = dim < 0 ? dim + t.rank : dim
            guard resolved >= 0, resolved < t.rank else {
                throw Diagnostic.runtime("dim \(dim) is out of range for a tensor of rank \(t.rank)")
            }
            return .number(Double(t.shape[resolved]))
        }
        tensorMethod("numel", Signature(), "Number of elements") { t, _ in .number(Double(t.count)) }
        tensorMethod("dim", Signature(), "Number of axes") { t, _ in .number(Double(t.rank)) }
        let chunk = Signature([ParameterSpec("chunks", .integer)], keywords: [ParameterSpec("dim", .integer, default: .number(0))])
        tensorMethod("chunk", chunk, "A list of `chunks` equal pieces along `dim`") { t, args in
            .list(try t.chunked(try args.integer(0), axis: try args.integer(1)).map(Value.tensor))
        }
        let split = Signature([ParameterSpec("sizes", .list)], keywords: [ParameterSpec("dim", .integer, default: .number(0))])
        tensorMethod("split", split, "A list of pieces of the given sizes along `dim`") { t, args in
            let sizes = try BuiltinRegistry.integers(try args.list(0).items, args.functionName)
            return .list(try t.split(sizes: sizes, axis: try args.integer(1)).map(Value.tensor))
        }
        let gather = Signature([ParameterSpec("dim", .integer), ParameterSpec("index", .tensor)])
        tensorMethod("gather", gather, "Elements picked along `dim` by an integer tensor of indices") { t, args in
            .tensor(try t.gather(axis: try args.integer(0), try args.tensor(1).converted(to: .i64)))
        }
        let select = Signature([ParameterSpec("dim", .integer), ParameterSpec("index", .tensor)])
        tensorMethod("index_select", select, "Rows of `dim` picked by an integer tensor") { t, args in
            .tensor(try t.indexSelect(axis: try args.integer(0), try args.tensor(1).converted(to: .i64)))
        }
        let topk = Signature([ParameterSpec("k", .integer)], keywords: [ParameterSpec("dim", .integer, default: .number(-1))])
        tensorMethod("topk", topk, "The record (values, indices) of the k largest along `dim`") { t, args in
            let (values, indices) = try t.topk(try args.integer(0), axis: try args.integer(1))
            return .record(RecordValue(labels: ["values", "indices"], values: [.tensor(values), .tensor(indices)]))
        }
    }

    private func registerTensorConversions() {
        tensorMethod("item", Signature(), "The value of a one-element tensor as a number") { t, _ in
            guard t.count == 1 else {
                throw Diagnostic.runtime(
                    "item() needs a tensor with one element, got shape \(formatShape(t.shape))")
            }
            if case .list(let list) = Value.nestedList(try t.reshaped([1])) { return list.items[0] }
            return .none
        }
        tensorMethod("tolist", Signature(), "The elements as nested lists of numbers") { t, _ in
            Value.nestedList(t)
        }
        tensorMethod("float", Signature(), "The tensor as f32") { t, _ in .tensor(try t.converted(to: .f32)) }
        tensorMethod("long", Signature(), "The tensor as i64, rounding toward zero") { t, _ in
            .tensor(try t.converted(to: .i64))
        }
        tensorMethod("bool", Signature(), "The tensor as bool (nonzero is true)") { t, _ in
            .tensor(try t.converted(to: .bool))
        }
        tensorMethod("one_hot", Signature([ParameterSpec("classes", .integer)]),
            "One-hot i64 rows for an integer tensor of class indices") { t, args in
            .tensor(try t.converted(to: .i64).oneHot(classes: try args.integer(0)))
        }
    }

    private func registerTensorElementwise() {
        let unary: [(String, String, (Tensor) throws -> Tensor)] = [
            ("sqrt", "Square root; as in PyTorch the gradient at 0 is inf", { try $0.sqrt() }),
            ("exp", "e raised to each element", { try $0.exp() }),
            ("log", "Natural logarithm of each element", { try $0.log() }),
            ("sin", "Sine of each element", { try $0.sin() }),
            ("cos", "Cosine of each element", { try $0.cos() }),
            ("tanh", "Hyperbolic tangent of each element", { try $0.tanh() }),
            ("acos", "Arc cosine of each element", { try $0.acos() }),
            ("erf", "Error function of each element", { try $0.erf() }),
            ("abs", "Absolute value of each element", { try $0.abs() }),
            ("gelu", "GELU in its exact erf form", { try $0.gelu() }),
            ("relu", "max(x, 0) for each element", { try $0.relu() }),
            ("sigmoid", "1 / (1 + exp(-x)) for each element", { try $0.sigmoid() }),
            ("neg", "Each element negated", { try $0.negated() }),
        ]
        for (name, summary, function) in unary {
            tensorMethod(name, Signature(), summary) { t, _ in .tensor(try function(t)) }
        }
        let axis = Signature(keywords: [ParameterSpec("dim", .integer, default: .number(-1))])
        tensorMethod("softmax", axis, "Softmax along `dim`") { t, args in
            .tensor(try t.softmax(axis: try args.integer(0)))
        }
        tensorMethod("log_softmax", axis, "Log-softmax along `dim`") { t, args in
            .tensor(try t.logSoftmax(axis: try args.integer(0)))
        }
        tensorMethod("normalize", axis, "x / max(||x||, 1e-12) along `dim`") { t, args in
            .tensor(try t.normalized(axis: try args.integer(0)))
        }
        let bounds = Signature(keywords: [
            ParameterSpec("min", .number, default: Value.none), ParameterSpec("max", .number, default: Value.none),
        ])
        tensorMethod("clamp", bounds, "Elements limited to [min, max]; the gradient is 0 outside") {
            t, args in
            let lower = args.isNone(0) ? nil : try args.float(0)
            let upper = args.isNone(1) ? nil : try args.float(1)
            return .tensor(try t.clamp(min: lower, max: upper))
        }
        tensorMethod("pow", Signature([ParameterSpec("exponent", .tensor)]), "Elementwise power") {
            t, args in
            if case .number(let p) = args[0] { return .tensor(try t.converted(to: .f32).pow(Float(p))) }
            return .tensor(try t.converted(to: .f32).pow(try args.tensor(0)))
        }
        tensorMethod("matmul", Signature([ParameterSpec("other", .tensor)]), "Matrix product, batched") {
            t, args in .tensor(try t.matmul(try args.tensor(0)))
        }
    }

    private func registerTensorAutodiff() {
        tensorMethod(
            "backward",
            Signature(
                [ParameterSpec("gradient", .tensor, default: Value.none)],
                keywords: [ParameterSpec("retain_graph", .bool, default: .bool(false))]),
            "Accumulates gradients of this scalar into `.grad` of the leaves and frees the graph "
                + "unless retain_graph: true") { t, args in
            try t.backward(try args.optionalTensor(0), retainGraph: try args.bool(1))
            return .none
        }
        tensorMethod("detach", Signature(), "The same values, cut from the autodiff graph") { t, _ in
            .tensor(t.detached())
        }
        tensorMethod("clone", Signature(), "A copy of the values that records the graph") { t, _ in
            .tensor(try t.clone())
        }
        tensorMethod("requires_grad_", Signature([ParameterSpec("flag", .bool, default: .bool(true))]),
            "Sets requires_grad in place and returns the tensor") { t, args in
            let flag = try args.bool(0)
            guard t.dtype == .f32 || !flag else {
                throw Diagnostic.runtime("only f32 tensors can require gradients; this tensor is \(t.dtype)")
            }
            t.requiresGrad = flag
            return args.receiver
        }
        tensorMethod("zero_grad", Signature(), "Clears `.grad`") { t, _ in
            t.zeroGrad()
            return .none
        }
    }

    static func integers(_ values: [Value], _ functionName: String) throws -> [Int] {
        var items = values
        if items.count == 1, case .list(let list) = items[0] { items = list.items }
        return try items.map { try $0.requireInteger("dimension in call to \(functionName)") }
    }

    /// Extents of `reshape`, resolving one -1 from the element count.
    static func reshapeExtents(_ args: Arguments, count: Int) throws -> [Int] {
        var extents = try integers(args.rest, args.functionName)
        let known = extents.filter { $0 != -1 }.reduce(1, *)
        let free = extents.indices.filter { extents[$0] == -1 }
        guard free.count <= 1 else { throw Diagnostic.runtime("reshape accepts at most one -1") }
        if let position = free.first {
            guard known > 0, count % known == 0 else {
                throw Diagnostic.runtime(
                    "cannot reshape \(count) elements to \(formatShape(extents))")
            }
            extents[position] = count / known
        }
        return extents
    }
}

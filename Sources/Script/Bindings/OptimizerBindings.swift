import NeuralNets
import Tensors

// Optimizers over a model's parameters, gradient clipping, schedules and metrics.

extension BuiltinRegistry {
    func registerOptimizers() {
        bind("sgd", "training",
            Signature([ParameterSpec("model")], keywords: [
                ParameterSpec("lr", .number),
                ParameterSpec("momentum", .number, default: .number(0)),
                ParameterSpec("dampening", .number, default: .number(0)),
                ParameterSpec("nesterov", .bool, default: .bool(false)),
                ParameterSpec("weight_decay", .number, default: .number(0)),
            ]),
            "Stochastic gradient descent with optional momentum, as torch.optim.SGD") { args in
            .host(OptimizerObject(try SGD(
                try BuiltinRegistry.parameters(args, 0), lr: try args.number(1), momentum: try args.number(2),
                dampening: try args.number(3), nesterov: try args.bool(4), weightDecay: try args.number(5))))
        }
        let adamOptions = { (decay: Double) in
            Signature([ParameterSpec("model")], keywords: [
                ParameterSpec("lr", .number, default: .number(1e-3)),
                ParameterSpec("betas", .list, default: .list([.number(0.9), .number(0.999)])),
                ParameterSpec("eps", .number, default: .number(1e-8)),
                ParameterSpec("weight_decay", .number, default: .number(decay)),
            ])
        }
        bind("adam", "training", adamOptions(0), "Adam, as torch.optim.Adam (L2 weight decay)") { args in
            .host(OptimizerObject(try BuiltinRegistry.adam(args, decoupled: false)))
        }
        bind("adamw", "training", adamOptions(0.01), "AdamW: Adam with decoupled weight decay") { args in
            .host(OptimizerObject(try BuiltinRegistry.adam(args, decoupled: true)))
        }
        bind("step", "training", receiver: "Optimizer", "Updates every parameter that has a gradient") { args in
            try BuiltinRegistry.optimizer(args).step()
            return .none
        }
        bind("zero_grad", "training", receiver: "Optimizer", "Clears the gradients of the parameters") { args in
            try BuiltinRegistry.optimizer(args).zeroGrad()
            return .none
        }
        bind("state", "training", receiver: "Optimizer", "The state tensors under <parameter>.<slot> names") {
            args in try Value.tensorDict(try BuiltinRegistry.optimizer(args).stateDict())
        }
        bind("clip_grad_norm", "training",
            Signature([ParameterSpec("model")], keywords: [ParameterSpec("max_norm", .number)]),
            "Scales gradients so their joint L2 norm is at most max_norm; returns the norm before") { args in
            let parameters = try BuiltinRegistry.parameters(args, 0).map(\.tensor)
            return .number(try GradientClipping.clipNorm(parameters, maxNorm: try args.number(1)))
        }
    }

    private static func adam(_ args: Arguments, decoupled: Bool) throws -> Adam {
        let betas = try args.list(2).items.map { try $0.requireNumber("item of betas") }
        guard betas.count == 2 else {
            throw Diagnostic.runtime("betas must be a list of two numbers, got \(betas.count)")
        }
        return try Adam(
            try parameters(args, 0), lr: try args.number(1), betas: (betas[0], betas[1]),
            eps: try args.number(3), weightDecay: try args.number(4), decoupled: decoupled)
    }

    private static func optimizer(_ args: Arguments) throws -> Optimizer {
        guard let optimizer = args.receiver.optimizerValue else {
            throw Diagnostic.runtime("\(args.functionName) must be called on an optimizer")
        }
        return optimizer
    }

    /// Named parameters of a module, or of a list of tensors (named by position).
    static func parameters(_ args: Arguments, _ position: Int) throws -> [(name: String, tensor: Tensor)] {
        if let module = args[position].moduleValue { return module.namedParameters() }
        if case .list(let list) = args[position] {
            return try list.items.enumerated().map { index, item in
                guard let tensor = item.tensorValue else {
                    throw Diagnostic.runtime("item \(index) of the parameter list must be a tensor, got \(item.typeName)")
                }
                return (String(index), tensor)
            }
        }
        throw args.typeError(position, expected: "a Module or a list of tensors")
    }

    func registerSchedules() {
        bind("cosine_schedule", "training",
            Signature(keywords: [
                ParameterSpec("base", .number), ParameterSpec("total", .integer),
                ParameterSpec("min", .number, default: .number(0)), ParameterSpec("warmup", .integer, default: .number(0)),
            ]),
            "Cosine decay from base to min over total steps after a linear warmup; call it with a step") { args in
            .host(ScheduleObject(try CosineSchedule(
                base: try args.number(0), total: try args.integer(1), minimum: try args.number(2),
                warmup: try args.integer(3))))
        }
        bind("step_schedule", "training",
            Signature(keywords: [
                ParameterSpec("base", .number), ParameterSpec("step_size", .integer),
                ParameterSpec("gamma", .number, default: .number(0.1)),
            ]),
            "base·gamma^floor(step/step_size), as StepLR; call it with a step") { args in
            .host(ScheduleObject(try StepSchedule(
                base: try args.number(0), stepSize: try args.integer(1), gamma: try args.number(2))))
        }
        bind("warmup_schedule", "training",
            Signature(keywords: [ParameterSpec("base", .number), ParameterSpec("warmup", .integer)]),
            "A linear ramp to base over warmup steps, then constant; call it with a step") { args in
            .host(ScheduleObject(try LinearWarmup(base: try args.number(0), warmup: try args.integer(1))))
        }
    }

    /// Integer labels from a tensor or list argument.
    static func labels(_ args: Arguments, _ position: Int) throws -> Tensor {
        try args.tensor(position).converted(to: .i64)
    }

    /// Logits [N, C] as given, or predicted labels as integers.
    static func predictions(_ args: Arguments, _ position: Int) throws -> Tensor {
        let values = try args.tensor(position)
        return values.rank == 2 ? values : try values.converted(to: .i64)
    }

    func registerMetrics() {
        let pair = Signature(
            [ParameterSpec("predicted", .tensor), ParameterSpec("labels", .tensor)],
            keywords: [ParameterSpec("classes", .integer, default: Value.none)])
        bind("accuracy", "training", pair, "Fraction of predictions (logits or labels) equal to labels") { args in
            .number(try Metrics.accuracy(try BuiltinRegistry.predictions(args, 0), try BuiltinRegistry.labels(args, 1)))
        }
        bind("cohen_kappa", "training", pair, "Cohen's kappa between predictions and labels") { args in
            .number(try Metrics.cohenKappa(
                try BuiltinRegistry.predictions(args, 0), try BuiltinRegistry.labels(args, 1), classes: args.isNone(2) ? nil : try args.integer(2)))
        }
        bind("confusion_matrix", "training", pair, "Counts [classes, classes]: row = label, column = prediction") {
            args in
            let counts = try Metrics.confusionMatrix(
                try BuiltinRegistry.predictions(args, 0), try BuiltinRegistry.labels(args, 1),
                classes: args.isNone(2) ? nil : try args.integer(2))
            return .list(counts.map { row in .list(row.map { .number(Double($0)) }) })
        }
        bind("order_parameter", "training", Signature([ParameterSpec("z", .tensor)]),
            "Kuramoto order parameter r per sample of z [B, T, D], phases atan2(z1, z0)") { args in
            .list(try Metrics.orderParameter(try ModuleObject.input(args[0])).map { .number($0) })
        }
    }
}

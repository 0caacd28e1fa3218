import NeuralNets
import Tensors

// Losses over tensors and model outputs, and the optimizer and schedule values.

/// An optimizer as a script value: `opt.step()`, `opt.zero_grad()`, `opt.lr`.
public final class OptimizerObject: HostObject {
    public let optimizer: Optimizer

    public init(_ optimizer: Optimizer) { self.optimizer = optimizer }

    public var typeName: String { "Optimizer" }

    public var description: String {
        "<\(String(describing: type(of: optimizer))) lr=\(Value.formatNumber(optimizer.learningRate))>"
    }

    public func field(_ name: String) throws -> Value? {
        switch name {
        case "lr": return .number(optimizer.learningRate)
        case "step_count": return .number(Double(optimizer.stepCount))
        default: return nil
        }
    }

    public func setField(_ name: String, to value: Value) throws -> Bool {
        guard name == "lr" else { return false }
        let rate = try value.requireNumber("lr")
        guard rate >= 0, rate.isFinite else {
            throw Diagnostic.runtime("lr must be a finite rate >= 0, got \(Value.formatNumber(rate))")
        }
        optimizer.learningRate = rate
        return true
    }
}

/// A learning-rate schedule as a script value; `schedule(step)` returns the rate at a step.
public final class ScheduleObject: HostObject {
    public let schedule: Schedule

    public init(_ schedule: Schedule) { self.schedule = schedule }

    public var typeName: String { "Schedule" }

    public func call(_ arguments: CallArguments) throws -> Value? {
        let args = try arguments.bind(Signature([ParameterSpec("step", .integer)]), name: "schedule")
        return .number(schedule.learningRate(at: try args.integer(0)))
    }
}

extension Value {
    /// The optimizer this value holds, or nil when it is not an optimizer.
    public var optimizerValue: Optimizer? {
        guard case .host(let object) = self, let wrapper = object as? OptimizerObject else { return nil }
        return wrapper.optimizer
    }
}

extension BuiltinRegistry {
    func registerTrainingBuiltins() {
        registerLosses()
        registerOptimizers()
        registerSchedules()
        registerMetrics()
    }

    private static let weightOptions = [
        ParameterSpec("alpha", .number, default: .number(1)),
        ParameterSpec("beta", .number, default: .number(0.1)),
        ParameterSpec("gamma", .number, default: .number(0.01)),
    ]

    private func registerLosses() {
        bind("mse", "training", Signature([ParameterSpec("input", .tensor), ParameterSpec("target", .tensor)]),
            "Mean squared error, broadcasting") { args in
            .tensor(try Tensor.mseLoss(try args.tensor(0), try args.tensor(1)))
        }
        bind("cross_entropy", "training",
            Signature([ParameterSpec("logits", .tensor), ParameterSpec("labels", .tensor)]),
            "Mean cross-entropy of logits [N, C] against integer labels [N]") { args in
            .tensor(try Tensor.crossEntropy(try args.tensor(0), try args.tensor(1).converted(to: .i64)))
        }
        bind("temporal_geometric_loss", "training",
            Signature(
                [ParameterSpec("pred", .tensor), ParameterSpec("target", .tensor), ParameterSpec("z", .tensor),
                 ParameterSpec("z_dyn", .tensor)],
                keywords: [ParameterSpec("perm", .tensor, default: Value.none)] + BuiltinRegistry.weightOptions
                    + [BuiltinRegistry.seedOption]),
            "mse(pred, target) + alpha·geometry + beta·norm + gamma·smoothness over a batch permutation") { args in
            var weights = LossWeights()
            weights.alpha = try args.float(5)
            weights.beta = try args.float(6)
            weights.gamma = try args.float(7)
            let terms = try Objectives.temporalGeometric(
                pred: try args.tensor(0), target: try args.tensor(1), z: try args.tensor(2),
                zDyn: try args.tensor(3), perm: try args.optionalTensor(4)?.converted(to: .i64),
                weights: weights, stream: try args.stream(seedAt: 8))
            return .tensor(terms.total)
        }
        registerModelLosses()
    }

    private func registerModelLosses() {
        let termWeights = [
            ParameterSpec("vae", .number, default: .number(1)),
            ParameterSpec("kl", .number, default: .number(1e-3)),
            ParameterSpec("aux", .number, default: .number(1e-2)),
        ]
        bind("full_loss", "training",
            Signature(
                [ParameterSpec("model"), ParameterSpec("outs"), ParameterSpec("x")],
                keywords: [
                    ParameterSpec("perm", .tensor, default: Value.none),
                    ParameterSpec("labels", .tensor, default: Value.none),
                ] + BuiltinRegistry.weightOptions + termWeights
                    + [ParameterSpec("classification", .number, default: .number(1))]),
            "The seed loss + vae·mse(recon, x) + kl·KL + aux·balance (+ cross-entropy with labels)") { args in
            .tensor(try BuiltinRegistry.fullLoss(args))
        }
        bind("next_step_loss", "training",
            Signature(
                [ParameterSpec("model"), ParameterSpec("outs"), ParameterSpec("input"), ParameterSpec("target")],
                keywords: termWeights),
            "mse(out, target) for next-step targets + vae·mse(recon, input) + kl·KL + aux·balance") { args in
            .tensor(try BuiltinRegistry.nextStepLoss(args))
        }
    }

    /// The full objective, term by term as `Objectives.full` adds them, from a script record
    /// of the model outputs.
    private static func fullLoss(_ args: Arguments) throws -> Tensor {
        let model = try manifoldFormerArgument(args, 0)
        let outs = try ModuleObject.outputs(args[1])
        let x = try ModuleObject.input(args[2])
        var weights = LossWeights()
        weights.alpha = try args.float(5)
        weights.beta = try args.float(6)
        weights.gamma = try args.float(7)
        let seed = try Objectives.temporalGeometric(
            pred: outs.out, target: x, z: outs.z, zDyn: outs.zDyn,
            perm: try args.optionalTensor(3)?.converted(to: .i64), weights: weights, stream: model.stream)
        var total = try seed.total + Tensor.mseLoss(outs.recon, x) * (try args.float(8))
        if let kl = model.vae.kl { total = try total + kl * (try args.float(9)) }
        if let aux = model.moe?.aux { total = try total + aux * (try args.float(10)) }
        if let labels = try args.optionalTensor(4) {
            guard let logits = outs.logits else {
                throw Diagnostic.runtime("full_loss: labels need a model built with classes:")
            }
            let ce = try Tensor.crossEntropy(logits, labels.converted(to: .i64))
            total = try total + ce * (try args.float(11))
        }
        return total
    }

    private static func nextStepLoss(_ args: Arguments) throws -> Tensor {
        let model = try manifoldFormerArgument(args, 0)
        let outs = try ModuleObject.outputs(args[1])
        let input = try ModuleObject.input(args[2])
        var total = try Tensor.mseLoss(outs.out, try args.tensor(3))
        total = try total + Tensor.mseLoss(outs.recon, input) * (try args.float(4))
        if let kl = model.vae.kl { total = try total + kl * (try args.float(5)) }
        if let aux = model.moe?.aux { total = try total + aux * (try args.float(6)) }
        return total
    }
}

import Foundation
import Datasets
import NeuralNets
import Tensors
import Training

extension BuiltinRegistry {
    /// Registers `fit`, `evaluate` and the model figures.
    func registerTrainingBindings() {
        registerFit()
        registerEvaluate()
        registerModelFigures()
    }

    private func registerFit() {
        addBinding(
            "fit", "training",
            Signature(
                [ParameterSpec("model"), ParameterSpec("data", .host("Dataset"))],
                keywords: [
                    ParameterSpec("optimizer", default: Value.none),
                    ParameterSpec("epochs", .integer, default: .number(1)),
                    ParameterSpec("batch", .integer, default: .number(32)),
                    ParameterSpec("loss", .string, default: .string("full")),
                    ParameterSpec("seed", .integer, default: .number(0)),
                    ParameterSpec("log", .string, default: Value.none),
                    ParameterSpec("checkpoint", .string, default: Value.none),
                    ParameterSpec("resume", .bool, default: .bool(false)),
                    ParameterSpec("val", .host("Dataset"), default: Value.none),
                    ParameterSpec("clip", .number, default: Value.none),
                    ParameterSpec("schedule", default: Value.none),
                    ParameterSpec("log_every", .integer, default: Value.none),
                    ParameterSpec("progress", .bool, default: .bool(true)),
                ]),
            "Train a model on shuffled seeded batches; writes a CSV log and a run checkpoint per epoch, "
                + "resume: true continues from the checkpoint; returns the history"
        ) { args in
            let model = try BuiltinRegistry.manifoldFormerArgument(args, 0)
            let optimizer = try args.isNoneValue(2)
                ? try Adam(model.namedParameters(), lr: 1e-3) : try args.trainingOptimizer(2)
            var options = try BuiltinRegistry.fitOptions(args)
            var functionSchedule: FunctionSchedule?
            switch args[12] {
            case .none: break
            case .function:
                let schedule = FunctionSchedule(function: args[12], runtime: args.runtime)
                functionSchedule = schedule
                options.schedule = schedule
            case .host(let object as ScheduleObject):
                options.schedule = object.schedule
            default:
                throw args.typeError(12, expected: "a schedule or a function from step to learning rate")
            }
            options.stopCheck = {
                try StopFlag.check()
                if let failure = functionSchedule?.failure { throw failure }
            }
            let printer = args[14].isTruthy ? FitProgressPrinter(runtime: args.runtime) : nil
            let history = try fit(
                model, try args.dataset(1), optimizer: optimizer, options: options,
                reporter: printer.map { printer in { printer.report($0) } })
            return .host(HistoryObject(history))
        }
    }

    static func fitOptions(_ args: Arguments) throws -> FitOptions {
        var options = FitOptions()
        options.epochs = try args.integer(3)
        options.batchSize = try args.integer(4)
        let lossName = try args.string(5)
        guard let loss = LossKind(rawValue: lossName) else {
            throw Diagnostic.runtime(
                "argument 'loss' of fit must be \"full\", \"seed\" or \"next_step\", got \"\(lossName)\"")
        }
        options.loss = loss
        options.seed = try args.seed(6)
        options.logPath = try args.optionalString(7)
        options.checkpointPath = try args.optionalString(8)
        options.resume = args[9].isTruthy
        if !args.isNoneValue(10) { options.validation = try args.dataset(10) }
        options.clipNorm = try args.optionalNumber(11)
        options.logEvery = try args.optionalInteger(13)
        return options
    }

    private func registerEvaluate() {
        addBinding(
            "evaluate", "training",
            Signature(
                [ParameterSpec("model"), ParameterSpec("data", .host("Dataset"))],
                keywords: [
                    ParameterSpec("batch", .integer, default: .number(32)),
                    ParameterSpec("loss", .string, default: .string("full")),
                ]),
            "Mean losses in evaluation mode and, for labelled data and a model with classes, "
                + "accuracy, kappa and the confusion matrix"
        ) { args in
            let lossName = try args.string(3)
            guard let loss = LossKind(rawValue: lossName) else {
                throw Diagnostic.runtime(
                    "argument 'loss' of evaluate must be \"full\", \"seed\" or \"next_step\", got \"\(lossName)\"")
            }
            let data = try args.dataset(1)
            let result = try evaluate(try BuiltinRegistry.manifoldFormerArgument(args, 0), data, batchSize: try args.integer(2), loss: loss)
            return BuiltinRegistry.value(of: result, labels: DatasetObject.labelNames(data))
        }
    }

    /// Returns a record (loss, terms, count, accuracy, kappa, confusion, labels); metrics are
    /// none for unlabelled data or a model without classes.
    static func value(of result: Evaluation, labels: [String]?) -> Value {
        let terms = DictValue()
        for term in result.terms { try? terms.set(.string(term.name), .number(term.value)) }
        let confusion = result.confusion.map { rows in
            Value.list(rows.map { row in .list(row.map { .number(Double($0)) }) })
        }
        let names = labels.map { Value.list($0.map { .string($0) }) }
        return .record(
            RecordValue(
                labels: ["loss", "terms", "count", "accuracy", "kappa", "confusion", "labels"],
                values: [
                    .number(result.loss), .dict(terms), .number(Double(result.count)),
                    result.accuracy.map(Value.number) ?? Value.none,
                    result.kappa.map(Value.number) ?? Value.none, confusion ?? Value.none,
                    names ?? Value.none,
                ]))
    }
}

extension Arguments {
    func isNoneValue(_ position: Int) -> Bool {
        if case .none = values[position] { return true }
        return false
    }
}

/// Shows `fit` progress on the runtime's warning output (standard error): the settings
/// table once and one line per epoch. Between epoch lines a terminal gets a live bar
/// (rate, ETA, loss), and other outputs a plain step line at most every five seconds.
final class FitProgressPrinter {
    let runtime: Runtime
    private var lastLine = -Double.infinity
    private let started = ContinuousClock.now
    private let output = ProgressOutput.current
    private var bar: ProgressReporter?

    init(runtime: Runtime) { self.runtime = runtime }

    private var elapsed: Double {
        let duration = ContinuousClock.now - started
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    func report(_ event: FitEvent) {
        switch event {
        case .started(let settings, _):
            let width = settings.map(\.name.count).max() ?? 0
            let table = settings.map { row in
                row.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + row.value
            }
            runtime.warning(table.joined(separator: "\n") + "\n")
        case .step(let step) where output.isTerminal:
            let bar = self.bar ?? ProgressReporter(total: step.totalSteps, label: "fit", output: output)
            self.bar = bar
            let status = String(
                format: "epoch %d/%d  loss %.4f  lr %.3g", step.epoch, step.epochs, step.loss,
                step.learningRate)
            bar.update(completed: step.step, status: status)
        case .step(let step):
            let now = elapsed
            guard now - lastLine >= 5 else { break }
            lastLine = now
            let line = String(
                format: "step %d/%d  epoch %d/%d  loss %.4f  grad %.3g  lr %.3g  %.0f ms/step  %.0f items/s\n",
                step.step, step.totalSteps, step.epoch, step.epochs, step.loss, step.gradientNorm,
                step.learningRate, step.secondsPerStep * 1000, step.itemsPerSecond)
            runtime.warning(line)
        case .epochEnded(let record):
            let validation = record.validationLoss.map { String(format: "  val %.4f", $0) } ?? ""
            let line = String(format: "epoch %d  loss %.4f", record.epoch, record.loss)
            // On a terminal the epoch line replaces the bar, which redraws on the next step.
            let clear = bar == nil ? "" : "\r\u{1B}[K"
            runtime.warning(clear + line + validation + String(format: "  %.1fs\n", record.seconds))
        case .checkpointSaved:
            break
        }
    }
}

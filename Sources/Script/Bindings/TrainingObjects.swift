import NeuralNets
import Training

/// The history `fit` returns: `history.last.loss`, `history.loss` (one per epoch),
/// `history.val_loss`, `history.epochs` (records).
public final class HistoryObject: HostObject {
    public let history: TrainingHistory

    public init(_ history: TrainingHistory) { self.history = history }

    public var typeName: String { "History" }

    public var description: String {
        let last = history.last.map { ", last loss \(Value.formatNumber($0.loss))" } ?? ""
        return "<History of \(history.epochs.count) epochs\(last)>"
    }

    public var length: Int? { history.epochs.count }

    public func field(_ name: String) throws -> Value? {
        switch name {
        case "last": return history.last.map(HistoryObject.value(of:)) ?? Value.none
        case "epochs": return .list(history.epochs.map(HistoryObject.value(of:)))
        case "loss": return .list(history.losses.map { .number($0) })
        case "val_loss": return .list(history.validationLosses.map { $0.map(Value.number) ?? Value.none })
        default: return nil
        }
    }

    /// Returns a record (epoch, step, loss, val_loss, lr, seconds, terms) with terms a dict.
    static func value(of record: EpochRecord) -> Value {
        let terms = DictValue()
        for term in record.terms { try? terms.set(.string(term.name), .number(term.value)) }
        return .record(
            RecordValue(
                labels: ["epoch", "step", "loss", "val_loss", "lr", "seconds", "terms"],
                values: [
                    .number(Double(record.epoch)), .number(Double(record.step)), .number(record.loss),
                    record.validationLoss.map(Value.number) ?? Value.none, .number(record.learningRate),
                    .number(record.seconds), .dict(terms),
                ]))
    }
}

extension Arguments {
    /// Returns the ManifoldFormer model argument at `position`.
    func trainedModel(_ position: Int) throws -> ManifoldFormer {
        guard let model = values[position].moduleValue as? ManifoldFormer else {
            throw typeError(position, expected: "a manifoldformer model")
        }
        return model
    }

    /// Returns the optimizer argument at `position`.
    func trainingOptimizer(_ position: Int) throws -> Optimizer {
        guard let optimizer = values[position].optimizerValue else {
            throw typeError(position, expected: "an optimizer (from adam, adamw or sgd)")
        }
        return optimizer
    }
}

/// A schedule backed by a script function from step to learning rate. The first error
/// the function raises is kept and rethrown by `fit`'s stop check before the next batch.
final class FunctionSchedule: Schedule {
    let function: Value
    let runtime: Runtime
    private(set) var failure: Error?

    init(function: Value, runtime: Runtime) {
        self.function = function
        self.runtime = runtime
    }

    func learningRate(at step: Int) -> Double {
        do {
            return try runtime.call(function, [.number(Double(step))])
                .requireNumber("the schedule's learning rate at step \(step)")
        } catch {
            failure = failure ?? error
            return 0
        }
    }
}

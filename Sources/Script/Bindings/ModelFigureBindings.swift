import Datasets
import Plotting
import Tensors
import Training

extension BuiltinRegistry {
    func registerModelFigures() {
        addBinding(
            "sync_figure", "plotting",
            Signature(
                [ParameterSpec("model"), ParameterSpec("x")],
                keywords: [
                    ParameterSpec("sample", .integer, default: .number(0)),
                    ParameterSpec("head", .integer, default: .number(0)),
                ]),
            "Kuramoto coupling heatmap of one sample and head beside the polar phases of z_dyn, coloured by time"
        ) { args in
            let x = try args[1].modelInput("argument 'x' of sync_figure")
            let figure = try ModelFigures.sync(
                try args.trainedModel(0), x, sample: try args.integer(2), head: try args.integer(3))
            return .host(FigureObject(figure))
        }
        addBinding(
            "attention_figure", "plotting",
            Signature([ParameterSpec("model"), ParameterSpec("x")],
                      keywords: [ParameterSpec("sample", .integer, default: .number(0))]),
            "Attention maps of one sample, one heatmap panel per head"
        ) { args in
            let x = try args[1].modelInput("argument 'x' of attention_figure")
            return .host(FigureObject(try ModelFigures.attention(try args.trainedModel(0), x, sample: try args.integer(2))))
        }
        addBinding(
            "phase_portrait", "plotting", Signature([ParameterSpec("z", .tensor)]),
            "PCA phase portrait of a latent trajectory [T, L] (or its first sample of [B, T, L]) with direction arrows"
        ) { args in
            .host(FigureObject(try ModelFigures.phasePortrait(try args.tensor(0).detached())))
        }
        addBinding(
            "history_figure", "plotting",
            Signature([ParameterSpec("history")], keywords: [ParameterSpec("title", .string, default: .string("Training History"))]),
            "Loss curves per epoch from a fit history or from load_csv of a fit log"
        ) { args in
            let history = try BuiltinRegistry.history(from: args[0])
            return .host(FigureObject(try ModelFigures.history(history, title: try args.string(1))))
        }
        addBinding(
            "confusion_figure", "plotting",
            Signature([ParameterSpec("result")], keywords: [ParameterSpec("labels", .list, default: Value.none)]),
            "Confusion matrix heatmap from an evaluate result or a list of rows of counts"
        ) { args in
            let (rows, names) = try BuiltinRegistry.confusion(from: args)
            return .host(FigureObject(try ModelFigures.confusion(rows, classNames: names)))
        }
        addBinding(
            "spectrogram_figure", "plotting",
            Signature([ParameterSpec("spec", .tensor)], keywords: [
                ParameterSpec("sample_rate", .number, default: .number(22050)),
                ParameterSpec("hop_length", .integer, default: .number(200)),
                ParameterSpec("title", .string, default: .string("Mel Spectrogram")),
            ]),
            "Mel spectrogram image [n_mels, frames] with time in seconds and frequency in Hz"
        ) { args in
            let mel = try ModelFigures.matrix(try args.tensor(0))
            let figure = try spectrogramFigure(
                mel: mel, sampleRate: try args.number(1), hopLength: try args.integer(2), title: try args.string(3))
            return .host(FigureObject(figure))
        }
    }

    /// Returns a history from a `History` value, or from the columns of a fit CSV log (its
    /// `kind == "epoch"` rows).
    static func history(from value: Value) throws -> TrainingHistory {
        if case .host(let object) = value, let wrapper = object as? HistoryObject { return wrapper.history }
        guard case .dict(let table) = value else {
            throw Diagnostic.runtime("history_figure needs a fit history or load_csv of a fit log, got \(value.typeName)")
        }
        func column(_ name: String) throws -> [Value] {
            guard case .list(let list)? = try table.get(.string(name)) else {
                throw Diagnostic.runtime("history_figure: the log has no column '\(name)'")
            }
            return list.items
        }
        let kinds = try column("kind"), epochs = try column("epoch"), losses = try column("loss")
        let validation = (try? column("val_loss")) ?? []
        var records: [EpochRecord] = []
        for row in kinds.indices {
            guard case .string("epoch") = kinds[row], case .number(let epoch) = epochs[row],
                case .number(let loss) = losses[row]
            else { continue }
            var validationLoss: Double?
            if row < validation.count, case .number(let value) = validation[row] { validationLoss = value }
            records.append(
                EpochRecord(
                    epoch: Int(epoch), step: 0, loss: loss, terms: [], validationLoss: validationLoss,
                    learningRate: 0, seconds: 0))
        }
        return TrainingHistory(epochs: records)
    }

    static func confusion(from args: Arguments) throws -> ([[Int]], [String]?) {
        var source = args[0]
        var names: [String]?
        if case .record(let record) = source, let matrix = record.field("confusion") {
            source = matrix
            if case .list(let list)? = record.field("labels") {
                names = try list.items.map { try $0.requireString("class label") }
            }
        }
        if case .list(let list) = args[1] {
            names = try list.items.map { try $0.requireString("class label") }
        }
        guard case .list(let rows) = source else {
            throw Diagnostic.runtime(
                "confusion_figure needs an evaluate result with a confusion matrix or a list of rows, "
                    + "got \(source.typeName)")
        }
        let counts = try rows.items.map { row -> [Int] in
            guard case .list(let cells) = row else {
                throw Diagnostic.runtime("confusion_figure: each row must be a list of counts")
            }
            return try cells.items.map { try $0.requireInteger("confusion count") }
        }
        return (counts, names)
    }
}

/// Mean losses of one finished epoch.
public struct EpochRecord: Equatable {
    /// Epoch, counted from 1.
    public var epoch: Int
    /// Optimizer steps done by the end of this epoch.
    public var step: Int
    /// Mean total loss over the epoch's batches, weighted by batch size.
    public var loss: Double
    /// Mean of each loss term, in the objective's order.
    public var terms: [Term]
    /// Mean total loss on the validation data, when `fit` was given some.
    public var validationLoss: Double?
    /// Learning rate of the epoch's last step.
    public var learningRate: Double
    /// Wall-clock seconds from the start of the run to the end of this epoch.
    public var seconds: Double

    public struct Term: Equatable {
        public var name: String
        public var value: Double

        public init(name: String, value: Double) {
            self.name = name
            self.value = value
        }
    }

    public init(
        epoch: Int, step: Int, loss: Double, terms: [Term], validationLoss: Double?,
        learningRate: Double, seconds: Double
    ) {
        self.epoch = epoch
        self.step = step
        self.loss = loss
        self.terms = terms
        self.validationLoss = validationLoss
        self.learningRate = learningRate
        self.seconds = seconds
    }
}

/// Every epoch of a run, including epochs restored from a checkpoint.
public struct TrainingHistory: Equatable {
    public var epochs: [EpochRecord] = []

    public init(epochs: [EpochRecord] = []) { self.epochs = epochs }

    /// The latest epoch, or nil before the first one ends.
    public var last: EpochRecord? { epochs.last }

    /// Mean training loss per epoch.
    public var losses: [Double] { epochs.map(\.loss) }

    /// Validation loss per epoch; nil entries where none was computed.
    public var validationLosses: [Double?] { epochs.map(\.validationLoss) }
}

extension TrainingHistory {
    /// Encodes one line per epoch, `key=value` pairs separated by spaces, for checkpoint metadata.
    func encoded() -> String {
        epochs.map { record in
            var fields = [
                "epoch=\(record.epoch)", "step=\(record.step)", "loss=\(record.loss)",
                "lr=\(record.learningRate)", "seconds=\(record.seconds)",
            ]
            if let validation = record.validationLoss { fields.append("val=\(validation)") }
            fields += record.terms.map { "term.\($0.name)=\($0.value)" }
            return fields.joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// Parses `encoded()` output; nil when a line is malformed.
    init?(encoded text: String) {
        var records: [EpochRecord] = []
        for line in text.split(separator: "\n") {
            var values: [String: Double] = [:]
            var terms: [EpochRecord.Term] = []
            for field in line.split(separator: " ") {
                let parts = field.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let value = Double(parts[1]) else { return nil }
                if parts[0].hasPrefix("term.") {
                    terms.append(EpochRecord.Term(name: String(parts[0].dropFirst(5)), value: value))
                } else {
                    values[parts[0]] = value
                }
            }
            guard let epoch = values["epoch"], let step = values["step"], let loss = values["loss"],
                let rate = values["lr"], let seconds = values["seconds"]
            else { return nil }
            records.append(
                EpochRecord(
                    epoch: Int(epoch), step: Int(step), loss: loss, terms: terms,
                    validationLoss: values["val"], learningRate: rate, seconds: seconds))
        }
        self.init(epochs: records)
    }
}

import Datasets
import Foundation
import NeuralNets
import Tensors

// Shapes: B batch, T time steps, C channels.

/// Trains `model` on `data` with `optimizer` for `options.epochs` epochs and returns
/// the history of every epoch, including epochs restored from a checkpoint.
///
/// Batches come from a shuffled `DataLoader` seeded with `options.seed`. The same
/// seed also restarts the model's noise stream, so two runs with one seed are equal.
/// The run stops with an error, leaving the parameters of the last good step, when
/// a loss term or the gradient norm is not finite, and with `TensorError.interrupted`
/// when Ctrl-C is pending between batches.
public func fit(
    _ model: ManifoldFormer, _ data: Dataset, optimizer: Optimizer,
    options: FitOptions = FitOptions(), reporter: FitReporter? = nil
) throws -> TrainingHistory {
    let trainer = try Trainer(model: model, data: data, optimizer: optimizer, options: options)
    trainer.reporter = reporter
    return try trainer.run()
}

/// The state of one `fit` call.
final class Trainer {
    let model: ManifoldFormer
    let data: Dataset
    let optimizer: Optimizer
    let options: FitOptions
    let loader: DataLoader
    var reporter: FitReporter?
    var history = TrainingHistory()
    private var log: MetricsLog?
    private var startEpoch = 0
    private var secondsBefore = 0.0
    private var clock = ContinuousClock.now

    init(model: ManifoldFormer, data: Dataset, optimizer: Optimizer, options: FitOptions) throws {
        try FitValidation.check(options, model: model, data: data, optimizer: optimizer)
        self.model = model
        self.data = data
        self.optimizer = optimizer
        self.options = options
        loader = try DataLoader(
            data, batchSize: options.batchSize, shuffle: true, seed: options.seed)
    }

    private var elapsed: Double {
        let duration = ContinuousClock.now - clock
        return secondsBefore + Double(duration.components.seconds)
            + Double(duration.components.attoseconds) * 1e-18
    }

    func run() throws -> TrainingHistory {
        model.stream.restoreQuietly(RandomStream(seed: options.seed ^ 0x7EA1_5EED).snapshot)
        try restoreIfRequested()
        log = options.logPath.map { MetricsLog(path: $0) }
        if startEpoch > 0 { log?.keepExisting(epochs: startEpoch) }
        reporter?(.started(settings: settings(), resumedEpochs: startEpoch))
        clock = ContinuousClock.now
        let wasTraining = model.isTraining
        defer { model.train(wasTraining) }
        for epoch in startEpoch..<options.epochs {
            model.train()
            try runEpoch(epoch)
        }
        return history
    }

    /// Loads the checkpoint when `resume` is set and the file exists.
    private func restoreIfRequested() throws {
        guard options.resume, let path = options.checkpointPath,
            FileManager.default.fileExists(atPath: path)
        else { return }
        let (checkpoint, state) = try RunCheckpoint.load(path: path, model: model)
        let expected = RunCheckpoint.describe(options)
        guard checkpoint.options == expected else {
            throw TrainingError.incompatibleCheckpoint(
                path: path,
                message: "was written with \(checkpoint.options), this run uses \(expected);"
                    + " resume with the same batch, loss and seed or use another checkpoint path")
        }
        guard checkpoint.epoch >= 0, checkpoint.stepCount >= 0, checkpoint.epoch <= checkpoint.stepCount else {
            throw TrainingError.incompatibleCheckpoint(
                path: path,
                message: "records epoch \(checkpoint.epoch) after \(checkpoint.stepCount) steps, which no run "
                    + "writes; the file is damaged, so start without resume: true or use another checkpoint")
        }
        let kind = RunCheckpoint.kind(of: optimizer)
        guard checkpoint.optimizerKind == kind else {
            throw TrainingError.incompatibleCheckpoint(
                path: path,
                message: "contains \(checkpoint.optimizerKind) state but the optimizer is \(kind); "
                    + "resume with the same optimizer type")
        }
        try model.loadState(state)
        try optimizer.loadState(checkpoint.optimizerState, stepCount: checkpoint.stepCount)
        try model.stream.restore(checkpoint.randomState)
        try loader.restore(checkpoint.position)
        history = checkpoint.history
        startEpoch = min(checkpoint.epoch, options.epochs)
        secondsBefore = history.last?.seconds ?? 0
    }

    /// Runs one pass over the data, then validation, the epoch's CSV row and the checkpoint.
    private func runEpoch(_ epoch: Int) throws {
        try loader.restore(LoaderPosition(epoch: epoch, index: 0))
        var sums = TermSums()
        var window = TermSums()
        var batchIndex = 0
        var lastNorm = 0.0
        while true {
            try Interrupt.check()
            try options.stopCheck?()
            guard let batch = try loader.next() else { break }
            batchIndex += 1
            let started = ContinuousClock.now
            let (terms, norm) = try step(batch, epoch: epoch)
            lastNorm = norm
            let size = batch.x.shape[0]
            try sums.add(terms, weight: size)
            try window.add(terms, weight: size)
            let seconds = (ContinuousClock.now - started).seconds
            reporter?(
                .step(
                    StepReport(
                        epoch: epoch + 1, epochs: options.epochs, step: optimizer.stepCount,
                        totalSteps: options.epochs * loader.batchesPerEpoch, batch: batchIndex,
                        batchesPerEpoch: loader.batchesPerEpoch, loss: Double(try terms.total.item()),
                        gradientNorm: norm, learningRate: optimizer.learningRate,
                        secondsPerStep: seconds, itemsPerSecond: Double(size) / max(seconds, 1e-9))))
            if let every = options.logEvery, optimizer.stepCount % every == 0 {
                try log?.append(
                    kind: "step", epoch: epoch + 1, step: optimizer.stepCount, loss: window.mean,
                    terms: window.means, validationLoss: nil, learningRate: optimizer.learningRate,
                    gradientNorm: norm, seconds: elapsed)
                window = TermSums()
            }
        }
        let validation = try options.validation.map {
            try evaluate(model, $0, batchSize: options.batchSize, loss: options.loss,
                         weights: options.weights).loss
        }
        model.train()
        let record = EpochRecord(
            epoch: epoch + 1, step: optimizer.stepCount, loss: sums.mean, terms: sums.means,
            validationLoss: validation, learningRate: optimizer.learningRate, seconds: elapsed)
        history.epochs.append(record)
        try log?.append(
            kind: "epoch", epoch: epoch + 1, step: optimizer.stepCount, loss: record.loss,
            terms: record.terms, validationLoss: validation, learningRate: record.learningRate,
            gradientNorm: lastNorm, seconds: record.seconds)
        reporter?(.epochEnded(record))
        try saveCheckpoint(epoch: epoch + 1)
    }

    /// Forward, loss, backward, clipping and the optimizer step for one batch.
    private func step(_ batch: Record, epoch: Int) throws -> (LossTerms, Double) {
        optimizer.zeroGrad()
        model.zeroGrad()
        if let schedule = options.schedule {
            let rate = schedule.learningRate(at: optimizer.stepCount)
            guard rate >= 0, rate.isFinite else {
                throw TrainingError.invalidOption(
                    name: "schedule",
                    message: "returned learning rate \(rate) at step \(optimizer.stepCount); it must be finite and >= 0")
            }
            optimizer.learningRate = rate
        }
        let (input, target) = try BatchObjective.split(batch, kind: options.loss, dataset: data)
        let outputs = try model(input)
        let terms = try BatchObjective.terms(
            model: model, outputs: outputs, input: input, target: target, labels: batch.label,
            kind: options.loss, weights: options.weights, perm: nil)
        if let bad = try BatchObjective.firstNonFinite(terms) {
            throw nonFinite(epoch: epoch, term: bad.name, value: bad.value)
        }
        try terms.total.backward()
        let parameters = model.parameters()
        let norm: Double
        if let clip = options.clipNorm {
            norm = try GradientClipping.clipNorm(parameters, maxNorm: clip)
        } else {
            norm = Trainer.gradientNorm(parameters)
        }
        guard norm.isFinite else {
            throw nonFinite(epoch: epoch, term: "gradient norm", value: norm)
        }
        try optimizer.step()
        return (terms, norm)
    }

    private func nonFinite(epoch: Int, term: String, value: Double) -> TrainingError {
        model.zeroGrad()
        let saved = options.checkpointPath.flatMap {
            FileManager.default.fileExists(atPath: $0) ? $0 : nil
        }
        return .nonFiniteLoss(
            epoch: epoch + 1, step: optimizer.stepCount + 1, term: term, value: value,
            checkpoint: saved)
    }

    static func gradientNorm(_ parameters: [Tensor]) -> Double {
        var total = 0.0
        for parameter in parameters {
            guard let grad = parameter.grad else { continue }
            let values = grad.floats
            for i in 0..<grad.count { total += Double(values[i]) * Double(values[i]) }
        }
        return total.squareRoot()
    }

    private func saveCheckpoint(epoch: Int) throws {
        guard let path = options.checkpointPath else { return }
        var state: [String: Tensor] = [:]
        for (name, tensor) in optimizer.stateDict() { state[name] = tensor }
        let checkpoint = RunCheckpoint(
            epoch: epoch, stepCount: optimizer.stepCount, randomState: model.stream.snapshot,
            position: LoaderPosition(epoch: epoch, index: 0),
            options: RunCheckpoint.describe(options), optimizerKind: RunCheckpoint.kind(of: optimizer),
            history: history, optimizerState: state)
        try checkpoint.save(model: model, to: path)
        reporter?(.checkpointSaved(path: path, epoch: epoch))
    }

    /// Lists the resolved configuration, one (name, value) row each, for the start-of-run table.
    private func settings() -> [(name: String, value: String)] {
        var rows: [(name: String, value: String)] = [
            ("model", model.config.encoded().replacingOccurrences(of: ";", with: " ")),
            ("parameters", "\(model.parameterCount)"),
            ("records", "\(data.count)"),
            ("epochs", "\(options.epochs)"),
            ("batch", "\(options.batchSize)"),
            ("batches per epoch", "\(loader.batchesPerEpoch)"),
            ("loss", options.loss.rawValue),
            ("optimizer", "\(RunCheckpoint.kind(of: optimizer)) lr \(optimizer.learningRate)"),
            ("seed", "\(options.seed)"),
        ]
        if let clip = options.clipNorm { rows.append(("clip", "\(clip)")) }
        if let path = options.logPath { rows.append(("log", path)) }
        if let path = options.checkpointPath { rows.append(("checkpoint", path)) }
        if startEpoch > 0 { rows.append(("resumed after epoch", "\(startEpoch)")) }
        return rows
    }
}

/// Running sums of loss terms weighted by batch size.
struct TermSums {
    private(set) var total = 0.0
    private(set) var names: [String] = []
    private(set) var values: [Double] = []
    private(set) var weight = 0

    mutating func add(_ terms: LossTerms, weight size: Int) throws {
        total += Double(try terms.total.item()) * Double(size)
        for (name, value) in terms.terms {
            let number = Double(try value.item()) * Double(size)
            if let index = names.firstIndex(of: name) {
                values[index] += number
            } else {
                names.append(name)
                values.append(number)
            }
        }
        weight += size
    }

    var mean: Double { weight > 0 ? total / Double(weight) : .nan }

    var means: [EpochRecord.Term] {
        zip(names, values).map { EpochRecord.Term(name: $0, value: weight > 0 ? $1 / Double(weight) : .nan) }
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}

extension RandomStream {
    /// Restores a snapshot known to be well formed.
    func restoreQuietly(_ words: [UInt64]) {
        try? restore(words)
    }
}

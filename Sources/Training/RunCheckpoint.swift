import Datasets
import NeuralNets
import Tensors

/// The state of a `fit` run at the end of an epoch. Tensors: the model's state dict and
/// the optimizer's state under `optim.<parameter>.<slot>`. Safetensors metadata:
/// the model configuration, the epoch, the optimizer step count, the model's random
/// stream, the loader position, the run options and the history so far.
struct RunCheckpoint {
    static let optimizerPrefix = "optim."
    static let epochKey = "mfs.fit.epoch"
    static let stepKey = "mfs.fit.step"
    static let randomKey = "mfs.fit.rng"
    static let loaderKey = "mfs.fit.loader"
    static let optionsKey = "mfs.fit.options"
    static let optimizerKey = "mfs.fit.optimizer"
    static let historyKey = "mfs.fit.history"

    /// Epochs finished.
    var epoch: Int
    var stepCount: Int
    var randomState: [UInt64]
    var position: LoaderPosition
    /// Options that must match for the resumed run to repeat the uninterrupted one.
    var options: String
    var optimizerKind: String
    var history: TrainingHistory
    var optimizerState: [String: Tensor]

    /// Options that fix the data order and the objective, as stored in the metadata.
    static func describe(_ options: FitOptions) -> String {
        "batch=\(options.batchSize);loss=\(options.loss.rawValue);seed=\(options.seed)"
    }

    static func kind(of optimizer: Optimizer) -> String {
        String(describing: type(of: optimizer))
    }

    /// Writes the checkpoint atomically; the previous file stays intact until the rename.
    func save(model: ManifoldFormer, to path: String) throws {
        let metadata = [
            RunCheckpoint.epochKey: "\(epoch)",
            RunCheckpoint.stepKey: "\(stepCount)",
            RunCheckpoint.randomKey: randomState.map(String.init).joined(separator: ","),
            RunCheckpoint.loaderKey: "\(position.epoch),\(position.index)",
            RunCheckpoint.optionsKey: options,
            RunCheckpoint.optimizerKey: optimizerKind,
            RunCheckpoint.historyKey: history.encoded(),
        ]
        let extra = optimizerState.sorted { $0.key < $1.key }
            .map { (name: RunCheckpoint.optimizerPrefix + $0.key, tensor: $0.value) }
        try Checkpoint.save(model, to: path, extra: extra, metadata: metadata)
    }

    /// Reads a checkpoint written by `save`, checking it against `model`.
    static func load(path: String, model: ManifoldFormer) throws -> (RunCheckpoint, [String: Tensor]) {
        let file = try SafeTensors.read(path: path)
        let meta = file.metadata
        func fail(_ message: String) -> TrainingError {
            .incompatibleCheckpoint(path: path, message: message)
        }
        guard let configText = meta[Checkpoint.configKey] else {
            throw fail("has no model configuration; it was not written by fit")
        }
        let stored = try ManifoldFormerConfig(decoding: configText, source: path)
        let differences = configDifferences(stored, model.config)
        if !differences.isEmpty {
            throw fail(
                "was written by a model of another shape (\(differences.joined(separator: ", ")));"
                    + " build the model with the same options or use another checkpoint path")
        }
        guard let epoch = meta[epochKey].flatMap(Int.init),
            let step = meta[stepKey].flatMap(Int.init),
            let options = meta[optionsKey], let optimizerKind = meta[optimizerKey]
        else {
            throw fail("lacks the fit metadata (epoch, step, options); it is a model file, not a run checkpoint")
        }
        let words = (meta[randomKey] ?? "").split(separator: ",").compactMap { UInt64($0) }
        let place = (meta[loaderKey] ?? "").split(separator: ",").compactMap { Int($0) }
        guard words.count == 6, place.count == 2 else {
            throw fail("has a malformed random state or loader position")
        }
        guard let history = TrainingHistory(encoded: meta[historyKey] ?? "") else {
            throw fail("has a malformed history entry")
        }
        var state: [String: Tensor] = [:]
        var optimizer: [String: Tensor] = [:]
        for (name, tensor) in file.tensors {
            if name.hasPrefix(optimizerPrefix) {
                optimizer[String(name.dropFirst(optimizerPrefix.count))] = tensor
            } else {
                state[name] = tensor
            }
        }
        let checkpoint = RunCheckpoint(
            epoch: epoch, stepCount: step, randomState: words,
            position: LoaderPosition(epoch: place[0], index: place[1]), options: options,
            optimizerKind: optimizerKind, history: history, optimizerState: optimizer)
        return (checkpoint, state)
    }

    /// `name stored vs current` for every builder option that differs, ignoring the init seed.
    static func configDifferences(_ stored: ManifoldFormerConfig, _ current: ManifoldFormerConfig)
        -> [String]
    {
        func fields(_ config: ManifoldFormerConfig) -> [(String, String)] {
            config.encoded().split(separator: ";").compactMap { pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                return parts.count == 2 && parts[0] != "seed" ? (parts[0], parts[1]) : nil
            }
        }
        let old = Dictionary(fields(stored), uniquingKeysWith: { a, _ in a })
        let new = Dictionary(fields(current), uniquingKeysWith: { a, _ in a })
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            old[key] == new[key] ? nil : "\(key) \(old[key] ?? "unset") vs \(new[key] ?? "unset")"
        }
    }
}

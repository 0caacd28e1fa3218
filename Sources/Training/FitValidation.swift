import Foundation
import Datasets
import NeuralNets
import Tensors

/// Checks of `fit` options and data made before anything is trained or written.
enum FitValidation {
    static func check(_ options: FitOptions, model: ManifoldFormer, data: Dataset, optimizer: Optimizer)
        throws
    {
        guard options.epochs >= 1 else {
            throw TrainingError.invalidOption(
                name: "epochs", message: "must be at least 1, got \(options.epochs)")
        }
        guard options.batchSize >= 1 else {
            throw TrainingError.invalidOption(
                name: "batch", message: "must be at least 1, got \(options.batchSize)")
        }
        if let clip = options.clipNorm, !(clip > 0 && clip.isFinite) {
            throw TrainingError.invalidOption(name: "clip", message: "must be > 0, got \(clip)")
        }
        if let every = options.logEvery, every < 1 {
            throw TrainingError.invalidOption(
                name: "log_every", message: "must be at least 1 step, got \(every)")
        }
        if options.resume && options.checkpointPath == nil {
            throw TrainingError.invalidOption(
                name: "resume", message: "needs a checkpoint: path to resume from")
        }
        try checkData(data, name: "data", model: model, batch: options.batchSize)
        if let validation = options.validation {
            try checkData(validation, name: "val", model: model, batch: 1)
        }
        if let path = options.logPath { try OutputPath.checkWritable(path, option: "log") }
        if let path = options.checkpointPath {
            try OutputPath.checkWritable(path, option: "checkpoint")
        }
        if let log = options.logPath, let checkpoint = options.checkpointPath,
            URL(fileURLWithPath: log).standardizedFileURL == URL(fileURLWithPath: checkpoint).standardizedFileURL
        {
            throw TrainingError.invalidOption(
                name: "log", message: "is the checkpoint path \(checkpoint) too, so each would overwrite the other; "
                    + "use two paths, such as metrics.csv and checkpoint.safetensors")
        }
        try checkOptimizer(optimizer, model: model)
    }

    /// Checks that the optimizer updates at least one of the model's parameters, since a
    /// run that changes nothing would otherwise finish without a sign.
    static func checkOptimizer(_ optimizer: Optimizer, model: ManifoldFormer) throws {
        let owned = Set(model.parameters().map { ObjectIdentifier($0) })
        guard optimizer.parameters.contains(where: { owned.contains(ObjectIdentifier($0.tensor)) }) else {
            throw TrainingError.invalidOption(
                name: "optimizer",
                message: "updates none of the model's parameters (it contains \(optimizer.parameters.count) "
                    + "other tensors); build it from this model, as adam(model)")
        }
    }

    /// Checks the record count against the batch, the channel count against the
    /// model and, for a model with a classifier, the labels against its classes.
    static func checkData(_ data: Dataset, name: String, model: ManifoldFormer, batch: Int) throws {
        guard data.count >= batch else {
            throw TrainingError.invalidData(
                "\(name) has \(data.count) records, fewer than the batch size \(batch); "
                    + "lower batch to at most \(data.count) or add data")
        }
        guard data.count > 0 else {
            throw TrainingError.invalidData("\(name) has no records")
        }
        let first = try data.item(0)
        guard first.x.rank == 2, first.x.shape[1] == model.config.inputDim else {
            throw TrainingError.invalidData(
                "\(name) records are \(formatShape(first.x.shape)) but the model expects "
                    + "[T, \(model.config.inputDim)]; build the model with input: \(first.x.shape.last ?? 0)")
        }
        guard let classes = model.config.classes, let names = labelNames(data) else { return }
        guard names.count >= 2 else {
            throw TrainingError.invalidData(
                "\(name) has only the label \(names.map { "'\($0)'" }.joined()); "
                    + "classification needs at least 2 label folders")
        }
        guard names.count <= classes else {
            throw TrainingError.invalidData(
                "\(name) has \(names.count) labels but the model has classes: \(classes); "
                    + "build the model with classes: \(names.count)")
        }
    }

    /// Class names of datasets that have them.
    static func labelNames(_ data: Dataset) -> [String]? {
        if let folder = data as? AudioFolder { return folder.labels }
        if let windows = data as? EEGWindows { return windows.labels }
        return nil
    }
}

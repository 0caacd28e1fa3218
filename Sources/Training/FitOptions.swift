import Datasets
import NeuralNets

/// The objective that `fit` and `evaluate` minimise.
public enum LossKind: String, CaseIterable, Sendable {
    /// The seed loss plus VAE reconstruction, KL and expert-balance terms.
    case full
    /// The seed's temporal geometric loss alone.
    case seed
    /// Prediction of step t+1 from steps up to t, plus the VAE terms.
    case nextStep = "next_step"
}

/// Options of one `fit` call, with the defaults of the `fit` builtin.
public struct FitOptions {
    public var epochs = 1
    public var batchSize = 32
    public var loss = LossKind.full
    /// Seeds the batch order and the model's noise stream (VAE samples, batch permutations).
    public var seed: UInt64 = 0
    /// CSV file of metrics; nil writes none.
    public var logPath: String?
    /// Run checkpoint written at the end of every epoch; nil writes none.
    public var checkpointPath: String?
    /// Continue from `checkpointPath` when it exists; a missing file starts a new run.
    public var resume = false
    /// Held-out records whose mean loss is computed after every epoch.
    public var validation: Dataset?
    /// Maximum joint gradient L2 norm; nil leaves gradients unclipped.
    public var clipNorm: Double?
    /// Learning rate per optimizer step; nil keeps the optimizer's rate.
    public var schedule: Schedule?
    /// Writes a CSV row every this many steps besides the row per epoch; nil writes epoch rows only.
    public var logEvery: Int?
    public var weights = LossWeights()
    /// Called between batches besides `Interrupt.check()`; throwing stops the run.
    public var stopCheck: (() throws -> Void)?

    public init() {}
}

/// One optimizer step, as passed to the progress reporter.
public struct StepReport {
    /// Epoch, counted from 1.
    public var epoch: Int
    public var epochs: Int
    /// Optimizer steps done so far, counting resumed ones.
    public var step: Int
    public var totalSteps: Int
    /// Batch within the epoch, counted from 1.
    public var batch: Int
    public var batchesPerEpoch: Int
    public var loss: Double
    /// Joint gradient L2 norm before clipping.
    public var gradientNorm: Double
    public var learningRate: Double
    public var secondsPerStep: Double
    public var itemsPerSecond: Double
}

/// What `fit` reports while it runs; the caller decides how to show it.
public enum FitEvent {
    /// The resolved settings as (name, value) rows, once at the start.
    case started(settings: [(name: String, value: String)], resumedEpochs: Int)
    case step(StepReport)
    case epochEnded(EpochRecord)
    case checkpointSaved(path: String, epoch: Int)
}

/// Receives `FitEvent`s on the training thread.
public typealias FitReporter = (FitEvent) -> Void

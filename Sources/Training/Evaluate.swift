import Datasets
import NeuralNets
import Tensors

/// Losses of a model on a dataset and, for labelled data and a model with a
/// classifier, classification metrics.
public struct Evaluation {
    /// Mean total loss over the records.
    public var loss: Double
    /// Mean of each loss term, in the objective's order.
    public var terms: [EpochRecord.Term]
    /// Number of records evaluated.
    public var count: Int
    /// Fraction of correct class predictions.
    public var accuracy: Double?
    /// Cohen's kappa of predictions against labels.
    public var kappa: Double?
    /// Counts [classes, classes]: row = true label, column = prediction.
    public var confusion: [[Int]]?
    /// Predicted and true class of each record, in dataset order.
    public var predictions: [Int]?
    public var labels: [Int]?
}

/// Runs `model` in evaluation mode without recording gradients over every record of
/// `data` in order, and averages the loss terms weighted by batch size.
///
/// The batch permutation of the geometric term comes from a stream seeded with 0, so
/// evaluation neither depends on nor advances the model's noise stream. The model's
/// training flag is restored afterwards.
public func evaluate(
    _ model: ManifoldFormer, _ data: Dataset, batchSize: Int = 32, loss: LossKind = .full,
    weights: LossWeights = LossWeights()
) throws -> Evaluation {
    guard batchSize >= 1 else {
        throw TrainingError.invalidOption(name: "batch", message: "must be at least 1, got \(batchSize)")
    }
    try FitValidation.checkData(data, name: "data", model: model, batch: 1)
    let wasTraining = model.isTraining
    model.eval()
    defer { model.train(wasTraining) }
    let permutations = RandomStream(seed: 0)
    var sums = TermSums()
    var predicted: [Int] = []
    var truth: [Int] = []
    let loader = try DataLoader(data, batchSize: batchSize)
    try GradMode.withNoGrad {
        while let batch = try loader.next() {
            try Interrupt.check()
            let (input, target) = try BatchObjective.split(batch, kind: loss, dataset: data)
            let outputs = try model(input)
            let perm = try Tensor.randperm(input.shape[0], stream: permutations)
            let terms = try BatchObjective.terms(
                model: model, outputs: outputs, input: input, target: target, labels: batch.label,
                kind: loss, weights: weights, perm: perm)
            try sums.add(terms, weight: input.shape[0])
            if let logits = outputs.logits, let labels = batch.label {
                predicted += try Metrics.predictions(logits)
                truth += labels.toInt64Array().map(Int.init)
            }
        }
    }
    var result = Evaluation(loss: sums.mean, terms: sums.means, count: data.count)
    guard !truth.isEmpty, let classes = model.config.classes else { return result }
    let predictedTensor = try Tensor(int64: predicted.map(Int64.init), shape: [predicted.count])
    let truthTensor = try Tensor(int64: truth.map(Int64.init), shape: [truth.count])
    result.accuracy = try Metrics.accuracy(predictedTensor, truthTensor)
    result.kappa = try Metrics.cohenKappa(predictedTensor, truthTensor, classes: classes)
    result.confusion = try Metrics.confusionMatrix(predictedTensor, truthTensor, classes: classes)
    result.predictions = predicted
    result.labels = truth
    return result
}

extension Evaluation {
    init(loss: Double, terms: [EpochRecord.Term], count: Int) {
        self.loss = loss
        self.terms = terms
        self.count = count
    }
}

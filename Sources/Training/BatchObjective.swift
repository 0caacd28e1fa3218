import Datasets
import NeuralNets
import Tensors

// Shapes: B batch, T time steps, C channels.

/// The loss of one batch under a `LossKind`, shared by `fit` and `evaluate`.
enum BatchObjective {
    /// Returns the model input and the target of `batch`. For `next_step` on a dataset that is
    /// not already in next-step form, the input is x[:, :-1] and the target y[:, 1:].
    static func split(_ batch: Record, kind: LossKind, dataset: Dataset) throws
        -> (input: Tensor, target: Tensor)
    {
        guard kind == .nextStep, !isNextStepForm(dataset) else { return (batch.x, batch.y) }
        let steps = batch.x.shape[1]
        guard steps >= 2 else {
            throw TrainingError.invalidData(
                "loss \"next_step\" needs sequences of at least 2 steps, got \(steps)")
        }
        let input = try batch.x.narrowed(axis: 1, start: 0, length: steps - 1).contiguousCopy()
        let target = try batch.y.narrowed(axis: 1, start: 1, length: steps - 1).contiguousCopy()
        return (input, target)
    }

    /// Returns whether records already pair x = steps 0..<T−1 with y = steps 1..<T.
    static func isNextStepForm(_ dataset: Dataset) -> Bool {
        (dataset as? ChordsDataset)?.nextStep ?? false
    }

    /// Computes the loss terms. Cross-entropy on the class logits joins every kind when
    /// the batch has labels and the model has a classifier.
    /// - Parameter perm: batch permutation of the geometric term; nil draws it from the
    ///   model's stream.
    static func terms(
        model: ManifoldFormer, outputs: ManifoldFormerOutput, input: Tensor, target: Tensor,
        labels: Tensor?, kind: LossKind, weights: LossWeights, perm: Tensor?
    ) throws -> LossTerms {
        switch kind {
        case .full:
            return try Objectives.full(
                model: model, outputs: outputs, target: target, perm: perm, labels: labels,
                weights: weights)
        case .seed:
            let result = try Objectives.temporalGeometric(
                pred: outputs.out, target: target, z: outputs.z, zDyn: outputs.zDyn, perm: perm,
                weights: weights, stream: model.stream)
            return try addClassification(result, outputs: outputs, labels: labels, weights: weights)
        case .nextStep:
            let result = try Objectives.nextStep(
                model: model, outputs: outputs, input: input, target: target, weights: weights)
            return try addClassification(result, outputs: outputs, labels: labels, weights: weights)
        }
    }

    private static func addClassification(
        _ result: LossTerms, outputs: ManifoldFormerOutput, labels: Tensor?, weights: LossWeights
    ) throws -> LossTerms {
        guard let labels, let logits = outputs.logits else { return result }
        var terms = result
        let ce = try Tensor.crossEntropy(logits, labels)
        terms.total = try terms.total + ce * weights.classification
        terms.terms.append(("ce", ce))
        return terms
    }

    /// Returns the name of the first term that is NaN or infinite, with its value.
    static func firstNonFinite(_ terms: LossTerms) throws -> (name: String, value: Double)? {
        for (name, value) in terms.terms {
            let number = Double(try value.item())
            if !number.isFinite { return (name, number) }
        }
        let total = Double(try terms.total.item())
        return total.isFinite ? nil : ("total", total)
    }
}

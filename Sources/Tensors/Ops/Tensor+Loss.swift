// Losses that PyTorch provides as functions.

extension Tensor {
    /// Mean squared error, as `torch.nn.functional.mse_loss` (mean reduction).
    public static func mseLoss(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        guard input.shape == target.shape else {
            throw TensorError.shapeMismatch(
                op: "mse_loss", lhs: input.shape, rhs: target.shape,
                detail: "prediction and target need one shape")
        }
        let difference = try input.subtracting(target)
        return try difference.multiplying(difference).mean()
    }

    /// Cross-entropy of logits [N, C] against i64 labels [N] (mean over N).
    public static func crossEntropy(_ logits: Tensor, _ labels: Tensor) throws -> Tensor {
        guard logits.rank == 2, labels.rank == 1, labels.shape[0] == logits.shape[0] else {
            throw TensorError.shapeMismatch(
                op: "cross_entropy", lhs: logits.shape, rhs: labels.shape,
                detail: "logits need shape [N, classes] and labels shape [N]")
        }
        let logProbs = try logits.logSoftmax(axis: 1)
        let picked = try logProbs.gather(axis: 1, labels.reshaped([-1, 1]))
        return try picked.mean().negated()
    }
}

import Tensors

/// Weights of the terms of the training objectives.
public struct LossWeights: Sendable {
    public var alpha: Float = 1
    public var beta: Float = 0.1
    public var gamma: Float = 0.01
    public var vae: Float = 1
    public var kl: Float = 1e-3
    public var aux: Float = 1e-2
    public var classification: Float = 1

    public init() {}
}

/// The terms of an objective, each a 0-d tensor, and their weighted total.
public struct LossTerms {
    public var total: Tensor
    public var terms: [(name: String, value: Tensor)]
}

public enum Objectives {
    /// The seed loss: mse(pred, target) + α·mse(d_geo, d_in) + β·mean((‖z_dyn‖−1)²)
    /// + γ·mse(z_dyn[:,1:], z_dyn[:,:-1]), where d_geo = acos(clamp(⟨z̄_i, z̄_perm(i)⟩, ±0.99))
    /// and d_in = ‖x̄_i − x̄_perm(i)‖ over time means x̄, z̄ of the batch.
    ///
    /// - Parameter perm: the batch permutation [B] (i64); drawn from `stream` when nil.
    public static func temporalGeometric(
        pred: Tensor, target: Tensor, z: Tensor, zDyn: Tensor, perm: Tensor?,
        weights: LossWeights = LossWeights(), stream: RandomStream? = nil
    ) throws -> LossTerms {
        let batch = target.shape[0]
        let permutation = try perm ?? Tensor.randperm(batch, stream: stream)
        guard permutation.count == batch else {
            throw TensorError.invalidArgument(
                op: "temporal_geometric_loss",
                message: "perm has \(permutation.count) entries for a batch of \(batch)")
        }
        let recon = try Tensor.mseLoss(pred, target)
        let xMean = try target.mean(axis: 1), zMean = try z.mean(axis: 1)
        let distanceIn = try (xMean - xMean.indexSelect(axis: 0, permutation)).norm(axis: -1)
        let dot = try (zMean * zMean.indexSelect(axis: 0, permutation)).sum(axis: -1)
        let distanceGeo = try dot.clamp(min: -0.99, max: 0.99).acos()
        let geo = try Tensor.mseLoss(distanceGeo, distanceIn)
        let violation = try (zDyn.norm(axis: -1) - 1).pow(2).mean()
        let steps = zDyn.shape[1]
        let smooth = steps > 1
            ? try Tensor.mseLoss(
                zDyn.narrowed(axis: 1, start: 1, length: steps - 1),
                zDyn.narrowed(axis: 1, start: 0, length: steps - 1))
            : Tensor(scalar: 0)
        let total = try recon + geo * weights.alpha + violation * weights.beta + smooth * weights.gamma
        return LossTerms(
            total: total,
            terms: [("recon", recon), ("geo", geo), ("norm", violation), ("smooth", smooth)])
    }

    /// The full objective: the seed loss + vae·mse(recon, x) + kl·KL + aux·balance,
    /// plus classification·cross-entropy when `labels` and class logits are given.
    public static func full(
        model: ManifoldFormer, outputs: ManifoldFormerOutput, target: Tensor, perm: Tensor?,
        labels: Tensor? = nil, weights: LossWeights = LossWeights()
    ) throws -> LossTerms {
        var result = try temporalGeometric(
            pred: outputs.out, target: target, z: outputs.z, zDyn: outputs.zDyn, perm: perm,
            weights: weights, stream: model.stream)
        let vae = try Tensor.mseLoss(outputs.recon, target)
        var total = try result.total + vae * weights.vae
        result.terms.append(("vae", vae))
        if let kl = model.vae.kl {
            total = try total + kl * weights.kl
            result.terms.append(("kl", kl))
        }
        if let aux = model.moe?.aux {
            total = try total + aux * weights.aux
            result.terms.append(("aux", aux))
        }
        if let labels, let logits = outputs.logits {
            let ce = try Tensor.crossEntropy(logits, labels)
            total = try total + ce * weights.classification
            result.terms.append(("ce", ce))
        }
        result.total = total
        return result
    }

    /// Next-step prediction: mse between the output at t and the target at t+1,
    /// for inputs x[:, :-1] and targets x[:, 1:] (the loader's next-step form),
    /// plus the VAE, KL and balance terms of the full objective.
    public static func nextStep(
        model: ManifoldFormer, outputs: ManifoldFormerOutput, input: Tensor, target: Tensor,
        weights: LossWeights = LossWeights()
    ) throws -> LossTerms {
        let predict = try Tensor.mseLoss(outputs.out, target)
        let vae = try Tensor.mseLoss(outputs.recon, input)
        var total = try predict + vae * weights.vae
        var terms: [(String, Tensor)] = [("predict", predict), ("vae", vae)]
        if let kl = model.vae.kl {
            total = try total + kl * weights.kl
            terms.append(("kl", kl))
        }
        if let aux = model.moe?.aux {
            total = try total + aux * weights.aux
            terms.append(("aux", aux))
        }
        return LossTerms(total: total, terms: terms)
    }

    /// Mean squared geodesic step along time, mean(acos(⟨z_t, z_{t+1}⟩)²), for z on the sphere.
    public static func geodesicSmoothness(_ z: Tensor) throws -> Tensor {
        let steps = z.shape[1]
        guard steps > 1 else { return Tensor(scalar: 0) }
        let a = try z.narrowed(axis: 1, start: 0, length: steps - 1)
        let b = try z.narrowed(axis: 1, start: 1, length: steps - 1)
        let angle = try (a * b).sum(axis: -1).clamp(min: -1 + 1e-6, max: 1 - 1e-6).acos()
        return try (angle * angle).mean()
    }

    /// Isometry: mse between pairwise geodesic distances of latent time means
    /// and Euclidean distances of input time means, over all batch pairs.
    public static func isometry(x: Tensor, z: Tensor) throws -> Tensor {
        let xMean = try x.mean(axis: 1), zMean = try z.mean(axis: 1).normalized(axis: -1)
        let cosine = try zMean.matmul(zMean.transposed(0, 1)).clamp(min: -1 + 1e-6, max: 1 - 1e-6)
        let geodesic = try cosine.acos()
        let difference = try xMean.unsqueezed(1) - xMean.unsqueezed(0)
        let euclidean = try (difference * difference).sum(axis: -1).add(epsilon: 1e-12).sqrt()
        return try Tensor.mseLoss(geodesic, euclidean)
    }
}

extension Tensor {
    fileprivate func add(epsilon: Float) throws -> Tensor { try self + epsilon }
}

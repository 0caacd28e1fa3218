import Foundation
import NeuralNets
import Plotting
import Tensors

// Shapes: B batch, T time steps, C channels, L latent size, H heads.

/// Figures drawn from a model's forward pass and from training histories.
public enum ModelFigures {
    /// Runs `model` on x [B, T, C] in evaluation mode without gradients, restoring the
    /// training flag afterwards.
    static func inspect(_ model: ManifoldFormer, _ x: Tensor) throws -> ManifoldFormerOutput {
        let wasTraining = model.isTraining
        model.eval()
        defer { model.train(wasTraining) }
        return try GradMode.withNoGrad { try model(x) }
    }

    /// Builds the coupling heatmap of one sample and head ("Neural Phase Synchronization")
    /// beside the polar portrait of the phases atan2(z₁, z₀) of z_dyn[sample], coloured
    /// by time, with radii ‖(z₀, z₁)‖.
    public static func sync(_ model: ManifoldFormer, _ x: Tensor, sample: Int = 0, head: Int = 0)
        throws -> Figure
    {
        let outputs = try inspect(model, x)
        guard let coupling = model.lastCoupling else {
            throw TrainingError.invalidOption(
                name: "model",
                message: "sync_figure needs Kuramoto dynamics, but the model has dynamics: "
                    + "\"\(model.config.dynamics.rawValue)\"; use attention_figure instead")
        }
        try checkIndex(sample, "sample", count: coupling.shape[0])
        try checkIndex(head, "head", count: coupling.shape[1])
        let map = try matrix(coupling.selected(axis: 0, index: sample).selected(axis: 0, index: head))
        let state = try outputs.zDyn.selected(axis: 0, index: sample).contiguousCopy().toArray()
        let width = outputs.zDyn.shape[2]
        let steps = outputs.zDyn.shape[1]
        var phases: [Double] = []
        var radii: [Double] = []
        for t in 0..<steps {
            let z0 = Double(state[t * width]), z1 = width > 1 ? Double(state[t * width + 1]) : 0
            phases.append(atan2(z1, z0))
            radii.append((z0 * z0 + z1 * z1).squareRoot())
        }
        return try syncFigure(coupling: map, phases: phases, radii: radii)
    }

    /// Builds one heatmap panel per head of the attention map of `sample`.
    public static func attention(_ model: ManifoldFormer, _ x: Tensor, sample: Int = 0) throws
        -> Figure
    {
        _ = try inspect(model, x)
        guard let weights = model.attn.lastAttention else {
            throw TrainingError.invalidData("the model kept no attention map")
        }
        try checkIndex(sample, "sample", count: weights.shape[0])
        let maps = try weights.selected(axis: 0, index: sample)
        let heads = try (0..<maps.shape[0]).map { try matrix(maps.selected(axis: 0, index: $0)) }
        return try attentionFigure(heads: heads)
    }

    /// Builds the PCA phase portrait of a latent trajectory z [T, L], or of z[0] for [B, T, L].
    public static func phasePortrait(_ z: Tensor) throws -> Figure {
        let trajectory = z.rank == 3 ? try z.selected(axis: 0, index: 0) : z
        guard trajectory.rank == 2 else {
            throw TrainingError.invalidData(
                "phase_portrait needs z of shape [T, L] or [B, T, L], got \(formatShape(z.shape))")
        }
        return try phasePortraitFigure(trajectory: matrix(trajectory))
    }

    /// Loss curves: training loss per epoch and, where present, validation loss.
    public static func history(_ history: TrainingHistory, title: String = "Training History")
        throws -> Figure
    {
        var series = [
            LossSeries(
                name: "train", values: history.losses,
                steps: history.epochs.map { Double($0.epoch) })
        ]
        let validation = history.epochs.compactMap { record in
            record.validationLoss.map { (Double(record.epoch), $0) }
        }
        if !validation.isEmpty {
            series.append(
                LossSeries(name: "val", values: validation.map(\.1), steps: validation.map(\.0)))
        }
        return try lossCurveFigure(history: series, title: title)
    }

    /// Builds a heatmap of `confusion` counts labelled with `classNames` (class indices when nil).
    public static func confusion(_ confusion: [[Int]], classNames: [String]? = nil) throws -> Figure {
        let names = classNames ?? confusion.indices.map(String.init)
        return try confusionMatrixFigure(counts: confusion, classLabels: names)
    }

    /// Converts a [rows, columns] tensor to a plotting matrix.
    public static func matrix(_ tensor: Tensor) throws -> Matrix {
        guard tensor.rank == 2 else {
            throw TrainingError.invalidData(
                "expected a 2-d tensor for a heatmap, got shape \(formatShape(tensor.shape))")
        }
        let values = try tensor.converted(to: .f32).contiguousCopy().toArray()
        return try Matrix(rows: tensor.shape[0], columns: tensor.shape[1], values: values)
    }

    private static func checkIndex(_ index: Int, _ name: String, count: Int) throws {
        guard index >= 0, index < count else {
            throw TrainingError.invalidOption(
                name: name, message: "\(index) is outside 0..<\(count)")
        }
    }
}

import NeuralNets
import Plotting
import Tensors

/// Figures of imputed sequences.
extension ModelFigures {
    /// Builds the imputation figure of one sample: one panel per method with the original
    /// channel, the masked input and the method's fill, the missing steps shaded grey.
    ///
    /// With `image`, a last row shows the original and each fill as [C, T] images (a mel
    /// spectrogram for audio features), with the observed steps next to each gap drawn as grey
    /// columns.
    /// - Parameters:
    ///   - x: the original [B, T, C] or [T, C].
    ///   - fills: per method name, the imputed tensor of x's shape.
    ///   - mask: the missing steps, [B, T] or [T].
    public static func imputation(
        original x: Tensor, fills: [(name: String, tensor: Tensor)], mask: Tensor, sample: Int = 0,
        channel: Int = 0, image: Bool = false
    ) throws -> Figure {
        let original = try sampleMatrix(x, sample: sample, name: "x")
        let steps = original.count, channels = original.first?.count ?? 0
        guard channel >= 0, channel < channels else {
            throw TrainingError.invalidOption(name: "channel", message: "\(channel) is outside 0..<\(channels)")
        }
        let batch = x.rank == 3 ? x.shape[0] : 1
        let flags = try missingSteps(mask, batch: batch, steps: steps)
        guard sample >= 0, sample < flags.count else {
            throw TrainingError.invalidOption(name: "sample", message: "\(sample) is outside 0..<\(flags.count)")
        }
        let missing = flags[sample]
        guard missing.contains(true) else {
            throw TrainingError.invalidOption(
                name: "mask",
                message: "has no missing step in sample \(sample), so there is no fill to plot; "
                    + "mark the steps to fill with true")
        }
        let panels = max(1, fills.count)
        let rows = image ? 2 : 1
        let columns = image ? max(panels, 1 + fills.count) : panels
        let figure = try Figure(width: 4.2 * Double(columns), height: 3.4 * Double(rows), rows: rows, columns: columns)
        let truth = original.map { Double($0[channel]) }
        let masked = zip(truth, missing).map { $1 ? Double.nan : $0 }
        let span = (truth.min() ?? -1, truth.max() ?? 1)
        for index in 0..<panels {
            let axes = try figure.axes(index)
            try shadeGaps(axes, missing: missing, low: span.0, high: span.1)
            try axes.plot(truth, label: "original", color: Color(red: 0x99, green: 0x99, blue: 0x99), lineWidth: 2.5)
            try axes.plot(masked, label: "masked input", color: Color.black, lineWidth: 1.2)
            if index < fills.count {
                let fill = try sampleMatrix(fills[index].tensor, sample: sample, name: fills[index].name)
                guard fill.count == steps, fill.first?.count == channels else {
                    throw TrainingError.invalidData(
                        "imputation_figure: fill '\(fills[index].name)' must have x's shape")
                }
                let values = fill.map { Double($0[channel]) }
                let filledOnly = zip(values, missing).enumerated().map { step, pair in
                    pair.1 || neighboursGap(step, missing) ? pair.0 : Double.nan
                }
                try axes.plot(filledOnly, label: fills[index].name, color: Color.cycle(index))
                axes.title = "\(fills[index].name), channel \(channel)"
            } else {
                axes.title = "channel \(channel)"
            }
            axes.xLabel = "time step"
            axes.legend()
        }
        if image {
            var images = [("original", original)]
            for fill in fills { images.append((fill.name, try sampleMatrix(fill.tensor, sample: sample, name: fill.name))) }
            // One colour scale, the original's range, so the fills compare with it; the last
            // image carries the colorbar.
            let values = original.flatMap { $0 }.map(Double.init).filter(\.isFinite)
            let low = values.min() ?? 0, high = max(values.max() ?? 1, (values.min() ?? 0) + 1e-12)
            for (index, entry) in images.enumerated() {
                let axes = try figure.axes(columns + index)
                try axes.imshow(imageMatrix(entry.1, missing: entry.0 == "original" ? nil : missing),
                                colormap: "magma", origin: .lower, aspect: .auto, vmin: low, vmax: high)
                axes.title = entry.0
                axes.xLabel = "time step"
                axes.yLabel = "channel"
                if index == images.count - 1 { try axes.colorbar() }
            }
        }
        return figure
    }

    /// Returns the rows [T][C] of one sample of x [B, T, C] or of x [T, C].
    private static func sampleMatrix(_ x: Tensor, sample: Int, name: String) throws -> [[Float]] {
        let matrix: Tensor
        switch x.rank {
        case 3:
            guard sample >= 0, sample < x.shape[0] else {
                throw TrainingError.invalidOption(name: "sample", message: "\(sample) is outside 0..<\(x.shape[0])")
            }
            matrix = try x.selected(axis: 0, index: sample)
        case 2: matrix = x
        default:
            throw TrainingError.invalidData(
                "imputation_figure: \(name) must be [B, T, C] or [T, C], got \(formatShape(x.shape))")
        }
        let values = try matrix.converted(to: .f32).contiguousCopy().toArray()
        let channels = matrix.shape[1]
        return (0..<matrix.shape[0]).map { Array(values[($0 * channels)..<(($0 + 1) * channels)]) }
    }

    /// True when `step` is observed and next to a missing step, so a fill line joins the
    /// observed curve at both ends of the gap.
    private static func neighboursGap(_ step: Int, _ missing: [Bool]) -> Bool {
        (step > 0 && missing[step - 1]) || (step + 1 < missing.count && missing[step + 1])
    }

    /// Draws each gap as a grey band from `low` to `high`, made of two bars because the
    /// axes have no span primitive.
    private static func shadeGaps(_ axes: Axes, missing: [Bool], low: Double, high: Double) throws {
        let shade = Color(red: 0xe4, green: 0xe4, blue: 0xf0)
        for gap in gaps(in: missing) {
            let centre = Double(gap.lowerBound + gap.upperBound - 1) / 2
            let width = Double(gap.count)
            try axes.bar(x: [centre, centre], heights: [max(high, 0), min(low, 0)], width: width, color: shade)
        }
    }

    /// Returns the [C, T] image of rows [T][C]. With `missing`, the observed steps next to each gap
    /// become NaN (drawn grey), so the fill sits between two marker columns.
    private static func imageMatrix(_ rows: [[Float]], missing: [Bool]?) throws -> Matrix {
        let steps = rows.count, channels = rows.first?.count ?? 0
        var values = [Double](repeating: 0, count: steps * channels)
        for t in 0..<steps {
            for c in 0..<channels { values[c * steps + t] = Double(rows[t][c]) }
        }
        if let missing {
            for gap in gaps(in: missing) {
                for t in [gap.lowerBound - 1, gap.upperBound] where t >= 0 && t < steps {
                    for c in 0..<channels { values[c * steps + t] = .nan }
                }
            }
        }
        return try Matrix(rows: channels, columns: steps, values: values)
    }
}

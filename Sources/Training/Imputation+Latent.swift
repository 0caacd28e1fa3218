import Foundation
import NeuralNets
import Tensors

// Shapes: B batch, T time steps, C input channels, L latent size.

/// Returns the point at `fraction` in [0, 1] along the great circle from unit vector `a` to
/// unit vector `b`: exactly `a` at 0 and exactly `b` at 1.
///
/// Nearly parallel ends (angle below 1e-7 rad) fall back to a normalised linear blend. For
/// antipodal ends the great circle is not unique and the blend is used as well, so a
/// blend through the origin returns the nearer end.
public func greatCircleInterpolation(_ a: [Float], _ b: [Float], fraction: Double) throws -> [Float] {
    guard a.count == b.count, !a.isEmpty else {
        throw TrainingError.invalidData(
            "slerp: the ends must be non-empty vectors of one length, got \(a.count) and \(b.count)")
    }
    guard fraction.isFinite, fraction >= 0, fraction <= 1 else {
        throw TrainingError.invalidOption(name: "fraction", message: "must be in [0, 1], got \(fraction)")
    }
    if fraction == 0 { return a }
    if fraction == 1 { return b }
    let x = a.map(Double.init), y = b.map(Double.init)
    let cosine = min(1, max(-1, zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }))
    let angle = acos(cosine)
    let sine = sin(angle)
    var point: [Double]
    if sine < 1e-7 {
        point = zip(x, y).map { $0 + ($1 - $0) * fraction }
    } else {
        let weightA = sin((1 - fraction) * angle) / sine
        let weightB = sin(fraction * angle) / sine
        point = zip(x, y).map { weightA * $0 + weightB * $1 }
    }
    let length = point.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard length > 1e-12 else { return fraction < 0.5 ? a : b }
    return point.map { Float($0 / length) }
}

/// The VAE-latent methods: encode the baseline-filled input with the VAE mean, fill the
/// latents of each gap, decode them with the VAE decoder.
///
/// The encoder reads x with its missing steps filled by the linear baseline, not zeros, so
/// a causal-convolution encoder reads plausible values. A latent counts as clean when its
/// receptive field (the step itself, plus kernel − 1 earlier steps for causal_conv)
/// contains no missing step; gap ends are taken from clean latents where there are any.
func latentFill(
    _ model: ManifoldFormer, _ values: [Float], baseline: [Float], missing: [[Bool]],
    shape: (batch: Int, steps: Int, channels: Int), method: ImputationMethod,
    warning: (String) -> Void
) throws -> [Float] {
    let (batch, steps, channels) = shape
    if method == .rollout, model.ode == nil {
        throw TrainingError.invalidOption(
            name: "method",
            message: "rollout needs the model's learned dynamics, but the model has dynamics: \"none\"; "
                + "use method \"slerp\" or \"linear\"")
    }
    let input = try Tensor(baseline, shape: [batch, steps, channels])
    let encoded = try model.vae.encodeMean(input).contiguousCopy()
    let width = encoded.shape[2]
    var latents = encoded.toArray()
    let receptive = model.config.encoder == .causalConv ? max(0, model.config.kernel - 1) : 0
    for sample in 0..<batch {
        var rows = (0..<steps).map { t in
            Array(latents[((sample * steps + t) * width)..<((sample * steps + t + 1) * width)])
        }
        var clean = (0..<steps).map { t in
            !missing[sample][max(0, t - receptive)...t].contains(true)
        }
        for gap in gaps(in: missing[sample]) {
            if method == .rollout, gap.lowerBound > 0 {
                let count = min(steps - gap.lowerBound, gap.count + receptive)
                let rolled = try rollout(model, context: Array(rows[0..<gap.lowerBound]), count: count)
                for (offset, row) in rolled.enumerated() {
                    rows[gap.lowerBound + offset] = row
                    clean[gap.lowerBound + offset] = true
                }
                continue
            }
            if method == .rollout {
                warning(
                    "impute: sample \(sample) has a gap at the start (steps 0..<\(gap.upperBound)) with no "
                        + "context to roll out from; it repeats the first latent after the gap instead\n")
            }
            try interpolate(gap, rows: &rows, clean: clean, observed: missing[sample].map { !$0 })
            for t in gap { clean[t] = true }
        }
        for t in 0..<steps {
            latents.replaceSubrange(((sample * steps + t) * width)..<((sample * steps + t + 1) * width), with: rows[t])
        }
    }
    let decoded = try model.vae.decode(Tensor(latents, shape: [batch, steps, width]))
        .contiguousCopy().toArray()
    var filled = values
    for sample in 0..<batch {
        for t in 0..<steps where missing[sample][t] {
            let start = (sample * steps + t) * channels
            for c in 0..<channels { filled[start + c] = decoded[start + c] }
        }
    }
    return filled
}

/// Slerps the latents of `gap` between the nearest clean latents on either side, or repeats
/// the latent of the one side there is. Without a clean latent it uses the nearest observed step.
private func interpolate(_ gap: Range<Int>, rows: inout [[Float]], clean: [Bool], observed: [Bool]) throws {
    let before = (0..<gap.lowerBound).last { clean[$0] } ?? (0..<gap.lowerBound).last { observed[$0] }
    let after = (gap.upperBound..<rows.count).first { clean[$0] }
        ?? (gap.upperBound..<rows.count).first { observed[$0] }
    for t in gap {
        switch (before, after) {
        case let (start?, end?):
            let fraction = Double(t - start) / Double(end - start)
            rows[t] = try greatCircleInterpolation(rows[start], rows[end], fraction: fraction)
        case let (start?, nil):
            rows[t] = rows[start]
        case let (nil, end?):
            rows[t] = rows[end]
        case (nil, nil):
            throw TrainingError.invalidData("impute: a sample has no observed step to fill the gap from")
        }
    }
}

/// Advances the last latent of `context` [W rows of L] by one solver step of size dt per
/// time step, `count` times. Each new latent joins the context of the next step, so the
/// field's coupling covers every earlier step. Returns the `count` new unit latents.
private func rollout(_ model: ManifoldFormer, context: [[Float]], count: Int) throws -> [[Float]] {
    guard let ode = model.ode else {
        throw TrainingError.invalidOption(name: "method", message: "rollout needs a model with dynamics")
    }
    let width = context.first?.count ?? 0
    var window = context
    var produced: [[Float]] = []
    for _ in 0..<count {
        try Interrupt.check()
        let state = try Tensor(window.flatMap { $0 }, shape: [1, window.count, width])
        var next = try ode.solver.integrate(
            { t, z in try ode.field.evaluate(t: t, z) }, state, from: 0, to: ode.dt, step: ode.dt)
        // Euclidean integration leaves the sphere; the decoder expects unit latents.
        if ode.solver.integration == .euclidean { next = try next.normalized(axis: -1) }
        let advanced = try next.selected(axis: 1, index: window.count - 1).contiguousCopy().toArray()
        guard advanced.allSatisfy({ $0.isFinite }) else {
            throw TrainingError.invalidData(
                "impute: the rollout latent became non-finite after \(produced.count) steps; "
                    + "try method \"slerp\"")
        }
        produced.append(advanced)
        window.append(advanced)
    }
    return produced
}

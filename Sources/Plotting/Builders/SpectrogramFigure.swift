import Foundation

/// Builds a mel spectrogram image: time in seconds across, frequency in Hz up the side.
///
/// Frequency ticks sit at round Hz values placed on the HTK mel scale
/// (mel = 2595 log10(1 + f / 700)) with `n_mels + 2` equally spaced mel points from
/// `minFrequency` to `maxFrequency`, as torchaudio and librosa place their filter centres.
/// - Parameter mel: [n_mels, frames] values, usually in dB, lowest band in row 0.
public func spectrogramFigure(
    mel: Matrix, sampleRate: Double = 22050, hopLength: Int = 200, minFrequency: Double = 0,
    maxFrequency: Double? = nil, colormap: String = "magma", title: String = "Mel Spectrogram",
    colorbarLabel: String = "Power (dB)"
) throws -> Figure {
    try requirePositive(sampleRate, name: "sampleRate")
    try requirePositive(Double(hopLength), name: "hopLength")
    let top = maxFrequency ?? sampleRate / 2
    if !(minFrequency >= 0 && top > minFrequency) {
        throw PlotError.invalidArgument(
            "frequency range must satisfy 0 <= minFrequency < maxFrequency, "
                + "got \(minFrequency) to \(top)"
        )
    }
    let duration = Double(mel.columns * hopLength) / sampleRate
    let bands = Double(mel.rows)
    let figure = try Figure(width: 8, height: 4)
    let axes = try figure.axes(0)
    try axes.imshow(
        mel, colormap: colormap, origin: .lower, aspect: .auto,
        extent: (left: 0, right: duration, bottom: -0.5, top: bands - 0.5))
    try axes.colorbar(label: colorbarLabel)
    let lowMel = htkMel(minFrequency)
    let melStep = (htkMel(top) - lowMel) / (bands + 1)
    var positions: [Double] = []
    var labels: [String] = []
    for frequency in roundFrequencies(upTo: top) where frequency >= minFrequency {
        let position = (htkMel(frequency) - lowMel) / melStep - 1
        // Labels closer than 6% of the axis height would overlap, so the lower one is kept.
        let clear = positions.last.map { position - $0 >= bands * 0.06 } ?? true
        if position >= -0.5 && position <= bands - 0.5 && clear {
            positions.append(position)
            labels.append(TickFormatter.compact(frequency))
        }
    }
    try axes.setYTicks(positions, labels: labels)
    axes.title = title
    axes.xLabel = "Time (s)"
    axes.yLabel = "Frequency (Hz)"
    return figure
}

private func htkMel(_ frequency: Double) -> Double {
    2595 * log10(1 + frequency / 700)
}

/// 1-2-5 series of frequencies from 100 Hz up to `limit`.
private func roundFrequencies(upTo limit: Double) -> [Double] {
    var result: [Double] = []
    var decade = 100.0
    while decade <= limit {
        for multiplier in [1.0, 2.0, 5.0] where decade * multiplier <= limit {
            result.append(decade * multiplier)
        }
        decade *= 10
    }
    return result
}

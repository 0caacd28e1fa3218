import Tensors

#if canImport(Glibc)
    import Glibc
#endif

/// Converts a power spectrogram to decibels: 10·log10(max(S, 1e-10)).
///
/// With `topDB`, values below (maximum − topDB) are raised to that floor.
/// The maximum is taken per clip: per index of the first axis for a tensor
/// of rank 3 or more ([B, nMels, frames]), over the whole tensor otherwise.
/// This differs from torchaudio, which takes one maximum over the batch.
public func toDB(_ spectrogram: Tensor, topDB: Double? = nil) throws -> Tensor {
    guard spectrogram.dtype == .f32 else {
        throw DatasetError.invalidOption(
            name: "spec", message: "expected a float tensor, got \(spectrogram.dtype)")
    }
    if let topDB, !(topDB >= 0) {
        throw DatasetError.invalidOption(
            name: "top_db", message: "must be >= 0 dB, got \(topDB); use for example 80")
    }
    let source = spectrogram  // tensor storage is always contiguous
    let result = try Tensor(shape: spectrogram.shape, zeroed: false)
    let count = source.count
    for i in 0..<count {
        let value = source.floats[i]
        // Values at or below the floor give exactly -100 dB, NaN stays NaN.
        result.floats[i] = value > 1e-10 ? 10 * log10f(value) : (value.isNaN ? .nan : -100)
    }
    guard let topDB, count > 0 else { return result }
    let clips = spectrogram.rank >= 3 ? spectrogram.shape[0] : 1
    let perClip = clips > 0 ? count / clips : 0
    for clip in 0..<clips {
        let values = result.floats + clip * perClip
        var peak = -Float.infinity
        for i in 0..<perClip { peak = max(peak, values[i]) }
        let floor = peak - Float(topDB)
        for i in 0..<perClip { values[i] = max(values[i], floor) }
    }
    return result
}

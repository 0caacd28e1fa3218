import Dispatch
import Foundation
import Tensors

extension AudioFolder {
    /// Finds or computes the features of every path, one worker per active
    /// core (decoding dominates a miss), and returns the outcomes in input order.
    func loadFeatures(_ paths: [String], mel: MelSpectrogram)
        -> [Result<FeatureEntry, Error>]
    {
        var outcomes = [Result<FeatureEntry, Error>](
            repeating: .failure(CancellationError()), count: paths.count)
        let lock = NSLock()
        let workers = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), paths.count)
        guard workers > 0 else { return [] }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: paths.count, by: workers) {
                let outcome = Result { try features(of: paths[index], mel: mel) }
                lock.lock()
                outcomes[index] = outcome
                lock.unlock()
            }
        }
        return outcomes
    }

    /// Returns the cache key and frame count of `path`'s features, computing
    /// and storing them on a miss.
    func features(of path: String, mel: MelSpectrogram) throws -> FeatureEntry {
        let options =
            "mel-v1 rate=\(rate) n_mels=\(nMels) n_fft=\(melOptions.nFFT) "
            + "hop=\(melOptions.hopLength) htk power=2 db"
        guard let key = cache.key(for: path, options: options) else {
            throw DatasetError.invalidFile(
                path: path, message: "cannot read the file's size and date")
        }
        if let header = cache.header(for: key), header.bands == nMels {
            return FeatureEntry(key: key, frames: header.frames, cached: true)
        }
        let (frames, values) = try computeFeatures(of: path, mel: mel)
        try cache.store(values, frames: frames, bands: nMels, key: key)
        return FeatureEntry(key: key, frames: frames, cached: false)
    }

    /// Decodes, mixes down, resamples and converts `path` to dB mel frames [frames, nMels].
    func computeFeatures(of path: String, mel: MelSpectrogram) throws -> (Int, [Float]) {
        var (wave, fileRate) = try loadAudio(path, mono: true)
        if fileRate != rate { wave = try resample(wave, from: fileRate, to: rate) }
        let minimum = melOptions.nFFT
        if wave.count < minimum {
            // Clips shorter than one FFT window get zeros appended, so reflection padding works.
            let padded = try Tensor(shape: [minimum])
            padded.floats.update(from: wave.floats, count: wave.count)
            wave = padded
        }
        let db = try toDB(mel(wave))  // [nMels, frames]
        let frames = db.shape[1]
        var values = [Float](repeating: 0, count: frames * nMels)
        for j in 0..<nMels {
            for t in 0..<frames { values[t * nMels + j] = db.floats[j * frames + t] }
        }
        return (frames, values)
    }
}

/// Where a clip's features are stored, and whether they were already cached.
struct FeatureEntry {
    let key: String
    let frames: Int
    let cached: Bool
}

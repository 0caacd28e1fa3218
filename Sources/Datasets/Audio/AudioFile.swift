import CSndFile
import Foundation
import Tensors

/// Decodes an audio file with libsndfile (WAV, AIFF, AU, FLAC, OGG Vorbis,
/// Opus and MP3, as far as the installed libsndfile reads them).
///
/// Returns the wave, [frames] when `mono` (channels averaged) or
/// [channels, frames] otherwise, and the file's sample rate in Hz. Samples
/// of integer formats are scaled to [-1, 1].
public func loadAudio(_ path: String, mono: Bool = true) throws -> (wave: Tensor, rate: Int) {
    let decoded = try decodeInterleaved(path)
    let channels = decoded.channels
    let frames = channels > 0 ? decoded.samples.count / channels : 0
    if mono {
        let wave = try Tensor(shape: [frames], zeroed: false)
        let scale = 1 / Float(channels)
        for t in 0..<frames {
            var sum: Float = 0
            for c in 0..<channels { sum += decoded.samples[t * channels + c] }
            wave.floats[t] = channels == 1 ? sum : sum * scale
        }
        return (wave, decoded.rate)
    }
    let wave = try Tensor(shape: [channels, frames], zeroed: false)
    for t in 0..<frames {
        for c in 0..<channels { wave.floats[c * frames + t] = decoded.samples[t * channels + c] }
    }
    return (wave, decoded.rate)
}

/// Averages the channels of [channels, frames] into [frames]; a [frames]
/// wave is returned unchanged.
public func mixdown(_ wave: Tensor) throws -> Tensor {
    guard wave.dtype == .f32, wave.rank == 1 || wave.rank == 2 else {
        throw DatasetError.invalidOption(
            name: "wave",
            message: "expected a float tensor [frames] or [channels, frames], "
                + "got \(wave.dtype) \(formatShape(wave.shape))")
    }
    guard wave.rank == 2 else { return wave }
    let source = try wave.contiguousCopy()
    let channels = wave.shape[0]
    let frames = wave.shape[1]
    let result = try Tensor(shape: [frames])
    guard channels > 0 else { return result }
    for c in 0..<channels {
        for t in 0..<frames { result.floats[t] += source.floats[c * frames + t] }
    }
    for t in 0..<frames { result.floats[t] /= Float(channels) }
    return result
}

/// Interleaved samples of every channel, read until libsndfile returns no
/// more frames (MP3 headers only estimate the frame count).
func decodeInterleaved(_ path: String) throws -> (samples: [Float], channels: Int, rate: Int) {
    var info = SF_INFO()
    guard let file = sf_open(path, Int32(SFM_READ), &info) else {
        let reason = String(cString: sf_strerror(nil))
        let exists = FileManager.default.fileExists(atPath: path)
        throw DatasetError.invalidFile(
            path: path,
            message: exists
                ? "cannot decode audio: \(reason)"
                : "file not found; check the path")
    }
    defer { sf_close(file) }
    let channels = Int(info.channels)
    guard channels > 0, info.samplerate > 0 else {
        throw DatasetError.invalidFile(
            path: path,
            message: "invalid header: \(channels) channels at \(info.samplerate) Hz")
    }
    if let shortfall = truncatedDataChunk(file) {
        throw DatasetError.invalidFile(path: path, message: "truncated: \(shortfall)")
    }
    let chunkFrames = 16384
    var samples: [Float] = []
    if info.frames > 0, info.frames < Int64(Int32.max) {
        samples.reserveCapacity(Int(info.frames) * channels)
    }
    var chunk = [Float](repeating: 0, count: chunkFrames * channels)
    while true {
        let read = chunk.withUnsafeMutableBufferPointer { buffer in
            sf_readf_float(file, buffer.baseAddress, sf_count_t(chunkFrames))
        }
        guard read > 0 else { break }
        samples.append(contentsOf: chunk[0..<(Int(read) * channels)])
    }
    let status = sf_error(file)
    if status != 0 {
        throw DatasetError.invalidFile(
            path: path, message: "decoding failed: \(String(cString: sf_error_number(status)))")
    }
    let isMPEG = (Int(info.format) & Int(SF_FORMAT_TYPEMASK)) == Int(SF_FORMAT_MPEG)
    if !isMPEG, Int64(samples.count / channels) < info.frames {
        throw DatasetError.invalidFile(
            path: path,
            message: "truncated: the header announces \(info.frames) frames "
                + "but only \(samples.count / channels) could be read")
    }
    return (samples, channels, Int(info.samplerate))
}

/// Describes a data chunk shorter than its header announces, read from
/// libsndfile's log, or returns nil. libsndfile 1.2.0 opens such WAV and AIFF
/// files anyway, logging for example "data : 88200 (should be 44078)", and
/// would silently return only the frames present.
private func truncatedDataChunk(_ file: OpaquePointer) -> String? {
    var log = [CChar](repeating: 0, count: 16384)
    _ = log.withUnsafeMutableBufferPointer { buffer in
        sf_command(file, Int32(SFC_GET_LOG_INFO), buffer.baseAddress, Int32(buffer.count - 1))
    }
    let text = String(decoding: log.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    for line in text.split(separator: "\n") {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("data") || trimmed.hasPrefix("SSND"),
            let open = trimmed.range(of: "(should be ")
        else { continue }
        let stated = trimmed[..<open.lowerBound].split(separator: ":").last
            .flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let actual = Int(trimmed[open.upperBound...].prefix { $0.isNumber })
        if let stated, let actual, actual < stated {
            return "the data chunk announces \(stated) bytes but the file holds \(actual)"
        }
    }
    return nil
}

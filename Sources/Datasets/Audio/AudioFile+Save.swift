import CSndFile
import Foundation
import Tensors

/// Container and encoding that `saveAudio` picks from a file extension.
enum AudioFileFormat {
    static func code(forExtension ext: String) -> Int32? {
        switch ext.lowercased() {
        case "wav": return Int32(SF_FORMAT_WAV) | Int32(SF_FORMAT_FLOAT)
        case "flac": return Int32(SF_FORMAT_FLAC) | Int32(SF_FORMAT_PCM_24)
        case "aiff", "aif": return Int32(SF_FORMAT_AIFF) | Int32(SF_FORMAT_PCM_24)
        case "au": return Int32(SF_FORMAT_AU) | Int32(SF_FORMAT_FLOAT)
        case "ogg": return Int32(SF_FORMAT_OGG) | Int32(SF_FORMAT_VORBIS)
        case "opus": return Int32(SF_FORMAT_OGG) | Int32(SF_FORMAT_OPUS)
        case "mp3": return Int32(SF_FORMAT_MPEG) | Int32(SF_FORMAT_MPEG_LAYER_III)
        default: return nil
        }
    }
}

/// Writes `wave` ([frames] or [channels, frames]) at `rate` Hz, atomically.
///
/// The extension picks the encoding: .wav (32-bit float), .flac (24-bit),
/// .aiff/.aif (24-bit), .au (32-bit float), .ogg (Vorbis), .opus (Opus,
/// only at 8, 12, 16, 24 or 48 kHz) and .mp3 (MPEG layer III). Integer
/// encodings clip samples to [-1, 1]. The data goes to a temporary file in
/// the same folder that is then renamed over `path`, so readers never see a
/// partial file. Missing folders are created.
public func saveAudio(_ wave: Tensor, _ path: String, rate: Int) throws {
    let ext = (path as NSString).pathExtension
    guard let format = AudioFileFormat.code(forExtension: ext) else {
        throw DatasetError.invalidOption(
            name: "path",
            message: "cannot pick an audio encoding for extension '.\(ext)' of \(path); "
                + "use .wav, .flac, .aiff, .au, .ogg, .opus or .mp3")
    }
    guard wave.dtype == .f32, wave.rank == 1 || wave.rank == 2 else {
        throw DatasetError.invalidOption(
            name: "wave",
            message: "expected a float tensor [frames] or [channels, frames], "
                + "got \(wave.dtype) \(formatShape(wave.shape))")
    }
    guard rate > 0, rate <= Int(Int32.max) else {
        throw DatasetError.invalidOption(name: "rate", message: "must be positive, got \(rate)")
    }
    let channels = wave.rank == 2 ? wave.shape[0] : 1
    let frames = wave.shape[wave.rank - 1]
    guard channels >= 1, channels <= 1024 else {
        throw DatasetError.invalidOption(
            name: "wave", message: "cannot write \(channels) channels; use 1 to 1024")
    }
    let source = try wave.contiguousCopy()
    var interleaved = [Float](repeating: 0, count: channels * frames)
    for c in 0..<channels {
        for t in 0..<frames { interleaved[t * channels + c] = source.floats[c * frames + t] }
    }
    var info = SF_INFO()
    info.samplerate = Int32(rate)
    info.channels = Int32(channels)
    info.format = format
    guard sf_format_check(&info) != 0 else {
        throw DatasetError.invalidOption(
            name: "rate",
            message: "libsndfile cannot write \(channels) channels at \(rate) Hz as .\(ext); "
                + "Opus needs 8000, 12000, 16000, 24000 or 48000 Hz")
    }
    let target = WriteTarget(path)
    guard target.atomic else {
        try writeFrames(interleaved, frames: frames, info: &info, to: target.path, finalPath: path, temporary: false)
        return
    }
    let url = URL(fileURLWithPath: target.path)
    let folder = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(
        ".\(url.lastPathComponent).\(temporarySuffix())"
    ).path
    try writeFrames(interleaved, frames: frames, info: &info, to: temporary, finalPath: path, temporary: true)
    guard rename(temporary, target.path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw DatasetError.invalidFile(path: path, message: "cannot replace the file: \(reason)")
    }
}

/// Writes the frames to `destination`. A temporary destination is removed when the write
/// fails. A special file written in place (a FIFO, a device) is left alone.
private func writeFrames(
    _ interleaved: [Float], frames: Int, info: inout SF_INFO, to destination: String,
    finalPath: String, temporary: Bool
) throws {
    guard let file = sf_open(destination, Int32(SFM_WRITE), &info) else {
        if temporary { unlink(destination) }
        throw DatasetError.invalidFile(
            path: finalPath, message: "cannot write audio: \(String(cString: sf_strerror(nil)))")
    }
    var clipping = Int32(SF_TRUE)
    _ = sf_command(file, Int32(SFC_SET_CLIPPING), &clipping, 0)
    let written = interleaved.withUnsafeBufferPointer { buffer in
        sf_writef_float(file, buffer.baseAddress, sf_count_t(frames))
    }
    let closeStatus = sf_close(file)
    guard written == frames, closeStatus == 0 else {
        if temporary { unlink(destination) }
        throw DatasetError.invalidFile(
            path: finalPath, message: "writing audio failed after \(written) of \(frames) frames")
    }
}

/// Returns a file-name suffix unique to this process and call, for temporary files
/// that are renamed into place.
func temporarySuffix() -> String {
    "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).tmp"
}

import Foundation

/// On-disk store of computed features, one file per (audio file, options).
///
/// The key hashes the file's absolute path, size, modification time and
/// the feature options, so a changed file or option misses and computes
/// afresh. An entry contains an 8-byte magic, the frame and band counts as
/// little-endian Int64, then float32 values [frames, bands] row-major, so a
/// crop of consecutive frames is one contiguous read. Entries are written to
/// a temporary file and renamed into place, so a reader never sees a partial one.
final class FeatureCache {
    let directory: URL
    static let magic = Array("MFSFEAT1".utf8)
    static let headerSize = 24

    /// Uses `directory`, or `$XDG_CACHE_HOME/mfs` (else `~/.cache/mfs`) when nil.
    init(directory: String?) throws {
        let base: URL
        if let directory {
            base = URL(fileURLWithPath: directory)
        } else if let xdg = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            base = URL(fileURLWithPath: xdg).appendingPathComponent("mfs")
        } else {
            base = FileManager.default.homeDirectoryForCurrentUser
                .appendingPathComponent(".cache/mfs")
        }
        self.directory = base.appendingPathComponent("features")
        do {
            try FileManager.default.createDirectory(
                at: self.directory, withIntermediateDirectories: true)
        } catch {
            throw DatasetError.invalidOption(
                name: "cache",
                message: "cannot create the cache folder \(self.directory.path): "
                    + "\(error.localizedDescription); pass a writable folder as cache")
        }
    }

    /// Returns the entry name for `path` with `options`, or nil when the file's
    /// size and date cannot be read.
    func key(for path: String, options: String) -> String? {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let size = attributes[.size] as? NSNumber,
            let modified = attributes[.modificationDate] as? Date
        else { return nil }
        let text = "\(url.path)|\(size.int64Value)|\(modified.timeIntervalSince1970)|\(options)"
        return FeatureCache.hexHash(text, seed: 0xcbf2_9ce4_8422_2325)
            + FeatureCache.hexHash(text, seed: 0x8422_2325_cbf2_9ce4)
    }

    /// 64-bit FNV-1a of `text`, as 16 hex digits.
    static func hexHash(_ text: String, seed: UInt64) -> String {
        var hash = seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    func url(for key: String) -> URL { directory.appendingPathComponent(key + ".feat") }

    /// Frames and bands of a complete entry, or nil when it is missing or damaged.
    func header(for key: String) -> (frames: Int, bands: Int)? {
        let url = url(for: key)
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: FeatureCache.headerSize),
            data.count == FeatureCache.headerSize, Array(data.prefix(8)) == FeatureCache.magic
        else { return nil }
        let frames = Int(
            data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: Int64.self) })
        let bands = Int(
            data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 16, as: Int64.self) })
        let size =
            (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?
            .intValue ?? -1
        guard frames >= 0, bands > 0, frames <= Int(Int32.max),
            size == FeatureCache.headerSize + frames * bands * 4
        else { return nil }
        return (frames, bands)
    }

    /// Stores `values` ([frames, bands]) under `key`.
    func store(_ values: [Float], frames: Int, bands: Int, key: String) throws {
        var data = Data(FeatureCache.magic)
        withUnsafeBytes(of: Int64(frames).littleEndian) { data.append(contentsOf: $0) }
        withUnsafeBytes(of: Int64(bands).littleEndian) { data.append(contentsOf: $0) }
        values.withUnsafeBytes { data.append(contentsOf: $0) }
        let target = url(for: key)
        let temporary = directory.appendingPathComponent(
            ".\(key).\(temporarySuffix())"
        )
        try data.write(to: temporary)
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw DatasetError.invalidFile(
                path: target.path, message: "cannot store features: \(reason)")
        }
    }

    /// Frames `start..<start + length` of entry `key` (each `bands` floats).
    func read(key: String, start: Int, length: Int, bands: Int) throws -> [Float] {
        let url = url(for: key)
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(FeatureCache.headerSize + start * bands * 4))
            let data = try handle.read(upToCount: length * bands * 4) ?? Data()
            guard data.count == length * bands * 4 else {
                throw DatasetError.invalidFile(
                    path: url.path,
                    message: "cache entry is shorter than its header announces; delete the file")
            }
            return data.withUnsafeBytes { raw in
                (0..<(length * bands)).map {
                    raw.loadUnaligned(fromByteOffset: 4 * $0, as: Float.self)
                }
            }
        } catch let error as DatasetError {
            throw error
        } catch {
            throw DatasetError.invalidFile(
                path: url.path,
                message: "cannot read cached features: \(error.localizedDescription)")
        }
    }
}

import Foundation

extension Figure {
    /// Writes the SVG to `path`, creating missing parent folders.
    ///
    /// The bytes go to a temporary file in the same folder that is then renamed over `path`,
    /// so readers never see a partly written figure.
    public func save(_ path: String) throws {
        if path.isEmpty {
            throw PlotError.saveFailed(path: path, reason: "the path is empty")
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw PlotError.saveFailed(
                path: path,
                reason: "cannot create folder '\(folder.path)': \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(svg().utf8).write(to: temporary)
        } catch {
            throw PlotError.saveFailed(path: path, reason: error.localizedDescription)
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw PlotError.saveFailed(path: path, reason: "rename failed: \(reason)")
        }
    }
}

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
        // A symbolic link is followed so it survives; a FIFO or device is written in place,
        // because renaming over it would replace the node itself.
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
        if let type, type != .typeRegular {
            do {
                try Data(svg().utf8).write(to: url)
            } catch {
                throw PlotError.saveFailed(path: path, reason: error.localizedDescription)
            }
            return
        }
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

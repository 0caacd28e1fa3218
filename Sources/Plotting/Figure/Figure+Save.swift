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
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "svg", "": try saveSVG(path)
        case "png": try saveConverted(path, format: "png")
        case "pdf": try saveConverted(path, format: "pdf")
        case let other:
            throw PlotError.saveFailed(path: path, reason: "cannot write figures as .\(other); use .svg, .png or .pdf")
        }
    }

    /// Writes the SVG to `path`, creating missing parent folders.
    private func saveSVG(_ path: String) throws {
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

    /// Writes the figure as PNG or PDF through `rsvg-convert` (librsvg), which renders SVG text
    /// with the system's fonts. The SVG goes to a temporary file that is removed afterwards.
    private func saveConverted(_ path: String, format: String) throws {
        guard let converter = Figure.executable(named: "rsvg-convert") else {
            throw PlotError.saveFailed(
                path: path,
                reason: "writing .\(format) needs rsvg-convert (Debian package librsvg2-bin); "
                    + "install it or save as .svg")
        }
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let folder = url.deletingLastPathComponent()
        let stamp = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("mfs-figure-\(stamp).svg")
        let rendered = folder.appendingPathComponent(".\(url.lastPathComponent).\(stamp).tmp")
        defer {
            try? FileManager.default.removeItem(at: source)
            try? FileManager.default.removeItem(at: rendered)
        }

        let process = Process()
        let errors = Pipe()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(svg().utf8).write(to: source)
            process.executableURL = converter
            process.arguments = ["-f", format, "-o", rendered.path, source.path]
            process.standardError = errors
            try process.run()
        } catch {
            throw PlotError.saveFailed(path: path, reason: error.localizedDescription)
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        guard process.terminationStatus == 0 else {
            throw PlotError.saveFailed(
                path: path, reason: "rsvg-convert failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        if rename(rendered.path, url.path) != 0 {
            throw PlotError.saveFailed(path: path, reason: "rename failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Returns the first executable called `name` on PATH.
    static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// Whole-file reads and atomic writes on top of POSIX calls, so the Tensors
/// target needs no Foundation.
enum FileAccess {
    /// Reads the whole file at `path` with one allocation and as few `read` calls as the
    /// kernel allows.
    static func readAll(path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TensorError.invalidFile(
                path: path, message: "cannot open for reading: \(systemError())")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw TensorError.invalidFile(path: path, message: "cannot stat: \(systemError())")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw TensorError.invalidFile(path: path, message: "is not a regular file")
        }
        let size = Int(status.st_size)
        guard size <= Storage.physicalMemory else {
            throw TensorError.allocationTooLarge(
                elements: size, bytes: size, limit: Storage.physicalMemory)
        }
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            while initialized < size {
                let result = read(descriptor, buffer.baseAddress! + initialized, size - initialized)
                if result < 0 && errno == EINTR { continue }
                if result < 0 {
                    failure = "read failed: \(systemError())"
                    return
                }
                if result == 0 { break }
                initialized += result
            }
        }
        if let failure { throw TensorError.invalidFile(path: path, message: failure) }
        guard bytes.count == size else {
            throw TensorError.invalidFile(
                path: path,
                message: "file shrank from \(size) to \(bytes.count) bytes while being read; "
                    + "wait for the program writing it to finish")
        }
        return bytes
    }

    /// Writes `bytes` to `path` so that readers see either the old file or the whole new one.
    ///
    /// The data goes to a temporary file in the same folder, which is flushed with
    /// `fsync` and then renamed over `path`. Missing parent folders are created.
    static func writeAtomically(_ bytes: [UInt8], to requested: String) throws {
        guard !requested.isEmpty else {
            throw TensorError.invalidFile(path: "\"\"", message: "the path is empty; name a file to write")
        }
        let target = WriteTarget(requested)
        guard target.atomic else {
            let descriptor = open(target.path, O_WRONLY | O_TRUNC | O_CLOEXEC)
            guard descriptor >= 0 else { throw writeError(requested, "cannot open: \(systemError())") }
            defer { close(descriptor) }
            try writeFully(bytes, to: descriptor, path: requested)
            return
        }
        let path = target.path
        let folder = parentFolder(of: path)
        try createFolders(folder, for: path)
        let temporary =
            folder + "/." + fileName(of: path)
            + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw writeError(path, "cannot create a temporary file in \(folder): \(systemError())")
        }
        // A failed close still releases the descriptor, so it must not be closed twice.
        var closed = false
        do {
            try writeFully(bytes, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else {
                throw writeError(path, "fsync failed: \(systemError())")
            }
            closed = true
            guard close(descriptor) == 0 else {
                throw writeError(path, "close failed: \(systemError())")
            }
        } catch {
            if !closed { close(descriptor) }
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let message = "cannot rename the temporary file into place: \(systemError())"
            unlink(temporary)
            throw writeError(path, message)
        }
        syncFolder(folder)
    }

    private static func writeFully(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let result = write(
                    descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 && errno == EINTR { continue }
                guard result > 0 else { throw writeError(path, "write failed: \(systemError())") }
                written += result
            }
        }
    }

    /// Flushes the folder entry so the rename survives a power loss; failure only
    /// weakens durability, so it is ignored.
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// Creates `folder` and its missing ancestors, as `mkdir -p` does.
    static func createFolders(_ folder: String, for path: String) throws {
        var prefix = folder.hasPrefix("/") ? "/" : ""
        for component in folder.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw writeError(path, "cannot create folder \(prefix): \(systemError())")
            }
            prefix += "/"
        }
    }

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    private static func writeError(_ path: String, _ message: String) -> TensorError {
        .invalidFile(
            path: path, message: message + "; check the folder's permissions and free space")
    }

    static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

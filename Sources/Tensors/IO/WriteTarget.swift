#if canImport(Glibc)
    import Glibc
#endif

/// The file a save to a path writes, and whether it may replace it by a rename.
///
/// A symbolic link is followed, so the save replaces the file it names and the link
/// survives. A missing or regular file is replaced by writing a temporary file and
/// renaming it (`atomic`). A FIFO, device or other special file is written in place,
/// because renaming over it would replace the node itself.
public struct WriteTarget {
    /// The file to write: `path` itself, or the file its link names.
    public let path: String
    /// True when the save may go through a temporary file and a rename.
    public let atomic: Bool

    public init(_ path: String) {
        let final = WriteTarget.followingLinks(path)
        var status = stat()
        self.path = final
        atomic = stat(final, &status) != 0 || (status.st_mode & S_IFMT) == S_IFREG
    }

    /// Returns the path a chain of symbolic links at `path` ends at, or `path` when it is not a link.
    private static func followingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, Int(PATH_MAX))
            guard length > 0 else { return current }
            let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("/") {
                current = target
            } else if let slash = current.lastIndex(of: "/") {
                current = String(current[...slash]) + target
            } else {
                current = target
            }
        }
        return current
    }
}

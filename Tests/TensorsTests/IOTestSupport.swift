@testable import Tensors

#if canImport(Glibc)
    import Glibc
#endif

/// Helpers shared by the file-format tests.
enum IOTestSupport {
    /// The folder of fixtures checked into the repository, `Tests/Fixtures`.
    static func fixturePath(_ name: String, file: String = #filePath) -> String {
        let testsFolder = FileAccess.parentFolder(of: FileAccess.parentFolder(of: file))
        return testsFolder + "/Fixtures/" + name
    }

    /// Creates a fresh, empty folder under the system temporary folder.
    static func makeTemporaryFolder() -> String {
        var template = Array("/tmp/mfs-io-test-XXXXXX".utf8CString)
        let result = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(result != nil, "mkdtemp failed")
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Removes a file or an empty folder, ignoring failures.
    static func remove(_ path: String) {
        if unlink(path) != 0 { rmdir(path) }
    }

    /// Writes `bytes` to a new file in a temporary folder and returns its path.
    static func writeTemporaryFile(_ bytes: [UInt8], name: String) throws -> String {
        let path = makeTemporaryFolder() + "/" + name
        try FileAccess.writeAtomically(bytes, to: path)
        return path
    }

    /// The raw bytes of a tensor's elements.
    static func rawBytes(_ tensor: Tensor) -> [UInt8] {
        let start = tensor.storage.pointer + tensor.offset * tensor.dtype.itemSize
        return Array(
            UnsafeRawBufferPointer(start: start, count: tensor.count * tensor.dtype.itemSize))
    }

    /// Little-endian bytes of a fixed-width integer or float bit pattern.
    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}

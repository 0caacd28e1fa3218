/// Reading and writing NumPy `.npy` files (format versions 1.0, 2.0 and 3.0).
///
/// A file is the magic string `\x93NUMPY`, a version, a little-endian header length
/// (2 bytes in 1.0, 4 bytes later), a header holding the repr of a Python dict with
/// `descr`, `fortran_order` and `shape`, and the raw data.
///
/// Reading accepts the little-endian dtypes `<f4 <f8 <f2` (converted to f32),
/// `<i8 <i4 <i2 |u1` (converted to i64) and `|b1` (bool). Fortran-ordered arrays are
/// transposed into row-major order. Writing produces `<f4`, `<i8` or `|b1` in C order.
public enum Npy {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Reads the array stored at `path`.
    public static func read(path: String) throws -> Tensor {
        try decode(bytes: FileAccess.readAll(path: path), source: path)
    }

    /// Writes `tensor` to `path` atomically, creating missing folders.
    public static func write(_ tensor: Tensor, to path: String) throws {
        try FileAccess.writeAtomically(encode(tensor), to: path)
    }

    /// Encodes `tensor` as the bytes of a `.npy` file in C order.
    ///
    /// The version is 1.0 unless the header needs more than 65535 bytes, and the data
    /// starts at a multiple of 64 bytes, as NumPy 1.14 and later write it.
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        let descr: String
        switch tensor.dtype {
        case .f32: descr = "<f4"
        case .i64: descr = "<i8"
        case .bool: descr = "|b1"
        }
        var shape = tensor.shape.map(String.init).joined(separator: ", ")
        if tensor.shape.count == 1 { shape += "," }
        let dict = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(shape)), }"

        var header = Array(dict.utf8)
        let lengthFieldSize = header.count + 1 + 10 > 65535 ? 4 : 2
        let prefixSize = magic.count + 2 + lengthFieldSize
        let padding = (64 - (prefixSize + header.count + 1) % 64) % 64
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
        header.append(UInt8(ascii: "\n"))

        let dataSize = tensor.count * tensor.dtype.itemSize
        var bytes = magic
        bytes.reserveCapacity(prefixSize + header.count + dataSize)
        bytes.append(contentsOf: lengthFieldSize == 2 ? [1, 0] : [2, 0])
        for index in 0..<lengthFieldSize {
            bytes.append(UInt8(truncatingIfNeeded: header.count >> (8 * index)))
        }
        bytes.append(contentsOf: header)
        let start = tensor.storage.pointer + tensor.offset * tensor.dtype.itemSize
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: start, count: dataSize))
        return bytes
    }
}

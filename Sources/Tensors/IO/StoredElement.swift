/// An element type as stored in a tensor file, and its conversion to a `DType`.
///
/// Files are little-endian, as is every platform mfs builds for (x86_64 and arm64
/// Linux), so same-size types copy with `memcpy` and the rest convert per element.
enum StoredElement: Sendable {
    case f32, f64, f16, bf16
    case i64, i32, i16, u8
    case bool

    /// Bytes per element in the file.
    var itemSize: Int {
        switch self {
        case .f64, .i64: return 8
        case .f32, .i32: return 4
        case .f16, .bf16, .i16: return 2
        case .u8, .bool: return 1
        }
    }

    /// The tensor dtype the element converts to: floats to f32, integers to i64.
    var dtype: DType {
        switch self {
        case .f32, .f64, .f16, .bf16: return .f32
        case .i64, .i32, .i16, .u8: return .i64
        case .bool: return .bool
        }
    }

    /// Converts `tensor.count` elements from `source` (any alignment) into `tensor`,
    /// whose dtype must be `self.dtype`. Bool bytes other than 0 become 1.
    func convert(from source: UnsafeRawPointer, into tensor: Tensor) {
        let count = tensor.count
        switch self {
        case .f32:
            UnsafeMutableRawPointer(tensor.floats).copyMemory(from: source, byteCount: count * 4)
        case .i64:
            UnsafeMutableRawPointer(tensor.int64s).copyMemory(from: source, byteCount: count * 8)
        case .f64:
            convertElements(source, count, tensor.floats) { (value: Double) in Float(value) }
        case .f16:
            convertElements(source, count, tensor.floats) { (bits: UInt16) in
                Float(Float16(bitPattern: bits))
            }
        case .bf16:
            convertElements(source, count, tensor.floats) { (bits: UInt16) in
                Float(bitPattern: UInt32(bits) << 16)
            }
        case .i32:
            convertElements(source, count, tensor.int64s) { (value: Int32) in Int64(value) }
        case .i16:
            convertElements(source, count, tensor.int64s) { (value: Int16) in Int64(value) }
        case .u8:
            convertElements(source, count, tensor.int64s) { (value: UInt8) in Int64(value) }
        case .bool:
            convertElements(source, count, tensor.bools) { (value: UInt8) in value == 0 ? 0 : 1 }
        }
    }
}

@inline(__always)
private func convertElements<Source, Target>(
    _ source: UnsafeRawPointer, _ count: Int, _ target: UnsafeMutablePointer<Target>,
    _ transform: (Source) -> Target
) {
    let stride = MemoryLayout<Source>.stride
    for index in 0..<count {
        target[index] = transform(
            source.loadUnaligned(fromByteOffset: index * stride, as: Source.self))
    }
}

/// The contents of a safetensors file: named tensors and string metadata.
public struct SafeTensorsFile {
    /// Tensors in file order, that is by data offset.
    public var tensors: [(name: String, tensor: Tensor)]
    /// The `__metadata__` entry of the header, empty when the file has none.
    public var metadata: [String: String]

    public init(tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }
}

/// Reading and writing the safetensors format (huggingface/safetensors).
///
/// A file is an 8-byte little-endian header length N, N bytes of JSON header and
/// the data section. The header maps each tensor name to
/// `{"dtype", "shape", "data_offsets": [begin, end]}` with offsets relative to the
/// data section, plus an optional `__metadata__` object of strings.
///
/// Reading accepts F32, F64, F16 and BF16 (converted to f32), I64 and I32
/// (converted to i64) and BOOL. Writing produces F32, I64 and BOOL. Every defect
/// in a file raises `TensorError.invalidFile` naming the file, the tensor and the
/// fix, and no input makes the reader trap.
public enum SafeTensors {
    /// Largest header accepted, the same cap as the reference implementation (100 MB).
    public static let maxHeaderSize = 100_000_000

    /// Reads every tensor and the metadata of the file at `path`.
    public static func read(path: String) throws -> SafeTensorsFile {
        try decode(bytes: FileAccess.readAll(path: path), source: path)
    }

    /// Reads the file at `path` as a dictionary from tensor name to tensor.
    public static func load(path: String) throws -> [String: Tensor] {
        let file = try read(path: path)
        return Dictionary(file.tensors.map { ($0.name, $0.tensor) }) { first, _ in first }
    }

    /// Writes `tensors` and `metadata` to `path` atomically, creating missing folders.
    ///
    /// The file is written to a temporary name in the same folder, flushed and
    /// renamed, so an interrupted write leaves the previous file intact.
    public static func write(
        _ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:],
        to path: String
    ) throws {
        let bytes = try encode(tensors, metadata: metadata)
        try FileAccess.writeAtomically(bytes, to: path)
    }

    /// Safetensors dtype names for the types mfs reads.
    static func storedElement(named name: String) -> StoredElement? {
        switch name {
        case "F32": return .f32
        case "F64": return .f64
        case "F16": return .f16
        case "BF16": return .bf16
        case "I64": return .i64
        case "I32": return .i32
        case "BOOL": return .bool
        default: return nil
        }
    }

    /// Safetensors dtype name under which a tensor of `dtype` is written.
    static func storedName(of dtype: DType) -> String {
        switch dtype {
        case .f32: return "F32"
        case .i64: return "I64"
        case .bool: return "BOOL"
        }
    }
}

/// Element type of a tensor.
///
/// All arithmetic runs in `f32`; `i64` holds indices, labels and permutations,
/// and `bool` holds masks (one byte per element).
public enum DType: String, Sendable, CustomStringConvertible {
    case f32
    case i64
    case bool

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .f32: return 4
        case .i64: return 8
        case .bool: return 1
        }
    }

    public var description: String { rawValue }
}

/// Errors raised by tensor operations and tensor file formats.
///
/// Every case renders as one lowercase message that names the offending
/// values, so a script or a data file can be fixed from the message alone.
public enum TensorError: Error, CustomStringConvertible, Equatable {
    /// Shapes that cannot be combined by the named operation.
    case shapeMismatch(op: String, lhs: [Int], rhs: [Int], detail: String)
    /// An argument outside its valid range or of the wrong kind.
    case invalidArgument(op: String, message: String)
    /// An index outside `0..<size` (negative indices already resolved).
    case indexOutOfRange(op: String, index: Int, axis: Int, size: Int)
    /// An element type that the operation does not accept.
    case unsupportedDType(op: String, dtype: DType, expected: String)
    /// A request for more memory than the machine has.
    case allocationTooLarge(elements: Int, bytes: Int, limit: Int)
    /// A request the system refused because memory ran out.
    case allocationFailed(elements: Int, bytes: Int)
    /// A malformed or unreadable tensor file.
    case invalidFile(path: String, message: String)
    /// A gradient that cannot be computed.
    case autodiff(String)
    /// A long operation stopped by an interrupt (Ctrl-C).
    case interrupted

    public var description: String {
        switch self {
        case let .shapeMismatch(op, lhs, rhs, detail):
            let extra = detail.isEmpty ? "" : ": \(detail)"
            return "\(op): shapes \(formatShape(lhs)) and \(formatShape(rhs)) do not match\(extra)"
        case let .invalidArgument(op, message):
            return "\(op): \(message)"
        case let .indexOutOfRange(op, index, axis, size):
            return "\(op): index \(index) is out of range for axis \(axis) of size \(size)"
        case let .unsupportedDType(op, dtype, expected):
            return "\(op): expected a tensor of \(expected), got \(dtype)"
        case let .allocationTooLarge(elements, bytes, limit):
            return "cannot allocate \(elements) elements (\(bytes) bytes): "
                + "the limit is \(limit) bytes of physical memory; use a smaller shape"
        case let .allocationFailed(elements, bytes):
            return "cannot allocate \(elements) elements (\(bytes) bytes): the system is out of memory; "
                + "free memory or use a smaller shape"
        case let .invalidFile(path, message):
            return "\(path): \(message)"
        case let .autodiff(message):
            return "backward: \(message)"
        case .interrupted:
            return "interrupted"
        }
    }
}

/// Formats a shape the way PyTorch prints one: `[2, 3]`, or `[]` for a scalar.
public func formatShape(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}

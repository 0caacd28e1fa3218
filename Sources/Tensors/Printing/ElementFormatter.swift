#if canImport(Glibc)
    import Glibc
#endif

/// Formats single tensor elements with one style shared by every printed element.
enum ElementFormatter {
    /// Decimal integers (i64).
    case integer
    /// `true` and `false` (bool).
    case boolean
    /// Floats with 4 decimals: `%.4f`, or `%.4e` when `scientific`.
    case decimal(scientific: Bool)

    /// Picks fixed or scientific notation for `values` as PyTorch does: scientific
    /// when the finite nonzero magnitudes span more than a factor of 1000, exceed 1e8
    /// or fall below 1e-4.
    static func float(fitting values: [Float]) -> ElementFormatter {
        var smallest = Float.infinity
        var largest: Float = 0
        for value in values where value.isFinite && value != 0 {
            smallest = min(smallest, abs(value))
            largest = max(largest, abs(value))
        }
        guard largest > 0 else { return .decimal(scientific: false) }
        let scientific = largest / smallest > 1000 || largest > 1e8 || smallest < 1e-4
        return .decimal(scientific: scientific)
    }

    /// The element at flat position `index` of `tensor` as text.
    func format(_ tensor: Tensor, at index: Int) -> String {
        switch self {
        case .integer: return String(tensor.int64s[index])
        case .boolean: return tensor.bools[index] != 0 ? "true" : "false"
        case .decimal(let scientific):
            return ElementFormatter.format(tensor.floats[index], scientific: scientific)
        }
    }

    private static func format(_ value: Float, scientific: Bool) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        var buffer = [CChar](repeating: 0, count: 48)
        let written = withVaList([Double(value)]) { arguments in
            buffer.withUnsafeMutableBufferPointer { pointer in
                vsnprintf(
                    pointer.baseAddress!, pointer.count, scientific ? "%.4e" : "%.4f", arguments)
            }
        }
        guard written > 0 else { return String(Double(value)) }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

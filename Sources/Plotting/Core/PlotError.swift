import Foundation

/// Errors raised by figure construction, rendering and saving.
public enum PlotError: Error, Equatable, CustomStringConvertible {
    /// The data is empty or has no finite value; the message names the input.
    case invalidData(String)
    /// An argument is out of range; the message names it and its value.
    case invalidArgument(String)
    /// The colormap name is unknown.
    case unknownColormap(name: String, valid: [String])
    /// Writing the figure failed.
    case saveFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidData(let message), .invalidArgument(let message):
            return message
        case .unknownColormap(let name, let valid):
            let names = valid.joined(separator: ", ")
            return "unknown colormap '\(name)'; valid colormaps are \(names)"
        case .saveFailed(let path, let reason):
            return "failed to save figure to '\(path)': \(reason)"
        }
    }
}

extension PlotError: LocalizedError {
    public var errorDescription: String? { description }
}

/// Throws unless `values` has at least one finite element.
func requireFinite(_ values: [Double], name: String) throws {
    if values.isEmpty {
        throw PlotError.invalidData("\(name) is empty")
    }
    if !values.contains(where: { $0.isFinite }) {
        throw PlotError.invalidData("\(name) has no finite value (all NaN or infinite)")
    }
}

/// Throws unless `x` and `y` have the same length.
func requireSameLength(_ x: [Double], _ y: [Double], names: (String, String)) throws {
    if x.count != y.count {
        throw PlotError.invalidData(
            "\(names.0) has \(x.count) values but \(names.1) has \(y.count); lengths must match")
    }
}

/// Throws unless `value` is finite and greater than zero.
func requirePositive(_ value: Double, name: String) throws {
    if !(value.isFinite && value > 0) {
        throw PlotError.invalidArgument("\(name) must be a positive number, got \(value)")
    }
}

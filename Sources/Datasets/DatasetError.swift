/// Errors raised by datasets, audio files, features and EEG files.
///
/// Each message names the offending value and what to change, so a
/// script or a data folder can be fixed from the message alone.
public enum DatasetError: Error, CustomStringConvertible, Equatable {
    /// An option outside its valid range, such as a negative hop length.
    case invalidOption(name: String, message: String)
    /// A file that is missing, unreadable or malformed.
    case invalidFile(path: String, message: String)
    /// A dataset folder that is missing, empty or contains no usable audio.
    case invalidFolder(path: String, message: String)

    public var description: String {
        switch self {
        case .invalidOption(let name, let message):
            return "\(name): \(message)"
        case .invalidFile(let path, let message):
            return "\(path): \(message)"
        case .invalidFolder(let path, let message):
            return "\(path): \(message)"
        }
    }
}

/// A receiver for warnings about skipped files and degenerate options.
///
/// Library code never prints; callers decide where warnings go (stderr, a
/// notebook cell, a test's list).
public typealias WarningHandler = (String) -> Void

/// Errors raised by `fit`, `evaluate` and the model figures.
///
/// Each message names the offending value and what to change, so a
/// script can be fixed from the message alone.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// An option outside its valid range, such as `epochs: 0`.
    case invalidOption(name: String, message: String)
    /// A dataset that does not fit the model or the options.
    case invalidData(String)
    /// A loss term or the gradient became NaN or infinite; the model keeps
    /// the parameters of the last good step.
    case nonFiniteLoss(epoch: Int, step: Int, term: String, value: Double, checkpoint: String?)
    /// A run checkpoint that does not belong to this model or these options.
    case incompatibleCheckpoint(path: String, message: String)
    /// A log, checkpoint or figure path that cannot be written.
    case unwritablePath(path: String, message: String)

    public var description: String {
        switch self {
        case let .invalidOption(name, message):
            return "\(name): \(message)"
        case let .invalidData(message):
            return message
        case let .nonFiniteLoss(epoch, step, term, value, checkpoint):
            let kept = checkpoint.map { "; the last good checkpoint \($0) is unchanged" } ?? ""
            return "training stopped at epoch \(epoch), step \(step): loss term '\(term)' is \(value)"
                + "\(kept); lower the learning rate or set clip:"
        case let .incompatibleCheckpoint(path, message):
            return "\(path): \(message)"
        case let .unwritablePath(path, message):
            return "\(path): \(message)"
        }
    }
}

/// A model option outside its allowed values, reported at construction.
public struct ModelError: Error, CustomStringConvertible {
    public let option: String
    public let message: String

    public var description: String { "\(option): \(message)" }

    static func checkHeads(dim: Int, heads: Int) throws {
        guard dim > 0 else { throw ModelError(option: "latent", message: "must be positive, got \(dim)") }
        guard heads > 0, dim % heads == 0 else {
            let divisors = (1...dim).filter { dim % $0 == 0 }.map(String.init).joined(separator: ", ")
            throw ModelError(
                option: "heads",
                message: "\(heads) does not divide the latent size \(dim); use one of \(divisors)")
        }
    }

    /// Parses a variant name, listing the allowed ones when it is unknown.
    static func variant<V: RawRepresentable & CaseIterable>(_ name: String, option: String) throws -> V
    where V.RawValue == String {
        guard let value = V(rawValue: name) else {
            let allowed = V.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw ModelError(option: option, message: "unknown value \"\(name)\"; expected one of \(allowed)")
        }
        return value
    }
}

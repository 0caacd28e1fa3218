/// A model option outside its allowed values, reported at construction.
public struct ModelError: Error, CustomStringConvertible {
    public let option: String
    public let message: String

    public var description: String { "\(option): \(message)" }

    static func checkHeads(dim: Int, heads: Int) throws {
        guard dim > 0 else { throw ModelError(option: "latent", message: "must be positive, got \(dim)") }
        guard heads > 0, dim % heads == 0 else {
            // Divisors up to √dim pair with the large ones, so listing them stays cheap for any size.
            var small: [Int] = [], large: [Int] = []
            var candidate = 1
            while candidate <= dim / candidate {
                if dim % candidate == 0 {
                    small.append(candidate)
                    if candidate != dim / candidate { large.insert(dim / candidate, at: 0) }
                }
                candidate += 1
            }
            let all = small + large
            let shown = all.count > 24 ? all.prefix(12).map(String.init) + ["..."] + all.suffix(4).map(String.init)
                : all.map(String.init)
            let divisors = shown.joined(separator: ", ")
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

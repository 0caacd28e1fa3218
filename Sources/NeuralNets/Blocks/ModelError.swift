/// A model option outside its allowed values, reported at construction.
public struct ModelError: Error, CustomStringConvertible {
    public let option: String
    public let message: String

    public var description: String { "\(option): \(message)" }

    static func checkHeads(dim: Int, heads: Int) throws {
        guard dim > 0 else { throw ModelError(option: "latent", message: "must be positive, got \(dim)") }
        guard heads > 0, dim % heads == 0 else {
            let all = divisors(of: dim).map(String.init)
            let listed = all.count > 24 ? all.prefix(12) + ["..."] + all.suffix(4) : all[...]
            throw ModelError(
                option: "heads",
                message: "\(heads) does not divide the latent size \(dim); use one of \(listed.joined(separator: ", "))")
        }
    }

    /// Returns the divisors of `n` in increasing order. Each divisor up to √n pairs with one
    /// above it, so the loop takes √n steps even for huge sizes.
    static func divisors(of n: Int) -> [Int] {
        var small: [Int] = [], large: [Int] = []
        var candidate = 1
        while candidate <= n / candidate {
            if n % candidate == 0 {
                small.append(candidate)
                if candidate != n / candidate { large.append(n / candidate) }
            }
            candidate += 1
        }
        return small + large.reversed()
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

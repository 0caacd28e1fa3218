import Tensors

/// Locates files under Tests/Fixtures from any test's source path.
public enum Fixtures {
    /// Absolute path of a fixture file.
    public static func path(_ name: String, file: String = #filePath) -> String {
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        while let last = parts.last, last != "Tests" { parts.removeLast() }
        return parts.joined(separator: "/") + "/Fixtures/" + name
    }

    /// The tensors of a safetensors fixture.
    public static func load(_ name: String, file: String = #filePath) throws -> [String: Tensor] {
        try SafeTensors.load(path: path(name, file: file))
    }
}

/// Largest |a − b| over the elements of two tensors of equal count.
public func maxAbsDiff(_ a: Tensor, _ b: Tensor) -> Float {
    zip(a.toArray(), b.toArray()).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// max|a − b| / max(max|b|, 1e-12): the error relative to the reference's scale.
public func relativeToScale(_ a: Tensor, _ reference: Tensor) -> Float {
    let scale = reference.toArray().reduce(0) { max($0, abs($1)) }
    return maxAbsDiff(a, reference) / max(scale, 1e-12)
}

import Tensors

/// Errors of loading or saving module state.
public enum StateError: Error, CustomStringConvertible {
    /// Keys that did not line up with the module's parameters.
    case mismatch(missing: [String], unexpected: [String], misshaped: [String])

    public var description: String {
        switch self {
        case let .mismatch(missing, unexpected, misshaped):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing keys: " + missing.joined(separator: ", ")) }
            if !unexpected.isEmpty {
                parts.append("unexpected keys: " + unexpected.joined(separator: ", "))
            }
            if !misshaped.isEmpty {
                parts.append("shape mismatches: " + misshaped.joined(separator: "; "))
            }
            return "cannot load state: " + parts.joined(separator: "; ")
                + " (pass strict: false to load the matching keys only)"
        }
    }
}

extension Module {
    /// Parameter tensors under their state-dict keys.
    public func stateDict() -> [(name: String, tensor: Tensor)] { namedParameters() }

    /// Copies values from `state[prefix + name]` into each parameter.
    ///
    /// Strict loading (the default) rejects missing keys, keys under `prefix`
    /// that match no parameter, and shape mismatches, listing them all. A
    /// `[1]`-shaped entry loads into a 0-d parameter, as PyTorch allows.
    public func loadState(_ state: [String: Tensor], prefix: String = "", strict: Bool = true) throws {
        var missing: [String] = [], misshaped: [String] = []
        var matched: [(Tensor, Tensor)] = []
        let parameters = namedParameters()
        for (name, parameter) in parameters {
            guard let source = state[prefix + name] else {
                missing.append(prefix + name)
                continue
            }
            let fits = source.shape == parameter.shape
                || (parameter.rank == 0 && source.count == 1)
            guard fits else {
                misshaped.append(
                    "\(prefix + name) is \(formatShape(source.shape)) in the file"
                        + " but \(formatShape(parameter.shape)) in the model")
                continue
            }
            matched.append((parameter, source))
        }
        let known = Set(parameters.map { prefix + $0.name })
        let unexpected = state.keys.filter { $0.hasPrefix(prefix) && !known.contains($0) }.sorted()
        if strict && !(missing.isEmpty && unexpected.isEmpty && misshaped.isEmpty) {
            throw StateError.mismatch(missing: missing, unexpected: unexpected, misshaped: misshaped)
        }
        if !strict && !misshaped.isEmpty {
            throw StateError.mismatch(missing: [], unexpected: [], misshaped: misshaped)
        }
        for (parameter, source) in matched {
            try parameter.copyValues(from: source.converted(to: .f32))
        }
    }

    /// Gradients of the parameters under their state-dict keys (zeros where none).
    public func grads() throws -> [(name: String, tensor: Tensor)] {
        try namedParameters().map { name, tensor in
            (name, try tensor.grad ?? Tensor.zeros(like: tensor))
        }
    }
}

import Tensors

/// Saving and loading models as safetensors files that PyTorch can read.
public enum Checkpoint {
    /// Metadata key that holds the builder options, so `loadModel` can rebuild the model.
    public static let configKey = "mfs.config"

    /// Writes the model's state-dict keys only (0-d parameters as shape []),
    /// plus its configuration in the metadata; the write is atomic.
    public static func save(_ model: ManifoldFormer, to path: String, extra: [(name: String, tensor: Tensor)] = [],
                            metadata: [String: String] = [:]) throws {
        var meta = metadata
        meta[configKey] = model.config.encoded()
        try SafeTensors.write(model.stateDict() + extra, metadata: meta, to: path)
    }

    /// Rebuilds a model saved by `save` and loads its parameters.
    public static func loadModel(path: String) throws -> (model: ManifoldFormer, file: SafeTensorsFile) {
        let file = try SafeTensors.read(path: path)
        guard let text = file.metadata[configKey] else {
            throw TensorError.invalidFile(
                path: path,
                message: "no \(configKey) metadata, so the model shape is unknown; build the model"
                    + " with manifoldformer(...) and call load_state instead")
        }
        let config = try ManifoldFormerConfig(decoding: text, source: path)
        let model = try ManifoldFormer(config)
        var tensors: [String: Tensor] = [:]
        for (name, tensor) in file.tensors { tensors[name] = tensor }
        let own = Set(model.namedParameters().map(\.name))
        try model.loadState(tensors.filter { own.contains($0.key) })
        return (model, file)
    }
}

extension ManifoldFormerConfig {
    /// `key=value` pairs separated by `;`, stable across runs.
    public func encoded() -> String {
        var fields: [(String, String)] = [
            ("input", "\(inputDim)"), ("latent", "\(latentDim)"), ("heads", "\(heads)"),
            ("experts", "\(experts)"), ("top_k", "\(topK)"), ("steps", "\(steps)"), ("dt", "\(dt)"),
            ("geo_weight", "\(geoWeight)"), ("attention", attention.rawValue),
            ("ffn", feedForward.rawValue), ("dynamics", dynamics.rawValue), ("solver", solver.rawValue),
            ("rtol", "\(rtol)"), ("atol", "\(atol)"), ("integration", integration.rawValue),
            ("encoder", encoder.rawValue), ("kernel", "\(kernel)"), ("sampling", sampling.rawValue),
            ("causal", "\(causal)"), ("seed", "\(seed)"),
        ]
        if let memory { fields.append(("memory", "\(memory)")) }
        if let classes { fields.append(("classes", "\(classes)")) }
        return fields.map { "\($0.0)=\($0.1)" }.joined(separator: ";")
    }

    /// Parses `encoded()` output; unknown or malformed entries are errors naming `source`.
    public init(decoding text: String, source: String) throws {
        var values: [String: String] = [:]
        for pair in text.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw TensorError.invalidFile(path: source, message: "malformed config entry \"\(pair)\"")
            }
            values[parts[0]] = parts[1]
        }
        func int(_ key: String) throws -> Int {
            guard let raw = values[key], let value = Int(raw) else {
                throw TensorError.invalidFile(path: source, message: "config entry \(key) is missing or not an integer")
            }
            return value
        }
        func double(_ key: String) throws -> Double {
            guard let raw = values[key], let value = Double(raw) else {
                throw TensorError.invalidFile(path: source, message: "config entry \(key) is missing or not a number")
            }
            return value
        }
        func variant<V: RawRepresentable & CaseIterable>(_ key: String) throws -> V where V.RawValue == String {
            try ModelError.variant(values[key] ?? "", option: key)
        }
        self.init(inputDim: try int("input"), latentDim: try int("latent"))
        heads = try int("heads")
        experts = try int("experts")
        topK = try int("top_k")
        steps = try int("steps")
        dt = try double("dt")
        geoWeight = Float(try double("geo_weight"))
        attention = try variant("attention")
        feedForward = try variant("ffn")
        dynamics = try variant("dynamics")
        solver = try variant("solver")
        rtol = try double("rtol")
        atol = try double("atol")
        integration = try variant("integration")
        encoder = try variant("encoder")
        kernel = try int("kernel")
        sampling = try variant("sampling")
        causal = values["causal"] == "true"
        seed = UInt64(values["seed"] ?? "0") ?? 0
        memory = values["memory"].flatMap(Double.init)
        classes = values["classes"].flatMap(Int.init)
    }
}

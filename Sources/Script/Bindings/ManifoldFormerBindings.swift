import Foundation
import NeuralNets
import Tensors

// `manifoldformer(...)` with every model option, and the methods all modules share:
// train/eval, parameters, state, load_state, grads, save, and `load_model(path)`.

extension BuiltinRegistry {
    static let manifoldFormerSignature = Signature(keywords: [
        ParameterSpec("input", .integer), ParameterSpec("latent", .integer),
        ParameterSpec("heads", .integer, default: .number(4)),
        ParameterSpec("experts", .integer, default: .number(4)),
        ParameterSpec("top_k", .integer, default: .number(2)),
        ParameterSpec("steps", .integer, default: .number(4)),
        ParameterSpec("dt", .number, default: .number(0.25)),
        ParameterSpec("geo_weight", .number, default: .number(1)),
        ParameterSpec("attention", .string, default: .string("geodesic")),
        ParameterSpec("ffn", .string, default: .string("moe")),
        ParameterSpec("dynamics", .string, default: .string("kuramoto")),
        ParameterSpec("solver", .string, default: .string("rk4")),
        ParameterSpec("rtol", .number, default: .number(1e-5)),
        ParameterSpec("atol", .number, default: .number(1e-6)),
        ParameterSpec("integration", .string, default: .string("project")),
        ParameterSpec("encoder", .string, default: .string("pointwise")),
        ParameterSpec("kernel", .integer, default: .number(5)),
        ParameterSpec("sampling", .string, default: .string("projected")),
        ParameterSpec("memory", .number, default: Value.none),
        ParameterSpec("causal", .bool, default: .bool(false)),
        ParameterSpec("classes", .integer, default: Value.none),
        ParameterSpec("seed", .integer, default: .number(0)),
    ])

    func registerManifoldFormerBuilder() {
        bind("manifoldformer", "modules", BuiltinRegistry.manifoldFormerSignature,
            "The ManifoldFormer model: sphere VAE, geodesic attention, mixture of experts and a "
                + "Kuramoto ODE; calling it returns (out, recon, z, z_trans, z_dyn). Variants: "
                + BuiltinRegistry.manifoldFormerChoices) { args in
            .module(try ManifoldFormer(try BuiltinRegistry.manifoldFormerConfig(args)))
        }
        bind("load_model", "modules", Signature([ParameterSpec("path", .string)]),
            "A manifoldformer model rebuilt from a file written by model.save(path)") { args in
            .module(try Checkpoint.loadModel(path: try args.string(0)).model)
        }
    }

    /// The values each string option of `manifoldformer` takes, as "attention: geodesic | dot; ...".
    static let manifoldFormerChoices: String = {
        func choices<V: RawRepresentable & CaseIterable>(_ option: String, _: V.Type) -> String
        where V.RawValue == String {
            "\(option): " + V.allCases.map(\.rawValue).joined(separator: " | ")
        }
        return [
            choices("attention", AttentionKind.self), choices("ffn", FeedForwardKind.self),
            choices("dynamics", DynamicsKind.self), choices("solver", SolverMethod.self),
            choices("integration", Integration.self), choices("encoder", EncoderKind.self),
            choices("sampling", LatentSampling.self),
        ].joined(separator: "; ")
    }()

    static func manifoldFormerConfig(_ args: Arguments) throws -> ManifoldFormerConfig {
        var config = ManifoldFormerConfig(inputDim: try args.integer(0), latentDim: try args.integer(1))
        config.heads = try args.integer(2)
        config.experts = try args.integer(3)
        config.topK = try args.integer(4)
        config.steps = try args.integer(5)
        config.dt = try args.number(6)
        config.geoWeight = try args.float(7)
        guard config.geoWeight.isFinite, config.geoWeight >= 0 else {
            throw Diagnostic.runtime("geo_weight: must be finite and >= 0, got \(config.geoWeight)")
        }
        config.attention = try variant(args.string(8), option: "attention")
        config.feedForward = try variant(args.string(9), option: "ffn")
        config.dynamics = try variant(args.string(10), option: "dynamics")
        config.solver = try variant(args.string(11), option: "solver")
        config.rtol = try args.number(12)
        config.atol = try args.number(13)
        config.integration = try variant(args.string(14), option: "integration")
        config.encoder = try variant(args.string(15), option: "encoder")
        config.kernel = try args.integer(16)
        config.sampling = try variant(args.string(17), option: "sampling")
        config.memory = args.isNone(18) ? nil : try args.number(18)
        config.causal = try args.bool(19)
        config.classes = args.isNone(20) ? nil : try args.integer(20)
        let seed = try args.integer(21)
        guard seed >= 0 else { throw Diagnostic.runtime("seed: must be >= 0, got \(seed)") }
        config.seed = UInt64(seed)
        if let memory = config.memory, !(memory > 0 && memory < 1) {
            throw Diagnostic.runtime("memory: must be a gamma in (0, 1), got \(Value.formatNumber(memory))")
        }
        return config
    }

    func moduleMethod(
        _ name: String, _ signature: Signature = Signature(), _ summary: String,
        body: @escaping (NeuralNets.Module, Arguments) throws -> Value
    ) {
        bind(name, "modules", signature, receiver: "Module", summary) { args in
            guard let module = args.receiver.moduleValue else {
                throw Diagnostic.runtime("\(args.functionName) must be called on a module")
            }
            return try body(module, args)
        }
    }

    func registerModuleMethods() {
        moduleMethod("train", Signature([ParameterSpec("mode", .bool, default: .bool(true))]),
            "Switches to training mode (dropout and VAE sampling on) and returns the module") { module, args in
            module.train(try args.bool(0))
            return args.receiver
        }
        moduleMethod("eval", Signature(), "Switches to evaluation mode and returns the module") { module, args in
            module.eval()
            return args.receiver
        }
        moduleMethod("parameters", Signature(), "The parameter tensors, in state-dict order") { module, _ in
            .list(module.parameters().map(Value.tensor))
        }
        moduleMethod("named_parameters", Signature(), "Parameters as a dict under state-dict names") { module, _ in
            try Value.tensorDict(module.namedParameters())
        }
        moduleMethod("state", Signature(), "The state dict: parameter name -> tensor (shared, not copied)") {
            module, _ in try Value.tensorDict(module.stateDict())
        }
        moduleMethod("load_state",
            Signature([ParameterSpec("state", .dict)], keywords: [
                ParameterSpec("prefix", .string, default: .string("")),
                ParameterSpec("strict", .bool, default: .bool(true)),
            ]),
            "Copies values from state[prefix + name] into each parameter; strict rejects missing "
                + "and unexpected keys") { module, args in
            guard case .dict(let dict) = args[0] else { throw args.typeError(0, expected: "a dict") }
            try module.loadState(try dict.tensors("state"), prefix: try args.string(1), strict: try args.bool(2))
            return args.receiver
        }
        moduleMethod("grads", Signature(), "Parameter gradients under state-dict names (zeros where none)") {
            module, _ in try Value.tensorDict(try module.grads())
        }
        moduleMethod("zero_grad", Signature(), "Clears every parameter's gradient") { module, _ in
            module.zeroGrad()
            return .none
        }
        moduleMethod("save", Signature([ParameterSpec("path", .string)]),
            "Writes the state dict as safetensors (with the model options for load_model)") { module, args in
            let path = try args.string(0)
            try BuiltinRegistry.createParentFolder(path)
            if let model = module as? ManifoldFormer {
                try Checkpoint.save(model, to: path)
            } else {
                try SafeTensors.write(module.stateDict(), metadata: [:], to: path)
            }
            return .none
        }
    }

    /// Creates the folders above `path`, since saving creates missing folders.
    static func createParentFolder(_ path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic.runtime("cannot create folder \(folder.path): \(error.localizedDescription)")
        }
    }
}

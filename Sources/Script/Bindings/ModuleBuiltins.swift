import Foundation
import NeuralNets
import Tensors

// Builders of layers and models (`linear(4, 8)`, `manifoldformer(input: 64, latent: 32)`).
// Builders that draw initial weights take `seed:`; without it they draw from the global
// stream that `manual_seed` restarts.

extension BuiltinRegistry {
    func registerModuleBuiltins() {
        registerLayerBuilders()
        registerActivations()
        registerBlockBuilders()
        registerManifoldFormerBuilder()
        registerModuleMethods()
    }

    static let seedOption = ParameterSpec("seed", .integer, default: Value.none)

    private func registerLayerBuilders() {
        bind("linear", "modules",
            Signature([ParameterSpec("in", .integer), ParameterSpec("out", .integer)],
                keywords: [ParameterSpec("bias", .bool, default: .bool(true)), BuiltinRegistry.seedOption]),
            "A Linear layer y = x W^T + b with PyTorch's uniform initialisation") { args in
            .module(try Linear(
                try args.integer(0), try args.integer(1), bias: try args.bool(2),
                stream: try args.stream(seedAt: 3)))
        }
        bind("layernorm", "modules",
            Signature([ParameterSpec("dim", .integer)], keywords: [ParameterSpec("eps", .number, default: .number(1e-5))]),
            "Layer normalisation over the last axis of size `dim`") { args in
            .module(try LayerNorm(try args.integer(0), eps: try args.float(1)))
        }
        bind("conv1d", "modules",
            Signature(
                [ParameterSpec("in", .integer), ParameterSpec("out", .integer), ParameterSpec("kernel", .integer)],
                keywords: [
                    ParameterSpec("padding", .integer, default: .number(0)),
                    ParameterSpec("groups", .integer, default: .number(1)),
                    ParameterSpec("causal", .bool, default: .bool(false)),
                    ParameterSpec("bias", .bool, default: .bool(true)), BuiltinRegistry.seedOption,
                ]),
            "A 1-d convolution of x [B, C, L] along L; `causal` pads on the left only") { args in
            .module(try Conv1d(
                try args.integer(0), try args.integer(1), kernelSize: try args.integer(2),
                padding: try args.integer(3), groups: try args.integer(4), causal: try args.bool(5),
                bias: try args.bool(6), stream: try args.stream(seedAt: 7)))
        }
        bind("sequential", "modules", Signature(variadic: ParameterSpec("layers")),
            "Layers applied in order; children are named 0, 1, ...") { args in
            var items = args.rest
            if items.count == 1, case .list(let list) = items[0] { items = list.items }
            let layers = try items.enumerated().map { index, item -> Layer in
                guard let layer = item.moduleValue as? Layer else {
                    throw Diagnostic.runtime(
                        "sequential: item \(index) must be a layer with one tensor in and out, "
                            + "got \(item.moduleValue.map { String(describing: type(of: $0)) } ?? item.typeName)")
                }
                return layer
            }
            return .module(Sequential(layers))
        }
    }

    /// `gelu`, `relu`, `tanh`, `sigmoid` and `dropout`: with a tensor they compute, with a
    /// number the math functions keep their number result, and with nothing they build a layer.
    private func registerActivations() {
        let activations: [(String, String, () -> Layer, (Tensor) throws -> Tensor)] = [
            ("gelu", "GELU (exact erf form)", { GELU() }, { try $0.gelu() }),
            ("relu", "max(x, 0)", { ReLU() }, { try $0.relu() }),
            ("tanh", "Hyperbolic tangent", { Tanh() }, { try $0.tanh() }),
            ("sigmoid", "1 / (1 + exp(-x))", { Sigmoid() }, { try $0.sigmoid() }),
        ]
        for (name, summary, makeLayer, compute) in activations {
            bind(name, "modules", Signature([ParameterSpec("x", .tensor, default: Value.none)]),
                "\(summary) of x; without x, a layer that applies it") { args in
                switch args[0] {
                case .none: return .module(makeLayer())
                case .number(let x): return .number(Double(try compute(Tensor(scalar: Float(x))).item()))
                default: return .tensor(try compute(try args.tensor(0)))
                }
            }
        }
        bind("dropout", "modules",
            Signature([ParameterSpec("x", .tensor, default: Value.none)],
                keywords: [ParameterSpec("p", .number, default: .number(0.5)), BuiltinRegistry.seedOption]),
            "Zeroes elements with probability p and scales the rest by 1/(1-p); without x, a layer") { args in
            let layer = try Dropout(try args.float(1), stream: try args.stream(seedAt: 2))
            if args.isNone(0) { return .module(layer) }
            return .tensor(try layer(try args.tensor(0)))
        }
    }

    private func registerBlockBuilders() {
        let attention = Signature(
            [ParameterSpec("dim", .integer)],
            keywords: [
                ParameterSpec("heads", .integer, default: .number(4)),
                ParameterSpec("geo_weight", .number, default: .number(1)),
                ParameterSpec("causal", .bool, default: .bool(false)), BuiltinRegistry.seedOption,
            ])
        bind("geodesic_attention", "modules", attention,
            "Attention with a great-circle distance penalty weighted by the parameter geo_weight") { args in
            .module(try GeodesicAttention(
                dim: try args.integer(0), heads: try args.integer(1), kind: .geodesic,
                geoWeight: try args.float(2), causal: try args.bool(3), stream: try args.stream(seedAt: 4)))
        }
        bind("attention", "modules", attention, "Scaled dot-product multi-head attention over time") { args in
            .module(try GeodesicAttention(
                dim: try args.integer(0), heads: try args.integer(1), kind: .dot,
                causal: try args.bool(3), stream: try args.stream(seedAt: 4)))
        }
        bind("moe", "modules",
            Signature([ParameterSpec("dim", .integer)], keywords: [
                ParameterSpec("experts", .integer, default: .number(4)),
                ParameterSpec("top_k", .integer, default: .number(2)),
                ParameterSpec("hidden", .integer, default: Value.none), BuiltinRegistry.seedOption,
            ]),
            "Mixture-of-experts feed-forward routing each token to its top_k experts") { args in
            .module(try MoEFeedForward(
                dim: try args.integer(0), experts: try args.integer(1), topK: try args.integer(2),
                hidden: args.isNone(3) ? nil : try args.integer(3), stream: try args.stream(seedAt: 4)))
        }
        bind("mlp", "modules",
            Signature([ParameterSpec("dim", .integer)], keywords: [
                ParameterSpec("hidden", .integer, default: Value.none), BuiltinRegistry.seedOption,
            ]),
            "Feed-forward fc2(gelu(fc1(x))) with hidden size 2·dim unless given") { args in
            let dim = try args.integer(0)
            return .module(try Expert(
                dim: dim, hidden: args.isNone(1) ? 2 * dim : try args.integer(1), stream: try args.stream(seedAt: 2)))
        }
        registerLatentBuilders()
    }

    private func registerLatentBuilders() {
        bind("riemannian_vae", "modules",
            Signature([ParameterSpec("input", .integer), ParameterSpec("latent", .integer)], keywords: [
                ParameterSpec("hidden", .integer, default: Value.none),
                ParameterSpec("encoder", .string, default: .string("pointwise")),
                ParameterSpec("kernel", .integer, default: .number(5)),
                ParameterSpec("sampling", .string, default: .string("projected")), BuiltinRegistry.seedOption,
            ]),
            "VAE onto the unit sphere; calling it returns the record (recon, z)") { args in
            .module(try RiemannianVAE(
                inputDim: try args.integer(0), latentDim: try args.integer(1),
                hiddenDim: args.isNone(2) ? nil : try args.integer(2),
                encoder: try BuiltinRegistry.variant(args.string(3), option: "encoder"),
                kernel: try args.integer(4),
                sampling: try BuiltinRegistry.variant(args.string(5), option: "sampling"),
                stream: try args.stream(seedAt: 6)))
        }
        bind("kuramoto", "modules",
            Signature([ParameterSpec("dim", .integer)], keywords: [
                ParameterSpec("heads", .integer, default: .number(4)),
                ParameterSpec("causal", .bool, default: .bool(false)), BuiltinRegistry.seedOption,
            ]),
            "Kuramoto coupling vector field f(x) = omega + output(sin(q·k^T)·k); call as f(x, t:)") { args in
            .module(try KuramotoInteraction(
                dim: try args.integer(0), heads: try args.integer(1), causal: try args.bool(2),
                stream: try args.stream(seedAt: 3)))
        }
        bind("ode", "modules",
            Signature([ParameterSpec("field")], keywords: [
                ParameterSpec("steps", .integer, default: .number(4)),
                ParameterSpec("dt", .number, default: .number(0.25)),
                ParameterSpec("solver", .string, default: .string("rk4")),
                ParameterSpec("integration", .string, default: .string("project")),
                ParameterSpec("rtol", .number, default: .number(1e-5)),
                ParameterSpec("atol", .number, default: .number(1e-6)),
                ParameterSpec("memory", .number, default: Value.none),
            ]),
            "Integrates a vector field module (kuramoto, or \"mlp\" for a Linear-tanh-Linear field) "
                + "over steps of size dt") { args in
            try BuiltinRegistry.makeODE(args)
        }
    }

    private static func makeODE(_ args: Arguments) throws -> Value {
        var field: VectorField
        switch args[0] {
        case .host:
            guard let given = args[0].moduleValue as? VectorField else {
                throw args.typeError(0, expected: "a vector field module such as kuramoto(...)")
            }
            field = given
        default:
            throw args.typeError(0, expected: "a vector field module such as kuramoto(...)")
        }
        if !args.isNone(7) {
            guard let kuramoto = field as? KuramotoInteraction else {
                throw Diagnostic.runtime("ode: memory needs a kuramoto field, whose size it reads")
            }
            field = try PowerLawMemory(base: field, dim: kuramoto.dim, gamma: try args.number(7))
        }
        let solver = ODESolver(
            method: try variant(args.string(3), option: "solver"),
            integration: try variant(args.string(4), option: "integration"),
            rtol: try args.number(5), atol: try args.number(6))
        return .module(try DynamicsPredictor(field: field, steps: try args.integer(1), dt: try args.number(2), solver: solver))
    }

    /// Parses a variant name, listing the allowed names when it is unknown.
    static func variant<V: RawRepresentable & CaseIterable>(_ name: String, option: String) throws -> V
    where V.RawValue == String {
        guard let value = V(rawValue: name) else {
            let allowed = V.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw Diagnostic.runtime("\(option): unknown value \"\(name)\"; expected one of \(allowed)")
        }
        return value
    }
}

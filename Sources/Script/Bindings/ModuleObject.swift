import Foundation
import NeuralNets
import Tensors

/// A neural-network module as a script value: callable on a tensor, with its children and
/// parameters readable as fields (`model.attn.geo_weight`).
public class ModuleObject: HostObject {
    public let module: NeuralNets.Module

    init(_ module: NeuralNets.Module) { self.module = module }

    /// Wraps `module`, as a `ManifoldFormerObject` when it is a ManifoldFormer.
    public static func wrap(_ module: NeuralNets.Module) -> ModuleObject {
        if let model = module as? ManifoldFormer { return ManifoldFormerObject(model) }
        return ModuleObject(module)
    }

    public var typeName: String { "Module" }

    public var description: String { module.describe() }

    public func field(_ name: String) throws -> Value? {
        if let child = module.children.first(where: { $0.name == name }) {
            return .host(ModuleObject.wrap(child.module))
        }
        if let parameter = module.ownParameters.first(where: { $0.name == name }) {
            return .tensor(parameter.tensor)
        }
        return try specialField(name)
    }

    /// Fields that are not children or parameters: mode, sizes and the maps of the last call.
    private func specialField(_ name: String) throws -> Value? {
        switch name {
        case "training": return .bool(module.isTraining)
        case "num_parameters": return .number(Double(module.parameterCount))
        case "last_coupling":
            if let model = module as? ManifoldFormer { return model.lastCoupling.map(Value.tensor) ?? Value.none }
            if let field = module as? KuramotoInteraction { return field.lastCoupling.map(Value.tensor) ?? Value.none }
            return nil
        case "last_attention":
            if let model = module as? ManifoldFormer { return model.attn.lastAttention.map(Value.tensor) ?? Value.none }
            if let attention = module as? GeodesicAttention {
                return attention.lastAttention.map(Value.tensor) ?? Value.none
            }
            return nil
        case "kl": return (module as? RiemannianVAE).map { $0.kl.map(Value.tensor) ?? Value.none }
        case "aux": return (module as? MoEFeedForward).map { $0.aux.map(Value.tensor) ?? Value.none }
        default: return nil
        }
    }

    public func index(_ components: [IndexComponent<Value>]) throws -> Value? {
        guard components.count == 1, case .single(let key) = components[0] else { return nil }
        let name: String
        switch key {
        case .number(let number): name = Value.formatNumber(number)
        case .string(let text): name = text
        default: return nil
        }
        guard let child = module.children.first(where: { $0.name == name }) else {
            throw Diagnostic.runtime("module has no child '\(name)'")
        }
        return .host(ModuleObject.wrap(child.module))
    }

    public var length: Int? { module.children.count }

    public func call(_ arguments: CallArguments) throws -> Value? {
        let signature = Signature(
            [ParameterSpec("x")],
            keywords: [ParameterSpec("eps", .tensor, default: Value.none), ParameterSpec("t", .number, default: .number(0))])
        let args = try arguments.bind(signature, name: "module call")
        let x = try ModuleObject.input(args[0])
        return try translatingErrors { try forward(x, args) }
    }

    private func forward(_ x: Tensor, _ args: Arguments) throws -> Value {
        switch module {
        case let model as ManifoldFormer:
            return ModuleObject.record(try model(x, eps: try args.optionalTensor(1)))
        case let vae as RiemannianVAE:
            let (recon, z) = try vae(x, eps: try args.optionalTensor(1), stream: RandomStream.global)
            return .record(RecordValue(labels: ["recon", "z"], values: [.tensor(recon), .tensor(z)]))
        case let layer as Layer: return .tensor(try layer(x))
        case let attention as GeodesicAttention: return .tensor(try attention(x))
        case let moe as MoEFeedForward: return .tensor(try moe(x))
        case let dynamics as DynamicsPredictor: return .tensor(try dynamics(x))
        case let field as VectorField: return .tensor(try field.evaluate(t: try args.number(2), x))
        default:
            throw Diagnostic.runtime("\(String(describing: type(of: module))) modules cannot be called")
        }
    }

    /// The model input: a tensor, or the `x` of a loader record `(x, y)`.
    static func input(_ value: Value) throws -> Tensor {
        if case .record(let record) = value {
            if let x = record.field("x") { return try x.toTensor("input x") }
            if let first = record.values.first { return try first.toTensor("input x") }
        }
        return try value.toTensor("module input")
    }

    /// The forward result as a record that destructures as (out, recon, z, z_trans, z_dyn).
    static func record(_ output: ManifoldFormerOutput) -> Value {
        var labels = ["out", "recon", "z", "z_trans", "z_dyn"]
        var values: [Value] = [
            .tensor(output.out), .tensor(output.recon), .tensor(output.z), .tensor(output.zTrans),
            .tensor(output.zDyn),
        ]
        if let logits = output.logits {
            labels.append("logits")
            values.append(.tensor(logits))
        }
        return .record(RecordValue(labels: labels, values: values))
    }

    /// The parts of a record made by `record(_:)`, by position, so hand-built tuples work too.
    static func outputs(_ value: Value) throws -> ModelOutputs {
        guard case .record(let record) = value, record.values.count >= 5 else {
            throw Diagnostic.runtime(
                "outs must be the record (out, recon, z, z_trans, z_dyn) a model call returns, "
                    + "got \(value.typeName)")
        }
        let part = { (index: Int, name: String) in try record.values[index].toTensor("outs.\(name)") }
        return ModelOutputs(
            out: try part(0, "out"), recon: try part(1, "recon"), z: try part(2, "z"),
            zTrans: try part(3, "z_trans"), zDyn: try part(4, "z_dyn"),
            logits: try record.field("logits").map { try $0.toTensor("outs.logits") })
    }
}

/// The tensors of one ManifoldFormer forward, as the losses read them.
struct ModelOutputs {
    let out: Tensor
    let recon: Tensor
    let z: Tensor
    let zTrans: Tensor
    let zDyn: Tensor
    let logits: Tensor?
}

extension Value {
    /// Wraps `module` as a script value.
    public static func module(_ module: NeuralNets.Module) -> Value { .host(ModuleObject.wrap(module)) }

    /// The module this value holds, or nil when it is not a module.
    public var moduleValue: NeuralNets.Module? {
        guard case .host(let object) = self, let wrapper = object as? ModuleObject else { return nil }
        return wrapper.module
    }
}

extension Arguments {
    /// The argument at `position` as a module.
    public func module(_ position: Int) throws -> NeuralNets.Module {
        guard let module = values[position].moduleValue else { throw typeError(position, expected: "a Module") }
        return module
    }
}

/// A ManifoldFormer model as a script value; `fit`, `evaluate` and the model figures read
/// `manifoldFormer`.
public final class ManifoldFormerObject: ModuleObject {
    public let manifoldFormer: ManifoldFormer

    init(_ model: ManifoldFormer) {
        manifoldFormer = model
        super.init(model)
    }
}

extension BuiltinRegistry {
    /// The argument at `position` as a ManifoldFormer model.
    static func manifoldFormerArgument(_ args: Arguments, _ position: Int) throws -> ManifoldFormer {
        guard let model = args[position].moduleValue as? ManifoldFormer else {
            throw args.typeError(position, expected: "a manifoldformer model")
        }
        return model
    }
}

import Testing
import TestSupport
@testable import NeuralNets
@testable import Tensors

/// A parity fixture and the gradient tolerance that fits its sizes.
struct ParityCase: CustomTestStringConvertible, Sendable {
    let file: String
    let heads: Int
    let gradientTolerance: Float

    var testDescription: String { file }
}

let parityCases = [
    ParityCase(file: "parity-small.safetensors", heads: 4, gradientTolerance: 1e-4),
    ParityCase(file: "parity-medium.safetensors", heads: 4, gradientTolerance: 1e-4),
    ParityCase(file: "parity-d32.safetensors", heads: 4, gradientTolerance: 3e-4),
    ParityCase(file: "parity-d128.safetensors", heads: 4, gradientTolerance: 3e-4),
]

/// Builds the model of a fixture and loads its parameters.
func fixtureModel(_ fx: [String: Tensor], heads: Int) throws -> ManifoldFormer {
    let x = try #require(fx["input.x"]), eps = try #require(fx["input.eps"])
    let config = ManifoldFormerConfig(inputDim: x.shape[2], latentDim: eps.shape[2])
    var withHeads = config
    withHeads.heads = heads
    let model = try ManifoldFormer(withHeads)
    try model.loadState(fx, prefix: "param.")
    model.train()
    return model
}

@Test(arguments: parityCases)
func forwardMatchesReference(_ parity: ParityCase) throws {
    let fx = try Fixtures.load(parity.file)
    let model = try fixtureModel(fx, heads: parity.heads)
    let x = try #require(fx["input.x"])
    let outputs = try model(x, eps: fx["input.eps"])
    let pairs: [(String, Tensor)] = [
        ("out", outputs.out), ("recon", outputs.recon), ("z", outputs.z),
        ("z_trans", outputs.zTrans), ("z_dyn", outputs.zDyn),
        ("attn", try #require(model.attn.lastAttention)),
    ]
    for (name, value) in pairs {
        let expected = try #require(fx["output." + name])
        #expect(value.shape == expected.shape, "\(name) shape")
        #expect(maxAbsDiff(value, expected) < 1e-5, "\(name): \(maxAbsDiff(value, expected))")
    }
    let field = try #require(model.ode?.field as? KuramotoInteraction)
    let dz = try field.evaluate(t: 0, outputs.zTrans.normalized(axis: -1))
    #expect(maxAbsDiff(dz, try #require(fx["output.kuramoto_dz"])) < 1e-5)
    let coupling = try #require(field.lastCoupling)
    #expect(maxAbsDiff(coupling, try #require(fx["output.kuramoto_coupling"])) < 1e-5)
}

@Test(arguments: parityCases)
func lossAndGradientsMatchReference(_ parity: ParityCase) throws {
    let fx = try Fixtures.load(parity.file)
    let model = try fixtureModel(fx, heads: parity.heads)
    let x = try #require(fx["input.x"])
    let outputs = try model(x, eps: fx["input.eps"])
    let perm = try #require(fx["input.idx"])
    let seed = try Objectives.temporalGeometric(
        pred: outputs.out, target: x, z: outputs.z, zDyn: outputs.zDyn, perm: perm)
    let full = try Objectives.full(model: model, outputs: outputs, target: x, perm: perm)
    for (name, value) in [("seed", seed.total), ("full", full.total)] {
        let expected = try #require(fx["loss." + name]).item()
        let got = try value.item()
        #expect(abs(got - expected) <= 1e-5 * abs(expected), "loss.\(name): \(got) vs \(expected)")
    }
    #expect(abs(try #require(model.vae.kl).item() - (try #require(fx["loss.kl"]).item())) < 1e-5)
    #expect(abs(try #require(model.moe?.aux).item() - (try #require(fx["loss.aux"]).item())) < 1e-5)
    try full.total.backward()
    for (name, grad) in try model.grads() {
        let expected = try #require(fx["grad." + name], "grad.\(name) missing")
        let error = relativeToScale(grad, expected)
        #expect(error < parity.gradientTolerance, "grad.\(name): \(error)")
    }
}

@Test func stateKeysMatchReference() throws {
    let fx = try Fixtures.load("parity-small.safetensors")
    let model = try fixtureModel(fx, heads: 4)
    let expected = Set(fx.keys.filter { $0.hasPrefix("param.") }.map { String($0.dropFirst(6)) })
    let names = model.namedParameters().map(\.name)
    #expect(Set(names) == expected)
    #expect(names.count == expected.count)
    for (name, tensor) in model.namedParameters() {
        let stored = try #require(fx["param." + name])
        #expect(tensor.shape == stored.shape || (tensor.rank == 0 && stored.shape == [1]), "\(name)")
    }
    #expect(model.attn.geoWeight?.shape == [])
}

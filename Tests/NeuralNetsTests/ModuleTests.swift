import Testing
import TestSupport
@testable import NeuralNets
@testable import Tensors

@Test func moeBalanceTermForKnownRouting() throws {
    // Two experts, top-1, four tokens whose gate gives (0.75, 0.25) each:
    // every first choice is expert 0, so aux = 2·(1·0.75 + 0·0.25) = 1.5.
    let moe = try MoEFeedForward(dim: 2, experts: 2, topK: 1, stream: RandomStream(seed: 1))
    let gate = try #require(moe.namedParameters().first { $0.name == "gate.weight" }).tensor
    let logit = Float(Foundation.log(3.0))
    try gate.copyValues(from: Tensor([logit, 0, 0, 0], shape: [2, 2]))
    _ = try moe(Tensor.ones([1, 4, 2]) * Tensor([1, 0], shape: [2]))
    let aux = try #require(moe.aux).item()
    // The gate probability 0.75 comes from float32 exp(log 3), so allow one ulp or so.
    #expect(abs(aux - 1.5) < 1e-6, "aux = \(aux)")
}

@Test func moeComputesOnlyRoutedExpertsLikeDenseMixture() throws {
    let moe = try MoEFeedForward(dim: 4, experts: 3, topK: 2, stream: RandomStream(seed: 3))
    let x = try Tensor.randn([2, 5, 4], stream: RandomStream(seed: 4))
    let y = try moe(x)
    // Dense reference: every expert on every token, mixed by renormalised top-2 weights.
    let flat = try x.reshaped([10, 4])
    let probs = try flat.matmul(moe.namedParameters()[0].tensor.transposed()).softmax(axis: -1)
    let (top, index) = try probs.topk(2)
    let weights = try top / top.sum(axes: [-1], keepDim: true)
    let outs = try moe.experts.map { try $0(flat) }
    var expected = [Float](repeating: 0, count: 40)
    for n in 0..<10 {
        for s in 0..<2 {
            let e = Int(index.int64s[n * 2 + s]), w = weights.floats[n * 2 + s]
            for c in 0..<4 { expected[n * 4 + c] += w * outs[e].floats[n * 4 + c] }
        }
    }
    for (a, b) in zip(y.toArray(), expected) { #expect(abs(a - b) < 1e-5) }
}

@Test func modelOptionsAreValidatedAtConstruction() throws {
    func message(_ edit: (inout ManifoldFormerConfig) -> Void) -> String {
        var config = ManifoldFormerConfig(inputDim: 4, latentDim: 8)
        edit(&config)
        do {
            _ = try ManifoldFormer(config)
            return "no error"
        } catch {
            return "\(error)"
        }
    }
    #expect(message { $0.heads = 3 } == "heads: 3 does not divide the latent size 8; use one of 1, 2, 4, 8")
    #expect(message { $0.topK = 5 } == "top_k: 5 must be between 1 and experts (4)")
    #expect(message { $0.dt = 0 } == "dt: must be > 0, got 0.0")
    #expect(message { $0.steps = 0 } == "steps: must be >= 1, got 0")
    #expect(message { $0.memory = 1.5 } == "memory: gamma must be in (0, 1), got 1.5")
    let unknown = Result { try ModelError.variant("sinusoid", option: "dynamics") as DynamicsKind }
    #expect(throws: ModelError.self) { try unknown.get() }
    if case let .failure(error) = unknown {
        #expect("\(error)" == "dynamics: unknown value \"sinusoid\"; expected one of \"kuramoto\", \"mlp\", \"none\"")
    }
}

@Test func strictLoadingListsEveryProblem() throws {
    let model = try ManifoldFormer(ManifoldFormerConfig(inputDim: 4, latentDim: 8))
    var state: [String: Tensor] = [:]
    for (name, tensor) in model.stateDict() { state[name] = tensor }
    state["head.weight"] = try Tensor.zeros([3, 3])
    state["vae.enc1.bias"] = nil
    state["extra.weight"] = try Tensor.zeros([1])
    do {
        try model.loadState(state)
        Issue.record("strict loading accepted a bad state")
    } catch {
        let text = "\(error)"
        #expect(text.contains("missing keys: vae.enc1.bias"))
        #expect(text.contains("unexpected keys: extra.weight"))
        #expect(text.contains("head.weight is [3, 3] in the file but [4, 8] in the model"))
    }
}

@Test(arguments: [
    ("dot", "mlp", "mlp", "euler", "retract", "causal_conv", "wrapped"),
    ("geodesic", "moe", "none", "midpoint", "project", "pointwise", "projected"),
    ("geodesic", "moe", "kuramoto", "dopri5", "project", "pointwise", "projected"),
])
func variantsRunForwardAndBackward(
    _ variant: (String, String, String, String, String, String, String)
) throws {
    var config = ManifoldFormerConfig(inputDim: 6, latentDim: 8)
    config.attention = try ModelError.variant(variant.0, option: "attention")
    config.feedForward = try ModelError.variant(variant.1, option: "ffn")
    config.dynamics = try ModelError.variant(variant.2, option: "dynamics")
    config.solver = try ModelError.variant(variant.3, option: "solver")
    config.integration = try ModelError.variant(variant.4, option: "integration")
    config.encoder = try ModelError.variant(variant.5, option: "encoder")
    config.sampling = try ModelError.variant(variant.6, option: "sampling")
    config.memory = variant.2 == "mlp" ? 0.5 : nil
    config.causal = variant.0 == "dot"
    config.classes = 3
    let model = try ManifoldFormer(config)
    let x = try Tensor.randn([2, 7, 6], stream: RandomStream(seed: 2))
    let outputs = try model(x)
    #expect(outputs.zDyn.shape == [2, 7, 8])
    #expect(outputs.logits?.shape == [2, 3])
    let labels = try Tensor(int64: [0, 2], shape: [2])
    let loss = try Objectives.full(model: model, outputs: outputs, target: x, perm: nil, labels: labels)
    try loss.total.backward()
    for (name, tensor) in model.namedParameters() where name != "attn.geo_weight" {
        #expect(tensor.grad != nil, "\(name) has no gradient")
    }
}

@Test func causalAttentionIgnoresTheFuture() throws {
    var config = ManifoldFormerConfig(inputDim: 3, latentDim: 4)
    config.heads = 2
    config.causal = true
    config.encoder = .causalConv
    config.kernel = 3
    let model = try ManifoldFormer(config)
    model.eval()
    let x = try Tensor.randn([1, 6, 3], stream: RandomStream(seed: 8))
    let changed = try x.contiguousCopy()
    for c in 0..<3 { changed.floats[5 * 3 + c] += 1 }
    let a = try model(x).zDyn, b = try model(changed).zDyn
    let early = try a.narrowed(axis: 1, start: 0, length: 5), late = try b.narrowed(axis: 1, start: 0, length: 5)
    #expect(maxAbsDiff(early, late) < 1e-6)
}

@Test func saveWritesReferenceKeysAndReloads() throws {
    let fx = try Fixtures.load("parity-small.safetensors")
    let model = try fixtureModel(fx, heads: 4)
    let path = "/tmp/mfs-test-\(UInt32.random(in: 0...UInt32.max))/model.safetensors"
    try Checkpoint.save(model, to: path)
    let file = try SafeTensors.read(path: path)
    let expected = fx.keys.filter { $0.hasPrefix("param.") }.map { String($0.dropFirst(6)) }.sorted()
    #expect(file.tensors.map(\.name).sorted() == expected)
    let geo = try #require(file.tensors.first { $0.name == "attn.geo_weight" })
    #expect(geo.tensor.shape == [])
    let (reloaded, _) = try Checkpoint.loadModel(path: path)
    reloaded.train()
    let x = try #require(fx["input.x"])
    let out = try reloaded(x, eps: fx["input.eps"]).zDyn
    #expect(maxAbsDiff(out, try #require(fx["output.z_dyn"])) < 1e-5)
}

#if canImport(Glibc)
import Glibc
private enum Foundation {
    static func log(_ x: Double) -> Double { Glibc.log(x) }
}
#endif

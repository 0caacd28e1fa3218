import NeuralNets
import Tensors

/// Times a full ManifoldFormer training step (forward, full objective,
/// backward, Adam) and an evaluation forward, as the PyTorch reference does.
enum StepBenchmark {
    static func run(config name: String) throws {
        let (b, t, c, d): (Int, Int, Int, Int)
        switch name {
        case "chords": (b, t, c, d) = (32, 128, 64, 32)
        case "gtzan": (b, t, c, d) = (32, 200, 64, 128)
        default: throw TensorError.invalidArgument(op: "step", message: "unknown configuration \(name)")
        }
        let model = try ManifoldFormer(ManifoldFormerConfig(inputDim: c, latentDim: d))
        let optimizer = try Adam(model.namedParameters(), lr: 1e-3)
        let x = try Tensor.randn([b, t, c], stream: RandomStream(seed: 0))
        let step = try Timing.measure(warmup: 3, runs: 10) {
            optimizer.zeroGrad()
            let outputs = try model(x)
            let loss = try Objectives.full(model: model, outputs: outputs, target: x, perm: nil)
            try loss.total.backward()
            try optimizer.step()
        }
        print(step.line("\(name).train_step B=\(b) T=\(t) C=\(c) L=\(d)"))
        model.eval()
        let forward = try Timing.measure(warmup: 3, runs: 10) {
            _ = try GradMode.withNoGrad { try model(x) }
        }
        print(forward.line("\(name).forward_eval"))
        print("peak_rss_mib \(format(peakRSS()))")
    }
}

// Interpreter overhead of a training loop: runs benchmarks/train_step.mfs and the same
// loop against the Swift API, then prints both median step times and their ratio.
// Run from the repository root: swift run -c release mfs-script-bench
import Foundation
import NeuralNets
import Script
import Tensors

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted[sorted.count / 2]
}

/// Step times of the script loop, skipping the first (warm-up) step.
func scriptTimes(path: String) throws -> [Double] {
    var output = ""
    let runtime = Runtime(output: { output += $0 })
    let interpreter = Interpreter(runtime: runtime)
    try interpreter.run(try Interpreter.readSource(path: path))
    return Array(output.split(separator: "\n").compactMap { Double($0) }.dropFirst())
}

/// Step times of the same loop through the Swift API, skipping the first step.
func swiftTimes(steps: Int) throws -> [Double] {
    let x = try Tensor.randn([32, 128, 64], stream: RandomStream(seed: 1))
    let perm = try Tensor.randperm(32, stream: RandomStream(seed: 2))
    var config = ManifoldFormerConfig(inputDim: 64, latentDim: 32)
    config.seed = 3
    let model = try ManifoldFormer(config)
    let optimizer = try Adam(model.namedParameters(), lr: 1e-3)
    model.train()
    var times: [Double] = []
    for _ in 0..<steps {
        let start = Date()
        optimizer.zeroGrad()
        let outputs = try model(x)
        let loss = try Objectives.full(model: model, outputs: outputs, target: x, perm: perm).total
        try loss.backward()
        try optimizer.step()
        times.append(Date().timeIntervalSince(start))
    }
    return Array(times.dropFirst())
}

do {
    let script = try scriptTimes(path: "benchmarks/train_step.mfs")
    let native = try swiftTimes(steps: script.count + 1)
    let (scriptMedian, nativeMedian) = (median(script), median(native))
    print(String(format: "mfs   median step: %.4f s (%d steps)", scriptMedian, script.count))
    print(String(format: "Swift median step: %.4f s (%d steps)", nativeMedian, native.count))
    print(String(format: "ratio mfs/Swift: %.4f", scriptMedian / nativeMedian))
} catch {
    FileHandle.standardError.write(Data("mfs-script-bench: \(error)\n".utf8))
    exit(1)
}

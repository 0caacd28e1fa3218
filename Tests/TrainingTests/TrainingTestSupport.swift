import Datasets
import Foundation
import NeuralNets
import Tensors

@testable import Training

/// Small models and datasets that train in well under a second per epoch.
enum Small {
    static func config(input: Int = 8, latent: Int = 16, classes: Int? = nil) -> ManifoldFormerConfig {
        var config = ManifoldFormerConfig(inputDim: input, latentDim: latent)
        config.classes = classes
        config.seed = 3
        return config
    }

    static func model(input: Int = 8, latent: Int = 16, classes: Int? = nil) throws -> ManifoldFormer {
        try ManifoldFormer(config(input: input, latent: latent, classes: classes))
    }

    static func data(samples: Int = 32, seq: Int = 16, channels: Int = 8) throws -> ChordsDataset {
        try chords(samples: samples, seq: seq, channels: channels, seed: 1)
    }

    static func options(epochs: Int, batch: Int = 8) -> FitOptions {
        var options = FitOptions()
        options.epochs = epochs
        options.batchSize = batch
        options.seed = 5
        return options
    }

    /// A fresh folder under the temporary directory.
    static func folder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "mfs-training-\(name)-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// An in-memory labelled dataset: x = y = a [T, C] sequence, label = its class.
final class LabelledSequences: Dataset {
    let inputs: [Tensor]
    let classes: [Int]

    /// Class k is a sine of frequency k + 1 shifted by 0.8·k, with small noise. The shift
    /// matters because time-pooled features of whole periods cannot tell frequencies apart.
    init(count: Int, seq: Int, channels: Int, classes: Int, poison: Int? = nil) throws {
        let stream = RandomStream(seed: 9)
        var inputs: [Tensor] = []
        var labels: [Int] = []
        for index in 0..<count {
            let label = index % classes
            var values: [Float] = []
            for t in 0..<seq {
                for c in 0..<channels {
                    let phase = Double(t) / Double(seq) * 2 * .pi * Double(label + 1)
                    values.append(
                        Float(sin(phase + Double(c)) + 0.8 * Double(label) + 0.05 * stream.nextNormal()))
                }
            }
            if index == poison { values[0] = .nan }
            inputs.append(try Tensor(values, shape: [seq, channels]))
            labels.append(label)
        }
        self.inputs = inputs
        self.classes = labels
    }

    var count: Int { inputs.count }

    func item(_ index: Int) throws -> Record {
        let label = try Tensor(int64: [Int64(classes[index])], shape: [])
        return Record(x: inputs[index], y: inputs[index], label: label)
    }
}

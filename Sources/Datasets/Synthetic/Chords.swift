import Tensors

#if canImport(Glibc)
    import Glibc
#endif

/// One example of a dataset: the model input, its target and an optional class index.
public struct Record {
    /// Input, [T, C].
    public let x: Tensor
    /// Target, [T, C]; the same tensor as `x` for autoencoding datasets.
    public let y: Tensor
    /// Class index (i64, shape []) for labelled datasets.
    public let label: Tensor?

    public init(x: Tensor, y: Tensor, label: Tensor? = nil) {
        self.x = x
        self.y = y
        self.label = label
    }
}

/// A finite, indexable collection of records with a common shape.
public protocol Dataset: AnyObject {
    /// Number of records.
    var count: Int { get }
    /// Record `index` in `0..<count`.
    func item(_ index: Int) throws -> Record
}

extension Dataset {
    /// Inputs of records `start..<start + count` stacked into [count, T, C].
    public func batch(_ start: Int, _ count: Int) throws -> Tensor {
        guard self.count > 0 else {
            throw DatasetError.invalidOption(
                name: "batch", message: "the dataset has no records; check the options that built it")
        }
        guard start >= 0, count >= 1, start <= self.count, count <= self.count - start else {
            throw DatasetError.invalidOption(
                name: "batch",
                message: "\(count) records from \(start) do not fit in 0..<\(self.count); "
                    + "use start >= 0, count >= 1 and start + count <= \(self.count)")
        }
        // The result is allocated first, so a batch larger than memory fails before any copy.
        let first = try item(start).x.contiguousCopy()
        guard first.dtype == .f32 else {
            return try Tensor.stack([first] + ((start + 1)..<(start + count)).map { try item($0).x })
        }
        let batch = try Tensor(shape: [count] + first.shape, zeroed: false)
        let size = first.count
        batch.floats.update(from: first.floats, count: size)
        for offset in 1..<count {
            try Interrupt.check()
            let x = try item(start + offset).x.contiguousCopy()
            guard x.shape == first.shape, x.dtype == .f32 else {
                throw DatasetError.invalidOption(
                    name: "batch", message: "record \(start + offset) has shape \(x.shape), "
                        + "record \(start) has \(first.shape); records of one batch need one shape")
            }
            (batch.floats + offset * size).update(from: x.floats, count: size)
            withExtendedLifetime(x) {}
        }
        withExtendedLifetime(first) {}
        return batch
    }
}

/// The synthetic chords: per sample, three distinct frequencies drawn from
/// {1, 2, 3, 5, 8}, summed with weights 1, 0.5 and 0.25 over
/// t = linspace(0, 4π, seq), channel c shifted by phase 2πc/channels, plus
/// Gaussian noise with standard deviation 0.1. Shapes: data [N, T, C].
///
/// With `nextStep`, x is the noisy sequence without its last step and y the
/// clean sequence without its first step, both [T − 1, C]; otherwise
/// x = y = the noisy sequence. The same seed gives the same data on every
/// machine.
public final class ChordsDataset: Dataset {
    /// Noisy sequences, [N, T, C].
    public let noisy: Tensor
    /// The same sequences without noise, [N, T, C].
    public let clean: Tensor
    public let nextStep: Bool

    public init(
        samples: Int, seq: Int = 128, channels: Int = 64, seed: UInt64 = 0,
        nextStep: Bool = false
    ) throws {
        for (name, value, minimum) in [
            ("samples", samples, 1), ("seq", seq, nextStep ? 2 : 1),
            ("channels", channels, 1),
        ] where value < minimum {
            throw DatasetError.invalidOption(
                name: name, message: "must be at least \(minimum), got \(value)")
        }
        self.nextStep = nextStep
        noisy = try Tensor(shape: [samples, seq, channels], zeroed: false)
        clean = try Tensor(shape: [samples, seq, channels], zeroed: false)
        let stream = RandomStream(seed: seed)
        let choices: [Double] = [1, 2, 3, 5, 8]
        let times = (0..<seq).map { seq == 1 ? 0 : 4 * Double.pi * Double($0) / Double(seq - 1) }
        for n in 0..<samples {
            let picked = stream.permutation(5).prefix(3).map { choices[$0] }
            for t in 0..<seq {
                for c in 0..<channels {
                    let phase = 2 * Double.pi * Double(c) / Double(channels)
                    let value =
                        sin(picked[0] * times[t] + phase)
                        + 0.5 * sin(picked[1] * times[t] + phase)
                        + 0.25 * sin(picked[2] * times[t] + phase)
                    let at = (n * seq + t) * channels + c
                    clean.floats[at] = Float(value)
                    noisy.floats[at] = Float(value + 0.1 * stream.nextNormal())
                }
            }
        }
    }

    public var count: Int { noisy.shape[0] }

    public func item(_ index: Int) throws -> Record {
        guard index >= 0, index < count else {
            throw DatasetError.invalidOption(
                name: "index", message: "\(index) is outside 0..<\(count)")
        }
        let x = try noisy.narrowed(axis: 0, start: index, length: 1).squeezed(0)
        guard nextStep else { return Record(x: x, y: x) }
        let seq = noisy.shape[1]
        let target = try clean.narrowed(axis: 0, start: index, length: 1).squeezed(0)
        return Record(
            x: try x.narrowed(axis: 0, start: 0, length: seq - 1).contiguousCopy(),
            y: try target.narrowed(axis: 0, start: 1, length: seq - 1).contiguousCopy())
    }
}

/// Makes the synthetic chords dataset described at `ChordsDataset`.
public func chords(
    samples: Int, seq: Int = 128, channels: Int = 64, seed: UInt64 = 0,
    nextStep: Bool = false
) throws -> ChordsDataset {
    try ChordsDataset(
        samples: samples, seq: seq, channels: channels, seed: seed, nextStep: nextStep)
}

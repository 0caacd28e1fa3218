#if canImport(Glibc)
import Glibc
#endif

/// A seeded stream of random numbers, identical on every run and machine.
///
/// The generator is xoshiro256** seeded through splitmix64; floats take the
/// top 24 bits of a draw, normals come from the Box-Muller transform in
/// double precision. Nothing depends on the platform's `random()`.
public final class RandomStream {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    private var spareNormal: Double?

    /// A stream starting from `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        func next() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    /// The stream that calls without an explicit seed draw from; `manualSeed` resets it.
    public static var global = RandomStream(seed: 0)

    /// Restarts the global stream from `seed`, as `torch.manual_seed`.
    public static func manualSeed(_ seed: UInt64) { global = RandomStream(seed: seed) }

    /// The next 64 random bits.
    public func nextBits() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 53 bits.
    public func nextDouble() -> Double { Double(nextBits() >> 11) * 0x1.0p-53 }

    /// Uniform in [0, 1) with 24 bits, exactly representable as Float.
    public func nextFloat() -> Float { Float(nextBits() >> 40) * 0x1.0p-24 }

    /// Uniform integer in `0..<bound` without modulo bias.
    public func nextInt(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let limit = UInt64(bound)
        let threshold = (0 &- limit) % limit
        while true {
            let draw = nextBits()
            let (high, low) = draw.multipliedFullWidth(by: limit)
            if low >= threshold { return Int(high) }
        }
    }

    /// Standard normal, N(0, 1).
    public func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        var u = nextDouble()
        while u <= 0 { u = nextDouble() }
        let v = nextDouble()
        let radius = (-2 * Glibc.log(u)).squareRoot()
        spareNormal = radius * Glibc.sin(2 * Double.pi * v)
        return radius * Glibc.cos(2 * Double.pi * v)
    }

    /// A uniformly random permutation of `0..<n` (Fisher-Yates).
    public func permutation(_ n: Int) -> [Int] {
        var values = Array(0..<Swift.max(n, 0))
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) { values.swapAt(i, nextInt(below: i + 1)) }
        }
        return values
    }

    /// Captures the stream's position, for checkpoints.
    public var snapshot: [UInt64] {
        [state.0, state.1, state.2, state.3, spareNormal.map { $0.bitPattern } ?? 0,
         spareNormal == nil ? 0 : 1]
    }

    /// Restores a position captured by `snapshot`.
    public func restore(_ words: [UInt64]) throws {
        guard words.count == 6 else {
            throw TensorError.invalidArgument(
                op: "random state", message: "expected 6 words, got \(words.count)")
        }
        // xoshiro256** stays at zero forever from an all-zero state.
        guard words[0...3].contains(where: { $0 != 0 }) else {
            throw TensorError.invalidArgument(
                op: "random state", message: "the generator words are all zero, which no stream reaches; "
                    + "the saved state is damaged")
        }
        let spare = Double(bitPattern: words[4])
        guard words[5] != 1 || spare.isFinite else {
            throw TensorError.invalidArgument(op: "random state", message: "the saved normal sample is not finite")
        }
        state = (words[0], words[1], words[2], words[3])
        spareNormal = words[5] == 1 ? spare : nil
    }
}

extension Tensor {
    /// Standard normal samples; from `stream`, or the global stream.
    public static func randn(_ shape: [Int], stream: RandomStream? = nil) throws -> Tensor {
        let source = stream ?? RandomStream.global
        let result = try Tensor(shape: shape, zeroed: false)
        for i in 0..<result.count { result.floats[i] = Float(source.nextNormal()) }
        return result
    }

    /// Uniform samples in [0, 1).
    public static func rand(_ shape: [Int], stream: RandomStream? = nil) throws -> Tensor {
        let source = stream ?? RandomStream.global
        let result = try Tensor(shape: shape, zeroed: false)
        for i in 0..<result.count { result.floats[i] = source.nextFloat() }
        return result
    }

    /// A random permutation of `0..<n` as i64.
    public static func randperm(_ n: Int, stream: RandomStream? = nil) throws -> Tensor {
        guard n >= 0 else {
            throw TensorError.invalidArgument(op: "randperm", message: "n must be >= 0, got \(n)")
        }
        let source = stream ?? RandomStream.global
        return try Tensor(int64: source.permutation(n).map(Int64.init), shape: [n])
    }
}

import Tensors

/// PyTorch's default initialisations, drawn from a seeded stream.
public enum Initialization {
    /// Uniform in [-bound, bound).
    public static func uniform(_ shape: [Int], bound: Float, stream: RandomStream) throws -> Tensor {
        let u = try Tensor.rand(shape, stream: stream)
        let x = u.floats
        for i in 0..<u.count { x[i] = (2 * x[i] - 1) * bound }
        return u
    }

    /// The bound 1/sqrt(fan_in) that PyTorch's Linear and Conv1d use for
    /// weights (kaiming_uniform with a = sqrt(5)) and biases.
    public static func fanInBound(_ fanIn: Int) -> Float {
        fanIn > 0 ? 1 / Float(fanIn).squareRoot() : 0
    }
}

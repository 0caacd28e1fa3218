import Tensors

/// 1-D convolution over [B, C_in, L] with weight [out, in/groups, k], as
/// `torch.nn.Conv1d`. `causal: true` pads k-1 zeros on the left only, so
/// output step t sees inputs up to t.
public final class Conv1d: Layer {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Int
    public let padding: Int
    public let groups: Int
    public let causal: Bool
    public let weight: Tensor
    public let bias: Tensor?

    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int, padding: Int = 0, groups: Int = 1,
        causal: Bool = false, bias: Bool = true, stream: RandomStream
    ) throws {
        guard inChannels > 0, outChannels > 0, kernelSize > 0, padding >= 0, groups > 0,
            inChannels % groups == 0, outChannels % groups == 0
        else {
            throw TensorError.invalidArgument(
                op: "conv1d",
                message: "invalid sizes: in \(inChannels), out \(outChannels), kernel \(kernelSize),"
                    + " padding \(padding), groups \(groups) (channels must divide by groups)")
        }
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.padding = padding
        self.groups = groups
        self.causal = causal
        let fanIn = inChannels / groups * kernelSize
        let bound = Initialization.fanInBound(fanIn)
        weight = try Initialization.uniform(
            [outChannels, inChannels / groups, kernelSize], bound: bound, stream: stream)
        self.bias = bias ? try Initialization.uniform([outChannels], bound: bound, stream: stream) : nil
        super.init()
        registerParameter("weight", weight)
        if let b = self.bias { registerParameter("bias", b) }
    }

    override public func forward(_ x: Tensor) throws -> Tensor {
        guard x.rank == 3, x.shape[1] == inChannels else {
            throw TensorError.shapeMismatch(
                op: "conv1d", lhs: x.shape, rhs: weight.shape,
                detail: "the input must be [B, \(inChannels), L]")
        }
        let (left, right) = causal ? (kernelSize - 1, 0) : (padding, padding)
        let padded = try Conv1d.pad(x, left: left, right: right)
        let length = padded.shape[2] - kernelSize + 1
        guard length > 0 else {
            throw TensorError.invalidArgument(
                op: "conv1d", message: "input length \(x.shape[2]) is shorter than the kernel \(kernelSize)")
        }
        // Unfold into columns [B, L_out, C_in, k], then one product per group.
        let taps = try (0..<kernelSize).map { try padded.narrowed(axis: 2, start: $0, length: length) }
        let columns = try Tensor.stack(taps, axis: -1).permuted([0, 2, 1, 3])
        let perGroupIn = inChannels / groups, perGroupOut = outChannels / groups
        var outputs: [Tensor] = []
        for g in 0..<groups {
            let cols = try columns.narrowed(axis: 2, start: g * perGroupIn, length: perGroupIn)
                .reshaped([x.shape[0], length, perGroupIn * kernelSize])
            let w = try weight.narrowed(axis: 0, start: g * perGroupOut, length: perGroupOut)
                .reshaped([perGroupOut, perGroupIn * kernelSize])
            let b = try bias?.narrowed(axis: 0, start: g * perGroupOut, length: perGroupOut)
            outputs.append(try Tensor.linear(cols, weight: w, bias: b))
        }
        let joined = groups == 1 ? outputs[0] : try Tensor.cat(outputs, axis: -1)
        return try joined.permuted([0, 2, 1])
    }

    /// Zero padding on the last axis.
    static func pad(_ x: Tensor, left: Int, right: Int) throws -> Tensor {
        guard left > 0 || right > 0 else { return x }
        var parts: [Tensor] = []
        if left > 0 { parts.append(try Tensor.zeros([x.shape[0], x.shape[1], left])) }
        parts.append(x)
        if right > 0 { parts.append(try Tensor.zeros([x.shape[0], x.shape[1], right])) }
        return try Tensor.cat(parts, axis: 2)
    }

    override public var summary: String {
        "Conv1d(\(inChannels), \(outChannels), kernel_size=(\(kernelSize),), groups=\(groups)"
            + (causal ? ", causal" : ", padding=(\(padding),)") + ")"
    }
}

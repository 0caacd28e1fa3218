import Tensors

// Shapes: N tokens (B·T), D model size, E experts, k routed experts per token.

/// fc2(gelu(fc1(x))) with hidden size 2D, one expert of the mixture.
public final class Expert: Layer {
    let fc1: Linear
    let fc2: Linear

    public init(dim: Int, hidden: Int, stream: RandomStream) throws {
        fc1 = try Linear(dim, hidden, stream: stream)
        fc2 = try Linear(hidden, dim, stream: stream)
        super.init()
        registerModule("fc1", fc1)
        registerModule("fc2", fc2)
    }

    override public func forward(_ x: Tensor) throws -> Tensor { try fc2(fc1(x).gelu()) }
}

/// Which feed-forward block follows attention.
public enum FeedForwardKind: String, CaseIterable, Sendable {
    case moe
    case mlp
}

/// Top-k routed mixture of experts. Keys `gate` (no bias) and `experts.N.fc1/fc2`.
///
/// Only the experts a token is routed to run on it. The balance term
/// `aux = E·Σ_e share_e·mean(p_e)`, with share_e the fraction of tokens whose
/// first choice is e, is kept for the full objective.
public final class MoEFeedForward: Module {
    public let experts: [Expert]
    public let topK: Int
    let gate: Linear
    /// Balance term of the last forward, a 0-d tensor.
    public private(set) var aux: Tensor?

    public init(dim: Int, experts count: Int, topK: Int, hidden: Int? = nil, stream: RandomStream) throws {
        guard count > 0 else {
            throw ModelError(option: "experts", message: "must be positive, got \(count)")
        }
        guard topK >= 1, topK <= count else {
            throw ModelError(option: "top_k", message: "\(topK) must be between 1 and experts (\(count))")
        }
        self.topK = topK
        gate = try Linear(dim, count, bias: false, stream: stream)
        experts = try (0..<count).map { _ in try Expert(dim: dim, hidden: hidden ?? 2 * dim, stream: stream) }
        super.init()
        registerModule("gate", gate)
        let list = ModuleList(experts)
        registerModule("experts", list)
    }

    /// Routes each token of x [..., D] to its top-k experts.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        let dim = x.shape[x.rank - 1], tokens = x.count / dim
        let flat = try x.reshaped([tokens, dim])
        let probs = try gate(flat).softmax(axis: -1)                 // [N, E]
        let (topP, topI) = try probs.topk(topK, axis: -1)            // [N, k]
        let weights = try (topP / topP.sum(axes: [-1], keepDim: true)).reshaped([tokens * topK])
        let choice = topI.toInt64Array().map(Int.init)
        var output: Tensor? = nil
        for (e, expert) in experts.enumerated() {
            let slots = choice.indices.filter { choice[$0] == e }
            guard !slots.isEmpty else { continue }
            let rows = slots.map { $0 / topK }
            let picked = try flat.indexSelect(axis: 0, Tensor(int64: rows.map(Int64.init), shape: [rows.count]))
            let w = try weights.indexSelect(axis: 0, Tensor(int64: slots.map(Int64.init), shape: [slots.count]))
            let contribution = try expert(picked) * w.reshaped([slots.count, 1])
            let placed = try Tensor.indexAdd(rows: tokens, indices: rows, source: contribution)
            output = try output.map { try $0 + placed } ?? placed
        }
        aux = try balance(probs: probs, firstChoice: stride(from: 0, to: choice.count, by: topK).map { choice[$0] })
        return try (output ?? Tensor.zeros([tokens, dim])).reshaped(x.shape)
    }

    private func balance(probs: Tensor, firstChoice: [Int]) throws -> Tensor {
        let count = experts.count
        var share = [Float](repeating: 0, count: count)
        for e in firstChoice { share[e] += 1 / Float(firstChoice.count) }
        let meanProb = try probs.mean(axes: [0])
        return try (meanProb * Tensor(share, shape: [count])).sum() * Float(count)
    }
}

/// The dense alternative: one expert-shaped MLP for every token. Keys `fc1`, `fc2`.
public typealias MLPFeedForward = Expert

/// Children named 0, 1, ... with no forward of their own, as `torch.nn.ModuleList`.
public final class ModuleList: Module {
    public init(_ modules: [Module]) {
        super.init()
        for (index, module) in modules.enumerated() { registerModule(String(index), module) }
    }
}

import Testing
import TestSupport
@testable import NeuralNets
@testable import Tensors

/// The Kuramoto field composed from plain ops, the definition the fused kernel must match.
private func composedField(_ z: Tensor, _ wc: Tensor, _ omega: Tensor, _ wo: Tensor, _ bo: Tensor,
                           heads: Int, causal: Bool) throws -> Tensor {
    let (b, t, dim) = (z.shape[0], z.shape[1], z.shape[2])
    let halves = try Tensor.linear(z, weight: wc, bias: nil).chunked(2, axis: -1)
    let shape = [b, t, heads, dim / heads]
    let q = try halves[0].reshaped(shape).normalized(axis: -1).permuted([0, 2, 1, 3])
    let k = try halves[1].reshaped(shape).normalized(axis: -1).permuted([0, 2, 1, 3])
    var sine = try q.matmul(k.transposed(-2, -1)).sin()
    if causal {
        let mask = try Tensor(shape: [t, t])
        for i in 0..<t { for j in 0...i { mask.floats[i * t + j] = 1 } }
        sine = try sine * mask
    }
    let force = try sine.matmul(k).permuted([0, 2, 1, 3]).reshaped([b, t, dim])
    return try omega + Tensor.linear(force, weight: wo, bias: bo)
}

/// Head sizes 4, 8 and 13 take the vector kernel (13 leaves a partial lane
/// block); 33 takes the sgemm path for heads too wide for it.
@Test(arguments: [(8, 2, false), (16, 2, true), (16, 2, false), (26, 2, true), (66, 2, false), (66, 2, true)])
func fusedKuramotoMatchesComposedOps(_ sizes: (Int, Int, Bool)) throws {
    let (dim, heads, causal) = sizes
    let field = try KuramotoInteraction(dim: dim, heads: heads, causal: causal, stream: RandomStream(seed: 4))
    let z = try Tensor.randn([3, 11, dim], stream: RandomStream(seed: 5))
    let params = Dictionary(uniqueKeysWithValues: field.namedParameters().map { ($0.name, $0.tensor) })
    let fused = try field.evaluate(t: 0, z)
    let composed = try composedField(
        z, try #require(params["to_coupling.weight"]), try #require(params["omega"]),
        try #require(params["output.weight"]), try #require(params["output.bias"]),
        heads: heads, causal: causal)
    #expect(maxAbsDiff(fused, composed) < 5e-6)
    #expect(try #require(field.lastCoupling).shape == [3, heads, 11, 11])
    // Backward of both forms for the same upstream gradient.
    let g = try Tensor.randn(fused.shape, stream: RandomStream(seed: 6))
    let zf = try z.contiguousCopy().requiringGrad(), zc = try z.contiguousCopy().requiringGrad()
    try field.evaluate(t: 0, zf).backward(g)
    try composedField(
        zc, try #require(params["to_coupling.weight"]), try #require(params["omega"]),
        try #require(params["output.weight"]), try #require(params["output.bias"]),
        heads: heads, causal: causal
    ).backward(g)
    #expect(relativeToScale(try #require(zf.grad), try #require(zc.grad)) < 1e-5)
}

@Test(arguments: [false, true])
func fusedKuramotoGradientsMatchFiniteDifferences(_ causal: Bool) throws {
    // Head size 4 keeps the projections' norms away from 0, where normalising
    // bends so sharply that central differences need tiny steps.
    let field = try KuramotoInteraction(dim: 8, heads: 2, causal: causal, stream: RandomStream(seed: 6))
    let z = try uniformTensor([2, 4, 8], seed: 7)
    let inputs = [z] + field.parameters()
    let tolerance = GradientTolerance(relative: 2e-2, absolute: 5e-3, step: 2e-3)
    let mismatches = try checkGradients(inputs, tolerance: tolerance, samples: 24) { _ in
        try field.evaluate(t: 0, z)
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(4))")
}

@Test(arguments: [(AttentionKind.geodesic, false), (.geodesic, true), (.dot, false), (.dot, true)])
func fusedAttentionGradientsMatchFiniteDifferences(_ variant: (AttentionKind, Bool)) throws {
    let attention = try GeodesicAttention(
        dim: 8, heads: 2, kind: variant.0, geoWeight: 0.7, causal: variant.1, stream: RandomStream(seed: 9))
    let x = try uniformTensor([2, 5, 8], seed: 10)
    let tolerance = GradientTolerance(relative: 2e-2, absolute: 5e-3, step: 2e-3)
    let mismatches = try checkGradients([x] + attention.parameters(), tolerance: tolerance, samples: 24) { _ in
        try attention(x)
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(4))")
    let map = try #require(attention.lastAttention)
    #expect(map.shape == [2, 2, 5, 5])
    let rowSums = try map.sum(axis: -1).toArray()
    for total in rowSums { #expect(abs(total - 1) < 1e-5) }
    if variant.1 { #expect(map.toArray()[1] == 0) }
}

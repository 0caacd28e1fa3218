import Testing

@testable import Tensors

@Test func secondBackwardNeedsRetainedGraph() throws {
    let w = try Tensor([1, 2], shape: [2]).requiringGrad()
    let loss = try (w * w).sum()
    try loss.backward(retainGraph: true)
    try loss.backward()
    #expect(w.grad?.toArray() == [4, 8])
    do {
        try loss.backward()
        Issue.record("a third backward through a released graph ran")
    } catch {
        #expect("\(error)".contains("retain_graph: true"))
    }
    #expect(w.grad?.toArray() == [4, 8])
    #expect(loss.gradFn?.isReleased == true)
}

@Test func backwardReleasesIntermediateRecords() throws {
    let w = try Tensor([3], shape: [1]).requiringGrad()
    let hidden = try w * w
    let loss = try hidden.sum()
    try loss.backward()
    #expect(hidden.gradFn?.isReleased == true)
    #expect(hidden.gradFn?.inputs.isEmpty == true)
    #expect(w.grad?.toArray() == [6])
}

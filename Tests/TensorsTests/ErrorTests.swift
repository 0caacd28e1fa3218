import Testing
@testable import Tensors

private func message(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "no error"
    } catch {
        return "\(error)"
    }
}

@Test func shapeMismatchNamesBothShapes() throws {
    let a = try Tensor.zeros([2, 3]), b = try Tensor.zeros([4])
    let text = message { _ = try a + b }
    #expect(text.contains("[2, 3]"))
    #expect(text.contains("[4]"))
    let product = message { _ = try a.matmul(a) }
    #expect(product.contains("matmul: shapes [2, 3] and [2, 3] do not match"))
}

@Test func indexOutOfRangeNamesIndexAndSize() throws {
    let x = try Tensor.zeros([3, 2])
    let text = message { _ = try x.selected(axis: 0, index: 5) }
    #expect(text == "index: index 5 is out of range for axis 0 of size 3")
    let gathered = message { _ = try x.indexSelect(axis: 1, Tensor(int64: [2], shape: [1])) }
    #expect(gathered.contains("index 2 is out of range for axis 1 of size 2"))
}

@Test func reshapeToIncompatibleSizeFails() throws {
    let x = try Tensor.zeros([2, 3])
    let text = message { _ = try x.reshaped([4, 2]) }
    #expect(text.contains("6 elements cannot take a shape of 8"))
}

@Test func hugeAllocationIsAnErrorNotACrash() throws {
    let text = message { _ = try Tensor.zeros([1 << 20, 1 << 20, 1 << 10]) }
    #expect(text.contains("cannot allocate"))
    let overflow = message { _ = try Tensor.zeros([Int.max / 2, 4]) }
    #expect(overflow.contains("cannot allocate"))
    let negative = message { _ = try Tensor.zeros([-1, 2]) }
    #expect(negative.contains("negative extent"))
}

@Test func invalidArgumentsAreErrors() throws {
    let x = try Tensor.zeros([2, 3])
    #expect(message { _ = try x.sum(axis: 2) }.contains("axis 2 is out of range"))
    #expect(message { _ = try x.topk(4) }.contains("k = 4"))
    #expect(message { _ = try x.chunked(0) }.contains("chunks must be > 0"))
    #expect(message { _ = try x.permuted([0, 0]) }.contains("not a permutation"))
    #expect(message { _ = try Tensor.cat([]) }.contains("at least one tensor"))
    #expect(message { _ = try x.item() }.contains("one-element"))
    #expect(message { _ = try x.clamp(min: 1, max: 0) }.contains("greater than max"))
}

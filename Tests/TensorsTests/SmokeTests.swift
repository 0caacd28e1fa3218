import Testing
@testable import Tensors

@Test func addBroadcast() throws {
    let a = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
    let b = try Tensor([10, 20, 30], shape: [3])
    let c = try a + b
    #expect(c.toArray() == [11, 22, 33, 14, 25, 36])
}

import Testing

@testable import Tensors

@Suite struct PrintingTests {
    @Test func matrix_alignedFourDecimals() throws {
        let tensor = try Tensor([0.1, -1.2, 3, 4, 5, 6], shape: [2, 3])
        let expected = """
            tensor(shape: [2, 3], dtype: f32, requires_grad: false)
            [[ 0.1000, -1.2000,  3.0000],
             [ 4.0000,  5.0000,  6.0000]]
            """
        #expect(tensor.description == expected)
    }

    @Test func header_showsRequiresGrad() throws {
        let tensor = try Tensor([1, 2], shape: [2])
        tensor.requiresGrad = true
        #expect(
            tensor.description == "tensor(shape: [2], dtype: f32, requires_grad: true)\n"
                + "[1.0000, 2.0000]")
    }

    @Test func scalar_printsValue() {
        let tensor = Tensor(scalar: 2.5)
        #expect(tensor.description == "tensor(shape: [], dtype: f32, requires_grad: false)\n2.5000")
    }

    @Test func scientific_whenRangeIsWide() throws {
        let tensor = try Tensor([1e-5, 1, 12345], shape: [3])
        #expect(tensor.description.hasSuffix("\n[1.0000e-05, 1.0000e+00, 1.2345e+04]"))
    }

    @Test func nonFinite_printedByName() throws {
        let tensor = try Tensor([.nan, -.infinity, 1], shape: [3])
        #expect(tensor.description.hasSuffix("\n[   nan,   -inf, 1.0000]"))
    }

    @Test func integers_andBooleans() throws {
        let integers = try Tensor(int64: [1, -20, 300, 4], shape: [2, 2])
        #expect(
            integers.description == """
                tensor(shape: [2, 2], dtype: i64, requires_grad: false)
                [[  1, -20],
                 [300,   4]]
                """)
        let mask = try Tensor(shape: [3], dtype: .bool)
        mask.bools[0] = 1
        #expect(mask.description.hasSuffix("\n[ true, false, false]"))
    }

    @Test func longRow_wrapsAtEightyColumns() throws {
        let tensor = try Tensor.arange(0, 20)
        let lines = tensor.description.split(separator: "\n")
        // Entries are 7 columns plus ", ", so 80 columns hold 8 per line.
        #expect(lines.count == 4)
        #expect(
            lines[1] == "[ 0.0000,  1.0000,  2.0000,  3.0000,  4.0000,  5.0000,  6.0000,  7.0000,")
        #expect(lines[2].hasPrefix("  8.0000,  9.0000, 10.0000,"))
        #expect(lines[3] == " 16.0000, 17.0000, 18.0000, 19.0000]")
    }

    @Test func summarized_threeDimensional() throws {
        let int64 = try Tensor(shape: [8, 9, 14], dtype: .i64, zeroed: false)
        for index in 0..<int64.count { int64.int64s[index] = Int64(index) }
        let lines = int64.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "[[[   0,    1,    2,  ...,   11,   12,   13],")
        #expect(lines[2] == "  [  14,   15,   16,  ...,   25,   26,   27],")
        #expect(lines[4] == "  ...,")
        #expect(lines[7] == "  [ 112,  113,  114,  ...,  123,  124,  125]],")
        #expect(lines[8] == "")
        #expect(lines[9] == " [[ 126,  127,  128,  ...,  137,  138,  139],")
        #expect(lines.contains(" ...,"))
        #expect(lines.last == "  [ 994,  995,  996,  ..., 1005, 1006, 1007]]]")
    }

    @Test func large_printsQuickly() throws {
        let tensor = try Tensor(shape: [10_000, 10_000], zeroed: false)
        for row in [0, 1, 2, 9_997, 9_998, 9_999] {
            for column in [0, 1, 2, 9_997, 9_998, 9_999] {
                tensor.floats[row * 10_000 + column] = Float(row % 10) - Float(column % 10)
            }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let text = tensor.description
        let elapsed = clock.now - start
        #expect(elapsed < .milliseconds(50), "printing took \(elapsed)")
        let lines = text.split(separator: "\n")
        #expect(lines.count == 8)
        #expect(lines[1] == "[[ 0.0000, -1.0000, -2.0000,  ..., -7.0000, -8.0000, -9.0000],")
        #expect(lines[4] == " ...,")
        #expect(lines[7] == " [ 9.0000,  8.0000,  7.0000,  ...,  2.0000,  1.0000,  0.0000]]")
    }

    @Test func empty_printsBrackets() throws {
        #expect(try Tensor(shape: [0]).description.hasSuffix("\n[]"))
        #expect(try Tensor(shape: [2, 0]).description.hasSuffix("\n[[],\n []]"))
    }
}

import Testing

@testable import Tensors

/// Builds a `.npy` file by hand: magic, version, header length, padded header dict, data.
private func makeNpy(
    dict: String, data: [UInt8], major: UInt8 = 1, paddedTo alignment: Int = 64
) -> [UInt8] {
    let lengthFieldSize = major == 1 ? 2 : 4
    let prefixSize = 8 + lengthFieldSize
    var header = Array(dict.utf8)
    let padding = (alignment - (prefixSize + header.count + 1) % alignment) % alignment
    header += Array(repeating: UInt8(ascii: " "), count: padding) + [UInt8(ascii: "\n")]
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [major, 0]
    bytes += (0..<lengthFieldSize).map { UInt8(truncatingIfNeeded: header.count >> (8 * $0)) }
    return bytes + header + data
}

/// Decodes `bytes` and returns the `invalidFile` message.
private func decodeError(_ bytes: [UInt8]) -> String {
    do {
        _ = try Npy.decode(bytes: bytes, source: "array.npy")
    } catch let TensorError.invalidFile(path, message) {
        #expect(path == "array.npy")
        return message
    } catch {
        Issue.record("unexpected error \(error)")
        return ""
    }
    Issue.record("decoding a bad file succeeded")
    return ""
}

@Suite struct NpyTests {
    @Test func roundTrip_isBitExact() throws {
        let floats = try Tensor([1.5, -0.0, .infinity, 1e-42, 7, 8], shape: [2, 3])
        let integers = try Tensor(int64: [Int64.min, 0, Int64.max], shape: [3])
        let mask = try Tensor(shape: [2, 1, 2], dtype: .bool)
        mask.bools[2] = 1
        let scalar = Tensor(scalar: -3.25)
        let folder = IOTestSupport.makeTemporaryFolder()
        for (index, tensor) in [floats, integers, mask, scalar].enumerated() {
            let path = folder + "/sub/array\(index).npy"
            try Npy.write(tensor, to: path)
            let copy = try Npy.read(path: path)
            #expect(copy.shape == tensor.shape, "shape of array \(index)")
            #expect(copy.dtype == tensor.dtype, "dtype of array \(index)")
            #expect(IOTestSupport.rawBytes(copy) == IOTestSupport.rawBytes(tensor))
        }
    }

    @Test func encode_headerAsNumPyWritesIt() throws {
        let bytes = Npy.encode(try Tensor(int64: [1, 2, 3], shape: [3]))
        let length = Int(bytes[8]) | Int(bytes[9]) << 8
        let header = String(decoding: bytes[10..<(10 + length)], as: UTF8.self)
        #expect(Array(bytes[6..<8]) == [1, 0])
        #expect((10 + length) % 64 == 0)
        #expect(header.hasPrefix("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }"))
        #expect(header.hasSuffix(" \n"))
        let scalarBytes = Npy.encode(Tensor(scalar: 1))
        let scalarHeader = String(decoding: scalarBytes[10..<74], as: UTF8.self)
        #expect(scalarHeader.contains("'descr': '<f4'"))
        #expect(scalarHeader.contains("'shape': ()"))
    }

    @Test func handWritten_f8() throws {
        let values: [Double] = [1.5, -2.0, 1e300, 0.1]
        let data = values.flatMap { IOTestSupport.littleEndian($0.bitPattern) }
        let bytes = makeNpy(
            dict: "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", data: data)
        let tensor = try Npy.decode(bytes: bytes, source: "f8.npy")
        #expect(tensor.shape == [2, 2])
        #expect(tensor.dtype == .f32)
        #expect(tensor.toArray() == [1.5, -2.0, .infinity, 0.1])
    }

    @Test func handWritten_i4Version2() throws {
        let data = [Int32(-1), 2, Int32.max].flatMap { IOTestSupport.littleEndian($0) }
        let bytes = makeNpy(
            dict: "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", data: data,
            major: 2)
        let tensor = try Npy.decode(bytes: bytes, source: "i4.npy")
        #expect(tensor.shape == [3])
        #expect(tensor.dtype == .i64)
        #expect(
            Array(UnsafeBufferPointer(start: tensor.int64s, count: 3)) == [-1, 2, 2_147_483_647])
    }

    @Test func handWritten_b1Version3() throws {
        let bytes = makeNpy(
            dict: "{\"descr\": \"|b1\", \"fortran_order\": False, \"shape\": (2, 2)}",
            data: [1, 0, 0, 1], major: 3, paddedTo: 16)
        let tensor = try Npy.decode(bytes: bytes, source: "b1.npy")
        #expect(tensor.shape == [2, 2])
        #expect(tensor.dtype == .bool)
        #expect(Array(UnsafeBufferPointer(start: tensor.bools, count: 4)) == [1, 0, 0, 1])
    }

    @Test func handWritten_fortranOrderTransposes() throws {
        // numpy.asfortranarray([[[0, 1, 2], [3, 4, 5]], [[6, 7, 8], [9, 10, 11]]]) stores
        // the first axis fastest.
        let logical: [[[Float]]] = [[[0, 1, 2], [3, 4, 5]], [[6, 7, 8], [9, 10, 11]]]
        var columnMajor: [Float] = []
        for k in 0..<3 {
            for j in 0..<2 {
                for i in 0..<2 { columnMajor.append(logical[i][j][k]) }
            }
        }
        let data = columnMajor.flatMap { IOTestSupport.littleEndian($0.bitPattern) }
        let bytes = makeNpy(
            dict: "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2, 3), }", data: data)
        let tensor = try Npy.decode(bytes: bytes, source: "fortran.npy")
        #expect(tensor.shape == [2, 2, 3])
        #expect(tensor.toArray() == (0..<12).map(Float.init))
    }

    @Test func handWritten_otherDtypes() throws {
        let f2 = makeNpy(
            dict: "{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }",
            data: IOTestSupport.littleEndian((0.25 as Float16).bitPattern))
        let half = try Npy.decode(bytes: f2, source: "f2.npy")
        #expect(half.toArray() == [0.25])
        let i2 = makeNpy(
            dict: "{'descr': '<i2', 'fortran_order': False, 'shape': (), }",
            data: IOTestSupport.littleEndian(Int16(-300)))
        let scalar = try Npy.decode(bytes: i2, source: "i2.npy")
        #expect(scalar.shape == [])
        #expect(scalar.toInt64Array() == [-300])
        let u1 = makeNpy(
            dict: "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", data: [255, 7])
        let bytesTensor = try Npy.decode(bytes: u1, source: "u1.npy")
        #expect(bytesTensor.toArray() == [255, 7])
    }

    @Test func read_bigEndianRejected() {
        let bytes = makeNpy(
            dict: "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0])
        let message = decodeError(bytes)
        #expect(message.contains("dtype '>f4' is big-endian"))
        #expect(message.contains("astype('<f4')"))
    }

    @Test func read_unsupportedDtypeNamed() {
        let bytes = makeNpy(
            dict: "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }",
            data: Array(repeating: 0, count: 8))
        let message = decodeError(bytes)
        #expect(message.contains("unsupported dtype '<c8'"))
        #expect(message.contains("<f4, <f8, <f2, <i8, <i4, <i2, |u1 and |b1"))
    }

    @Test func read_structuredDtypeRejected() {
        let bytes = makeNpy(
            dict: "{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (1,), }",
            data: [0, 0, 0, 0])
        #expect(decodeError(bytes).contains("structured and object arrays are not supported"))
    }

    @Test func read_truncatedData() {
        let bytes = makeNpy(
            dict: "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", data: [0, 0, 0, 0])
        let message = decodeError(bytes)
        #expect(message.contains("data section has 4 bytes, but shape [4] needs 16"))
        #expect(message.contains("truncated"))
    }

    @Test func read_badMagic() {
        let message = decodeError(Array("PK\u{3}\u{4} not numpy".utf8))
        #expect(message.contains("not a NumPy .npy file"))
    }

    @Test func read_headerNotDict() {
        let bytes = makeNpy(dict: "{'descr': '<f4', 'shape': (1,", data: [])
        #expect(decodeError(bytes).contains("header is not a Python dict literal"))
    }

    @Test func read_unsupportedVersion() {
        var bytes = makeNpy(
            dict: "{'descr': '<f4', 'fortran_order': False, 'shape': (), }", data: [0, 0, 0, 0])
        bytes[6] = 4
        #expect(decodeError(bytes).contains("unsupported .npy format version 4.0"))
    }
}

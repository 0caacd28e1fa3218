import Testing

@testable import Tensors

/// Builds a safetensors file from a header text and a data section.
private func makeFile(header: String, data: [UInt8] = []) -> [UInt8] {
    let headerBytes = Array(header.utf8)
    return IOTestSupport.littleEndian(UInt64(headerBytes.count)) + headerBytes + data
}

/// Writes `bytes` to a temporary file, reads it back and returns the `invalidFile` message,
/// after checking that the error names the file.
private func readError(_ bytes: [UInt8]) throws -> String {
    let path = try IOTestSupport.writeTemporaryFile(bytes, name: "bad.safetensors")
    do {
        _ = try SafeTensors.read(path: path)
    } catch let TensorError.invalidFile(errorPath, message) {
        #expect(errorPath == path)
        #expect(
            TensorError.invalidFile(path: errorPath, message: message).description
                .hasPrefix(path + ": "))
        return message
    }
    Issue.record("reading a bad file succeeded")
    return ""
}

@Suite struct SafeTensorsFixtureTests {
    let path = IOTestSupport.fixturePath("parity-small.safetensors")

    @Test func fixture_loadsNamesShapesAndDtypes() throws {
        let file = try SafeTensors.read(path: path)
        #expect(file.tensors.count == 95)
        #expect(Set(file.tensors.map(\.name)).count == file.tensors.count)
        let tensors = try SafeTensors.load(path: path)
        #expect(tensors.count == 95)

        let x = try #require(tensors["input.x"])
        #expect(x.shape == [2, 8, 6])
        #expect(x.dtype == .f32)
        let idx = try #require(tensors["input.idx"])
        #expect(idx.shape == [2])
        #expect(idx.dtype == .i64)
        #expect(idx.toInt64Array() == [0, 1])
        let geoWeight = try #require(tensors["param.attn.geo_weight"])
        #expect(geoWeight.shape == [1])
        #expect(geoWeight.dtype == .f32)
        #expect(geoWeight.toArray() == [1.0])
        #expect(tensors["output.attn"]?.shape == [2, 4, 8, 8])
        #expect(file.metadata["config"]?.hasPrefix("seed=1 B=2 T=8") == true)
    }

    @Test func fixture_namesInDataOrder() throws {
        let file = try SafeTensors.read(path: path)
        // The I64 tensor comes first in the data section, then the F32 tensors by name.
        #expect(file.tensors.first?.name == "input.idx")
        let floatNames = file.tensors.dropFirst().map(\.name)
        #expect(floatNames == floatNames.sorted())
    }

    @Test func fixture_reencodesToSameBytes() throws {
        let original = try FileAccess.readAll(path: path)
        let file = try SafeTensors.decode(bytes: original, source: path)
        let encoded = try SafeTensors.encode(file.tensors, metadata: file.metadata)
        #expect(encoded.count == original.count)
        #expect(encoded == original)
    }
}

@Suite struct SafeTensorsRoundTripTests {
    @Test func roundTrip_isBitExact() throws {
        let values: [Float] = [0, -0.0, 1.5, -2.25, .infinity, -.infinity, 1e-42, 3.4e38]
        let floats = try Tensor(values, shape: [2, 4])
        floats.floats[1] = Float(bitPattern: 0x7FC0_1234)  // NaN with a payload
        let integers = try Tensor(int64: [Int64.min, -1, 0, Int64.max, 7], shape: [5])
        let mask = try Tensor(shape: [3], dtype: .bool)
        mask.bools[1] = 1
        let scalar = Tensor(scalar: 0.25)
        let empty = try Tensor(shape: [0, 3])
        let tensors: [(name: String, tensor: Tensor)] = [
            ("weights", floats), ("labels", integers), ("mask", mask), ("geo_weight", scalar),
            ("empty", empty),
        ]
        let metadata = ["epoch": "3", "note": "quote \" and \\ and \u{1} and é"]
        let folder = IOTestSupport.makeTemporaryFolder()
        let path = folder + "/nested/run/model.safetensors"

        try SafeTensors.write(tensors, metadata: metadata, to: path)
        let file = try SafeTensors.read(path: path)

        #expect(file.metadata == metadata)
        #expect(file.tensors.count == tensors.count)
        let loaded = Dictionary(uniqueKeysWithValues: file.tensors.map { ($0.name, $0.tensor) })
        for (name, tensor) in tensors {
            let copy = try #require(loaded[name], "missing \(name)")
            #expect(copy.shape == tensor.shape, "shape of \(name)")
            #expect(copy.dtype == tensor.dtype, "dtype of \(name)")
            #expect(
                IOTestSupport.rawBytes(copy) == IOTestSupport.rawBytes(tensor), "bytes of \(name)")
        }
        let rewritten = try SafeTensors.encode(file.tensors, metadata: file.metadata)
        #expect(rewritten == (try FileAccess.readAll(path: path)))
    }

    @Test func encode_layoutMatchesPythonLibrary() throws {
        let tensors: [(name: String, tensor: Tensor)] = [
            ("b", try Tensor([1, 2, 3], shape: [3])),
            ("mask", try Tensor(shape: [1], dtype: .bool)),
            ("a", Tensor(scalar: 2)),
            ("index", try Tensor(int64: [4], shape: [1])),
        ]
        let bytes = try SafeTensors.encode(tensors, metadata: ["z": "1", "a": "2"])
        var length = 0
        for index in 0..<8 { length |= Int(bytes[index]) << (8 * index) }
        #expect(length % 8 == 0)
        let header = String(decoding: bytes[8..<(8 + length)], as: UTF8.self)
        let expected =
            #"{"__metadata__":{"a":"2","z":"1"},"#
            + #""index":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"#
            + #""a":{"dtype":"F32","shape":[],"data_offsets":[8,12]},"#
            + #""b":{"dtype":"F32","shape":[3],"data_offsets":[12,24]},"#
            + #""mask":{"dtype":"BOOL","shape":[1],"data_offsets":[24,25]}}"#
        #expect(header.hasPrefix(expected))
        #expect(header.dropFirst(expected.utf8.count).allSatisfy { $0 == " " })
        #expect(bytes.count == 8 + length + 25)
    }

    @Test func encode_rejectsDuplicateNames() throws {
        let tensor = Tensor(scalar: 1)
        #expect(throws: TensorError.self) {
            try SafeTensors.encode([("w", tensor), ("w", tensor)], metadata: [:])
        }
        #expect(throws: TensorError.self) {
            try SafeTensors.encode([("__metadata__", tensor)], metadata: [:])
        }
    }

    @Test func read_convertsOtherDtypes() throws {
        let f64 = IOTestSupport.littleEndian((-1.5 as Double).bitPattern)
        let f16 = IOTestSupport.littleEndian((0.5 as Float16).bitPattern)
        let bf16 = IOTestSupport.littleEndian(UInt16((3.0 as Float).bitPattern >> 16))
        let i32 = IOTestSupport.littleEndian(Int32(-7))
        let header =
            #"{"d":{"dtype":"F64","shape":[],"data_offsets":[0,8]},"#
            + #""h":{"dtype":"F16","shape":[1],"data_offsets":[8,10]},"#
            + #""b":{"dtype":"BF16","shape":[1],"data_offsets":[10,12]},"#
            + #""i":{"dtype":"I32","shape":[1],"data_offsets":[12,16]}}"#
        let file = try SafeTensors.decode(
            bytes: makeFile(header: header, data: f64 + f16 + bf16 + i32), source: "mixed")
        #expect(file.tensors.map(\.name) == ["d", "h", "b", "i"])
        let loaded = Dictionary(uniqueKeysWithValues: file.tensors.map { ($0.name, $0.tensor) })
        #expect(loaded["d"]?.toArray() == [-1.5])
        #expect(loaded["d"]?.shape == [])
        #expect(loaded["h"]?.toArray() == [0.5])
        #expect(loaded["b"]?.toArray() == [3.0])
        #expect(loaded["i"]?.dtype == .i64)
        #expect(loaded["i"]?.toInt64Array() == [-7])
    }

    @Test func read_100MBFileUnderOneSecond() throws {
        let tensor = try Tensor(shape: [25_000_000], zeroed: false)
        let path = IOTestSupport.makeTemporaryFolder() + "/large.safetensors"
        try SafeTensors.write([("large", tensor)], to: path)
        defer { IOTestSupport.remove(path) }

        let clock = ContinuousClock()
        let start = clock.now
        let loaded = try SafeTensors.load(path: path)
        let elapsed = clock.now - start
        #expect(loaded["large"]?.count == 25_000_000)
        #expect(elapsed < .seconds(1), "loading 100 MB took \(elapsed)")
    }
}

@Suite struct SafeTensorsInvalidFileTests {
    @Test func truncatedLengthField() throws {
        let message = try readError([1, 0, 0])
        #expect(message.contains("file is 3 bytes"))
        #expect(message.contains("truncated"))
    }

    @Test func headerLengthPastEnd() throws {
        var bytes = makeFile(header: "{}")
        bytes[0] = 200
        let message = try readError(bytes)
        #expect(message.contains("header length 200 runs past the end of the file"))
        #expect(message.contains("write it again"))
    }

    @Test func headerNotJSON() throws {
        let message = try readError(makeFile(header: #"{"w": {"dtype": "F32",, }}"#))
        #expect(message.contains("header is not valid JSON"))
        #expect(message.contains("at file byte 30"))
    }

    @Test func headerNotObject() throws {
        let message = try readError(makeFile(header: "[1, 2]"))
        #expect(message.contains("header is an array, expected a JSON object"))
    }

    @Test func overlappingOffsets() throws {
        let header =
            #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
            + #""b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        let message = try readError(makeFile(header: header, data: Array(repeating: 0, count: 12)))
        #expect(message.contains("tensors \"a\" (data_offsets [0, 8]) and \"b\""))
        #expect(message.contains("overlap"))
    }

    @Test func offsetsPastEnd() throws {
        let header = #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#
        let message = try readError(makeFile(header: header, data: Array(repeating: 0, count: 8)))
        #expect(message.contains("tensor \"w\""))
        #expect(message.contains("past the end of the data section (8 bytes)"))
        #expect(message.contains("truncated"))
    }

    @Test func offsetsSizeMismatch() throws {
        let header = #"{"w":{"dtype":"F32","shape":[2, 3],"data_offsets":[0,16]}}"#
        let message = try readError(makeFile(header: header, data: Array(repeating: 0, count: 16)))
        #expect(message.contains("tensor \"w\" has data_offsets [0, 16] spanning 16 bytes"))
        #expect(message.contains("shape [2, 3] of dtype F32 needs 24 bytes"))
    }

    @Test func offsetsMalformed() throws {
        let header = #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#
        let message = try readError(makeFile(header: header, data: Array(repeating: 0, count: 4)))
        #expect(message.contains("tensor \"w\" has data_offsets [4,0]"))
        #expect(message.contains("0 <= begin <= end"))
    }

    @Test func unknownDtype() throws {
        let header = #"{"w":{"dtype":"U16","shape":[1],"data_offsets":[0,2]}}"#
        let message = try readError(makeFile(header: header, data: [0, 0]))
        #expect(message.contains("tensor \"w\" has unsupported dtype \"U16\""))
        #expect(message.contains("F32, F64, F16, BF16, I64, I32 and BOOL"))
    }

    @Test func negativeShape() throws {
        let header = #"{"w":{"dtype":"F32","shape":[-1, 2],"data_offsets":[0,0]}}"#
        let message = try readError(makeFile(header: header))
        #expect(message.contains("tensor \"w\" has shape [-1,2] with an invalid extent -1"))
        #expect(message.contains("non-negative integers"))
    }

    @Test func hugeShape() throws {
        let header =
            #"{"w":{"dtype":"F32","shape":[4294967296, 4294967296],"#
            + #""data_offsets":[0,4]}}"#
        let message = try readError(makeFile(header: header, data: [0, 0, 0, 0]))
        #expect(message.contains("tensor \"w\" has shape [4294967296, 4294967296]"))
        #expect(message.contains("too many elements"))
    }

    @Test func extentBeyondInteger() throws {
        let header = #"{"w":{"dtype":"F32","shape":[1e30],"data_offsets":[0,4]}}"#
        let message = try readError(makeFile(header: header, data: [0, 0, 0, 0]))
        #expect(message.contains("invalid extent 1e30"))
    }

    @Test func duplicateNames() throws {
        let header =
            #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"#
            + #""w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
        let message = try readError(makeFile(header: header, data: Array(repeating: 0, count: 8)))
        #expect(message.contains("tensor name \"w\" appears more than once"))
        #expect(message.contains("rename one of them"))
    }

    @Test func metadataNotStrings() throws {
        let message = try readError(makeFile(header: #"{"__metadata__":{"epoch":3}}"#))
        #expect(message.contains("__metadata__ entry \"epoch\" is a number, expected a string"))
    }

    @Test func missingFile() throws {
        let path = IOTestSupport.makeTemporaryFolder() + "/absent.safetensors"
        #expect(
            throws: TensorError.invalidFile(
                path: path, message: "cannot open for reading: No such file or directory")
        ) {
            try SafeTensors.read(path: path)
        }
    }
}

extension SafeTensors {
    /// Encodes tensors and metadata as the bytes of a safetensors file.
    ///
    /// The layout matches the Python library (safetensors 0.4): tensors are ordered by
    /// decreasing element size and then by name (byte order), so every tensor starts at a
    /// multiple of its element size with no gaps, and the header lists `__metadata__`
    /// (keys sorted, omitted when empty) followed by the tensors in data order. The
    /// header is padded with spaces to a multiple of 8 bytes. A 0-d tensor gets shape `[]`.
    public static func encode(
        _ tensors: [(name: String, tensor: Tensor)], metadata: [String: String]
    ) throws -> [UInt8] {
        try checkNames(tensors)
        let ordered = tensors.sorted { lhs, rhs in
            let (left, right) = (lhs.tensor.dtype.itemSize, rhs.tensor.dtype.itemSize)
            if left != right { return left > right }
            return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
        }

        var members: [(key: String, value: JSONValue)] = []
        if !metadata.isEmpty {
            let keys = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            members.append(("__metadata__", .object(keys.map { ($0, .string(metadata[$0]!)) })))
        }
        var dataSize = 0
        for (name, tensor) in ordered {
            let size = tensor.count * tensor.dtype.itemSize
            let entry: JSONValue = .object([
                ("dtype", .string(storedName(of: tensor.dtype))),
                ("shape", .array(tensor.shape.map { .integer($0) })),
                ("data_offsets", .array([.integer(dataSize), .integer(dataSize + size)])),
            ])
            members.append((name, entry))
            dataSize += size
        }
        var header = Array(JSONValue.object(members).serialized().utf8)
        header.append(
            contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + dataSize)
        for shift in stride(from: 0, to: 64, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: UInt64(header.count) >> UInt64(shift)))
        }
        bytes.append(contentsOf: header)
        for (_, tensor) in ordered {
            let start = tensor.storage.pointer + tensor.offset * tensor.dtype.itemSize
            let size = tensor.count * tensor.dtype.itemSize
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: start, count: size))
        }
        return bytes
    }

    private static func checkNames(_ tensors: [(name: String, tensor: Tensor)]) throws {
        var names = Set<String>()
        for (name, _) in tensors {
            guard name != "__metadata__" else {
                throw TensorError.invalidArgument(
                    op: "safetensors",
                    message: "\"__metadata__\" is reserved for metadata and cannot name a tensor")
            }
            guard names.insert(name).inserted else {
                throw TensorError.invalidArgument(
                    op: "safetensors",
                    message: "tensor name \"\(name)\" is given more than once; names must be "
                        + "unique")
            }
        }
    }
}

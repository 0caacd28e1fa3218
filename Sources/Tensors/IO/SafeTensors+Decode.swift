extension SafeTensors {
    /// One tensor's header entry, validated against the file size.
    struct Entry {
        var name: String
        var element: StoredElement
        var dtypeName: String
        var shape: [Int]
        var begin: Int
        var end: Int
    }

    /// Decodes a safetensors file held in memory; `source` names it in errors.
    public static func decode(bytes: [UInt8], source: String) throws -> SafeTensorsFile {
        let (header, dataStart) = try parseHeader(bytes, source: source)
        let dataSize = bytes.count - dataStart
        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        var names = Set<String>()
        for (name, value) in header {
            guard names.insert(name).inserted else {
                throw invalid(
                    source,
                    "tensor name \"\(name)\" appears more than once in the header; names must "
                        + "be unique, so rename one of them and write the file again")
            }
            if name == "__metadata__" {
                metadata = try parseMetadata(value, source: source)
            } else {
                entries.append(
                    try parseEntry(name: name, value, dataSize: dataSize, source: source))
            }
        }
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        try checkOverlaps(entries, source: source)

        var tensors: [(name: String, tensor: Tensor)] = []
        tensors.reserveCapacity(entries.count)
        try bytes.withUnsafeBytes { buffer in
            for entry in entries {
                let tensor = try allocate(entry, source: source)
                entry.element.convert(
                    from: buffer.baseAddress! + dataStart + entry.begin, into: tensor)
                tensors.append((entry.name, tensor))
            }
        }
        return SafeTensorsFile(tensors: tensors, metadata: metadata)
    }

    /// Splits off the JSON header and returns its members and the data section's offset.
    private static func parseHeader(_ bytes: [UInt8], source: String) throws
        -> (members: [(key: String, value: JSONValue)], dataStart: Int)
    {
        guard bytes.count >= 8 else {
            throw invalid(
                source,
                "file is \(bytes.count) bytes, too short for the 8-byte header length of a "
                    + "safetensors file; the file is truncated or not safetensors")
        }
        var length: UInt64 = 0
        for index in (0..<8).reversed() { length = length << 8 | UInt64(bytes[index]) }
        let available = bytes.count - 8
        guard length <= UInt64(maxHeaderSize) else {
            throw invalid(
                source,
                "header length \(length) exceeds the limit of \(maxHeaderSize) bytes; the file "
                    + "is corrupt or not safetensors")
        }
        guard Int(length) <= available else {
            throw invalid(
                source,
                "header length \(length) runs past the end of the file (\(available) bytes "
                    + "follow the length field); the file is truncated, so write it again")
        }
        let headerEnd = 8 + Int(length)
        let json: JSONValue
        do {
            let limits = JSONParser.Limits(maxBytes: maxHeaderSize, allowsDuplicateKeys: true)
            json = try JSONParser.parse(bytes[8..<headerEnd], limits: limits)
        } catch let error as JSONError {
            throw invalid(
                source,
                "header is not valid JSON: \(error.message) at file byte \(8 + error.offset); "
                    + "the file is corrupt or not safetensors")
        }
        guard case .object(let members) = json else {
            throw invalid(
                source,
                "header is \(json.kindName), expected a JSON object that maps tensor names "
                    + "to entries; the file is corrupt or not safetensors")
        }
        return (members, headerEnd)
    }

    private static func parseMetadata(_ value: JSONValue, source: String) throws
        -> [String: String]
    {
        guard case .object(let members) = value else {
            throw invalid(
                source,
                "__metadata__ is \(value.kindName), expected an object of strings; "
                    + "write metadata as a string-to-string map")
        }
        var metadata: [String: String] = [:]
        for (key, item) in members {
            guard let text = item.string else {
                throw invalid(
                    source,
                    "__metadata__ entry \"\(key)\" is \(item.kindName), expected a string; "
                        + "write metadata values as strings")
            }
            metadata[key] = text
        }
        return metadata
    }

    private static func checkOverlaps(_ entries: [Entry], source: String) throws {
        var previous: Entry?
        for entry in entries where entry.end > entry.begin {
            if let last = previous, entry.begin < last.end {
                throw invalid(
                    source,
                    "tensors \"\(last.name)\" (data_offsets [\(last.begin), \(last.end)]) and "
                        + "\"\(entry.name)\" (data_offsets [\(entry.begin), \(entry.end)]) "
                        + "overlap; the header is corrupt, so write the file again")
            }
            previous = entry
        }
    }

    private static func allocate(_ entry: Entry, source: String) throws -> Tensor {
        do {
            return try Tensor(shape: entry.shape, dtype: entry.element.dtype, zeroed: false)
        } catch let TensorError.allocationTooLarge(_, bytes, limit) {
            throw invalid(
                source,
                "tensor \"\(entry.name)\" of shape \(formatShape(entry.shape)) needs \(bytes) "
                    + "bytes as \(entry.element.dtype), more than the \(limit) bytes of "
                    + "physical memory; load it on a machine with more memory")
        }
    }

    static func invalid(_ source: String, _ message: String) -> TensorError {
        .invalidFile(path: source, message: message)
    }
}

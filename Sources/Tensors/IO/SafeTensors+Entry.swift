extension SafeTensors {
    /// Validates one header entry: its dtype, its shape and its byte range.
    static func parseEntry(
        name: String, _ value: JSONValue, dataSize: Int, source: String
    ) throws -> Entry {
        let tensor = "tensor \"\(name)\""
        guard case .object = value else {
            throw invalid(
                source,
                "entry of \(tensor) is \(value.kindName), expected an object with dtype, "
                    + "shape and data_offsets; the header is corrupt")
        }
        guard let dtypeName = value["dtype"]?.string else {
            throw invalid(source, "\(tensor) has no string \"dtype\" field; the header is corrupt")
        }
        guard let element = storedElement(named: dtypeName) else {
            throw invalid(
                source,
                "\(tensor) has unsupported dtype \"\(dtypeName)\"; mfs reads F32, F64, F16, "
                    + "BF16, I64, I32 and BOOL, so convert the tensor to one of them and save "
                    + "the file again")
        }
        let shape = try parseShape(value["shape"], tensor: tensor, source: source)
        let (begin, end) = try parseOffsets(
            value["data_offsets"], tensor: tensor, dataSize: dataSize, source: source)
        let expected = try byteCount(shape, element, tensor: tensor, source: source)
        guard end - begin == expected else {
            throw invalid(
                source,
                "\(tensor) has data_offsets [\(begin), \(end)] spanning \(end - begin) bytes, "
                    + "but shape \(formatShape(shape)) of dtype \(dtypeName) needs \(expected) "
                    + "bytes; the header is corrupt, so write the file again")
        }
        return Entry(
            name: name, element: element, dtypeName: dtypeName, shape: shape, begin: begin,
            end: end)
    }

    private static func parseShape(_ value: JSONValue?, tensor: String, source: String) throws
        -> [Int]
    {
        guard case .array(let items)? = value else {
            throw invalid(
                source, "\(tensor) has no \"shape\" array; the header is corrupt")
        }
        var shape: [Int] = []
        for item in items {
            guard let extent = item.integer, extent >= 0 else {
                throw invalid(
                    source,
                    "\(tensor) has shape \(JSONValue.array(items).serialized()) with an invalid "
                        + "extent \(item.serialized()); extents must be non-negative integers")
            }
            shape.append(extent)
        }
        return shape
    }

    private static func parseOffsets(
        _ value: JSONValue?, tensor: String, dataSize: Int, source: String
    ) throws -> (begin: Int, end: Int) {
        guard case .array(let items)? = value, items.count == 2,
            let begin = items[0].integer, let end = items[1].integer, begin >= 0, end >= begin
        else {
            let found = value?.serialized() ?? "nothing"
            throw invalid(
                source,
                "\(tensor) has data_offsets \(found), expected two integers [begin, end] "
                    + "with 0 <= begin <= end; the header is corrupt")
        }
        guard end <= dataSize else {
            throw invalid(
                source,
                "\(tensor) has data_offsets [\(begin), \(end)] past the end of the data "
                    + "section (\(dataSize) bytes); the file is truncated, so write it again")
        }
        return (begin, end)
    }

    /// Bytes that `shape` occupies in the file, rejecting counts that overflow `Int`.
    private static func byteCount(
        _ shape: [Int], _ element: StoredElement, tensor: String, source: String
    ) throws -> Int {
        var bytes = element.itemSize
        for extent in shape {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: extent)
            guard !overflow else {
                throw invalid(
                    source,
                    "\(tensor) has shape \(formatShape(shape)), too many elements to address; "
                        + "the header is corrupt")
            }
            bytes = product
        }
        return bytes
    }
}

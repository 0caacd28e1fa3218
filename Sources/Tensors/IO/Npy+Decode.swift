extension Npy {
    /// The parsed header fields of a `.npy` file.
    struct Header {
        var element: StoredElement
        var fortranOrder: Bool
        var shape: [Int]
        var dataStart: Int
    }

    /// Decodes a `.npy` file held in memory; `source` names it in errors.
    public static func decode(bytes: [UInt8], source: String) throws -> Tensor {
        let header = try parseHeader(bytes, source: source)
        var count = 1
        for extent in header.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else {
                throw invalid(source, "shape \(formatShape(header.shape)) has too many elements")
            }
            count = product
        }
        let (expected, overflow) = count.multipliedReportingOverflow(by: header.element.itemSize)
        let available = bytes.count - header.dataStart
        guard !overflow, available >= expected else {
            throw invalid(
                source,
                "data section has \(available) bytes, but shape \(formatShape(header.shape)) "
                    + "needs \(overflow ? "more" : String(expected)); the file is truncated, "
                    + "so write it again")
        }
        guard available == expected else {
            throw invalid(
                source,
                "\(available - expected) unexpected bytes follow the data of shape "
                    + "\(formatShape(header.shape)); the file is corrupt, so write it again")
        }

        let storedShape = header.fortranOrder ? Array(header.shape.reversed()) : header.shape
        let stored = try allocate(storedShape, header.element.dtype, source: source)
        bytes.withUnsafeBytes { buffer in
            header.element.convert(from: buffer.baseAddress! + header.dataStart, into: stored)
        }
        // Up to one axis, Fortran and C order store the same sequence.
        guard header.fortranOrder, header.shape.count > 1 else { return stored }
        let result = try allocate(header.shape, stored.dtype, source: source)
        transposeAllAxes(from: stored, into: result)
        return result
    }

    /// Reads the magic string, version and header dict.
    private static func parseHeader(_ bytes: [UInt8], source: String) throws -> Header {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw invalid(
                source,
                "not a NumPy .npy file: it does not start with the magic string \\x93NUMPY; "
                    + "save the array with numpy.save")
        }
        let (major, minor) = (bytes[6], bytes[7])
        let lengthFieldSize: Int
        switch major {
        case 1: lengthFieldSize = 2
        case 2, 3: lengthFieldSize = 4
        default:
            throw invalid(
                source,
                "unsupported .npy format version \(major).\(minor); mfs reads versions 1.0, "
                    + "2.0 and 3.0")
        }
        let headerStart = 8 + lengthFieldSize
        guard bytes.count >= headerStart else {
            throw invalid(source, "file ends inside the header length; the file is truncated")
        }
        var length = 0
        for index in 0..<lengthFieldSize { length |= Int(bytes[8 + index]) << (8 * index) }
        guard length <= bytes.count - headerStart else {
            throw invalid(
                source,
                "header length \(length) runs past the end of the file; the file is "
                    + "truncated, so write it again")
        }
        let headerBytes = bytes[headerStart..<(headerStart + length)]
        let text: String
        if major >= 3 {
            guard let decoded = String(validating: headerBytes, as: UTF8.self) else {
                throw invalid(source, "header is not valid UTF-8; the file is corrupt")
            }
            text = decoded
        } else {
            // Versions 1.0 and 2.0 store the header in Latin-1.
            text = String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
        }
        return try parseDict(text, dataStart: headerStart + length, source: source)
    }

    private static func parseDict(_ text: String, dataStart: Int, source: String) throws
        -> Header
    {
        let dict: PythonLiteral
        do {
            dict = try PythonLiteralParser.parse(text)
        } catch let error as PythonLiteralParser.SyntaxError {
            throw invalid(
                source,
                "header is not a Python dict literal (\(error.message) at character "
                    + "\(error.offset)); the file is corrupt")
        }
        guard case .string(let descr)? = dict["descr"] else {
            throw invalid(
                source,
                "header has no string 'descr'; structured and object arrays are not "
                    + "supported, so save a plain numeric array")
        }
        guard case .bool(let fortranOrder)? = dict["fortran_order"] else {
            throw invalid(source, "header has no boolean 'fortran_order'; the file is corrupt")
        }
        guard case .tuple(let items)? = dict["shape"] else {
            throw invalid(source, "header has no tuple 'shape'; the file is corrupt")
        }
        var shape: [Int] = []
        for item in items {
            guard case .integer(let extent) = item, extent >= 0 else {
                throw invalid(
                    source, "shape has an invalid extent; extents must be non-negative integers")
            }
            shape.append(extent)
        }
        let element = try storedElement(descr: descr, source: source)
        return Header(
            element: element, fortranOrder: fortranOrder, shape: shape, dataStart: dataStart)
    }
}

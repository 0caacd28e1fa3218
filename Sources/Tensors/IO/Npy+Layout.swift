extension Npy {
    /// Maps a NumPy dtype string (`descr`) to the element type it stores.
    static func storedElement(descr: String, source: String) throws -> StoredElement {
        guard let byteOrder = descr.first, descr.count >= 3 else {
            throw unsupported(descr, source: source)
        }
        let code = descr.dropFirst()
        let element: StoredElement
        switch code {
        case "f4": element = .f32
        case "f8": element = .f64
        case "f2": element = .f16
        case "i8": element = .i64
        case "i4": element = .i32
        case "i2": element = .i16
        case "u1": element = .u8
        case "b1": element = .bool
        default: throw unsupported(descr, source: source)
        }
        switch byteOrder {
        case "<", "=", "|":
            // "|" means byte order does not apply, so it is valid only for 1-byte types;
            // "=" is native order, little-endian on every platform mfs runs on.
            if byteOrder == "|" && element.itemSize > 1 { throw unsupported(descr, source: source) }
            return element
        case ">":
            if element.itemSize == 1 { return element }
            throw invalid(
                source,
                "dtype '\(descr)' is big-endian, and mfs reads only little-endian data; "
                    + "convert it with array.astype('<\(code)') and save it again")
        default:
            throw unsupported(descr, source: source)
        }
    }

    private static func unsupported(_ descr: String, source: String) -> TensorError {
        invalid(
            source,
            "unsupported dtype '\(descr)'; mfs reads <f4, <f8, <f2, <i8, <i4, <i2, |u1 and |b1, "
                + "so convert the array with array.astype('<f4') or astype('<i8') and save "
                + "it again")
    }

    static func allocate(_ shape: [Int], _ dtype: DType, source: String) throws -> Tensor {
        do {
            return try Tensor(shape: shape, dtype: dtype, zeroed: false)
        } catch let TensorError.allocationTooLarge(_, bytes, limit) {
            throw invalid(
                source,
                "array of shape \(formatShape(shape)) needs \(bytes) bytes as \(dtype), more "
                    + "than the \(limit) bytes of physical memory; load it on a machine with "
                    + "more memory")
        }
    }

    /// Copies `source`, whose shape is `result.shape` reversed, into `result` with the axis
    /// order reversed. This turns a Fortran-ordered array into a row-major one.
    static func transposeAllAxes(from source: Tensor, into result: Tensor) {
        let shape = result.shape
        let rank = shape.count
        let itemSize = result.dtype.itemSize
        // Axis k of `result` is axis rank-1-k of `source`, whose row-major stride is the
        // product of the extents of result axes 0..<k.
        var sourceStrides = [Int](repeating: 1, count: rank)
        for axis in 1..<rank { sourceStrides[axis] = sourceStrides[axis - 1] * shape[axis - 1] }
        guard result.count > 0 else { return }

        let from = source.storage.pointer + source.offset * itemSize
        let to = result.storage.pointer + result.offset * itemSize
        var index = [Int](repeating: 0, count: rank)
        var sourceOffset = 0
        for destination in 0..<result.count {
            (to + destination * itemSize).copyMemory(
                from: from + sourceOffset * itemSize, byteCount: itemSize)
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                sourceOffset += sourceStrides[axis]
                if index[axis] < shape[axis] { break }
                sourceOffset -= sourceStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }

    static func invalid(_ source: String, _ message: String) -> TensorError {
        .invalidFile(path: source, message: message)
    }
}

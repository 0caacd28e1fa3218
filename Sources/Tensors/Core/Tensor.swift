/// An n-dimensional array with reverse-mode automatic differentiation.
///
/// Tensors are references, as in PyTorch: assigning one to a second name
/// shares its storage. Storage is always row-major and contiguous; a view
/// (reshape, or a slice along the first axis) shares the block through
/// `offset`. Operations live in extensions grouped by kind (`Tensor+Arithmetic`,
/// `Tensor+Reduction`, ...); every operation throws `TensorError` on bad
/// shapes or arguments instead of trapping.
public final class Tensor {
    /// Extent of each axis; `[]` for a 0-dimensional (scalar) tensor.
    public let shape: [Int]
    /// Element type.
    public let dtype: DType
    /// Backing memory, possibly shared with other tensors.
    public let storage: Storage
    /// First element's position in `storage`, counted in elements.
    public let offset: Int
    /// Number of elements.
    public let count: Int

    /// Whether gradients flow to this tensor. Leaves with this flag set
    /// accumulate `grad` in `backward()`.
    public var requiresGrad: Bool
    /// Accumulated gradient of a leaf, with the leaf's shape.
    public var grad: Tensor?
    /// The operation that produced this tensor, when it was recorded.
    public internal(set) var gradFn: GradFn?

    /// Wraps existing storage; `shape` must fit in it from `offset` on.
    init(storage: Storage, shape: [Int], dtype: DType, offset: Int = 0) {
        self.storage = storage
        self.shape = shape
        self.dtype = dtype
        self.offset = offset
        self.count = shape.reduce(1, *)
        self.requiresGrad = false
    }

    /// Allocates a tensor of `shape`, zero-filled unless `zeroed` is false.
    public convenience init(shape: [Int], dtype: DType = .f32, zeroed: Bool = true) throws {
        let count = try Tensor.checkedCount(shape)
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.itemSize)
        if overflow {
            throw TensorError.allocationTooLarge(
                elements: count, bytes: Int.max, limit: Storage.physicalMemory)
        }
        let storage = try Storage(byteCount: bytes, elements: count, zeroed: zeroed)
        self.init(storage: storage, shape: shape, dtype: dtype)
    }

    /// A float tensor holding `values` in row-major order.
    public convenience init(_ values: [Float], shape: [Int]) throws {
        try self.init(shape: shape, zeroed: false)
        guard values.count == count else {
            throw TensorError.invalidArgument(
                op: "tensor",
                message: "\(values.count) values do not fill shape \(formatShape(shape))"
                    + " of \(count) elements")
        }
        values.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            floats.update(from: base, count: count)
        }
    }

    /// An integer tensor holding `values` in row-major order.
    public convenience init(int64 values: [Int64], shape: [Int]) throws {
        try self.init(shape: shape, dtype: .i64, zeroed: false)
        guard values.count == count else {
            throw TensorError.invalidArgument(
                op: "tensor",
                message: "\(values.count) values do not fill shape \(formatShape(shape))"
                    + " of \(count) elements")
        }
        values.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            int64s.update(from: base, count: count)
        }
    }

    /// A 0-dimensional float tensor.
    public convenience init(scalar value: Float) {
        self.init(storage: Storage(unchecked: 4), shape: [], dtype: .f32)
        floats[0] = value
    }

    /// Number of axes.
    public var rank: Int { shape.count }

    /// Float elements; valid only when `dtype == .f32`.
    public var floats: UnsafeMutablePointer<Float> {
        storage.pointer.assumingMemoryBound(to: Float.self) + offset
    }

    /// Integer elements; valid only when `dtype == .i64`.
    public var int64s: UnsafeMutablePointer<Int64> {
        storage.pointer.assumingMemoryBound(to: Int64.self) + offset
    }

    /// Mask elements (0 or 1); valid only when `dtype == .bool`.
    public var bools: UnsafeMutablePointer<UInt8> {
        storage.pointer.assumingMemoryBound(to: UInt8.self) + offset
    }

    /// Element count of `shape`, rejecting negative extents and overflow.
    static func checkedCount(_ shape: [Int]) throws -> Int {
        var count = 1
        for extent in shape {
            guard extent >= 0 else {
                throw TensorError.invalidArgument(
                    op: "shape", message: "negative extent \(extent) in \(formatShape(shape))")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            if overflow {
                throw TensorError.allocationTooLarge(
                    elements: Int.max, bytes: Int.max, limit: Storage.physicalMemory)
            }
            count = product
        }
        return count
    }
}


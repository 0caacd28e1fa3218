#if canImport(Glibc)
import Glibc
#endif

/// A reference-counted, 64-byte aligned block of memory that tensors view.
public final class Storage {
    /// Start of the block.
    public let pointer: UnsafeMutableRawPointer
    /// Size of the block in bytes.
    public let byteCount: Int

    /// Allocates `byteCount` bytes, zero-filled when `zeroed` is true.
    ///
    /// - Throws: `TensorError.allocationTooLarge` when the request exceeds the
    ///   machine's physical memory, instead of letting the kernel kill the process.
    public convenience init(byteCount: Int, elements: Int, zeroed: Bool = true) throws {
        let limit = Storage.physicalMemory
        guard byteCount >= 0, byteCount <= limit else {
            throw TensorError.allocationTooLarge(
                elements: elements, bytes: byteCount, limit: limit)
        }
        self.init(unchecked: byteCount, zeroed: zeroed)
    }

    /// Allocates a block already known to fit in memory.
    init(unchecked byteCount: Int, zeroed: Bool = true) {
        let size = max(byteCount, 64)
        pointer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        if zeroed { pointer.initializeMemory(as: UInt8.self, repeating: 0, count: size) }
        self.byteCount = byteCount
    }

    deinit { pointer.deallocate() }

    /// Bytes of physical memory, the ceiling for one allocation.
    public static let physicalMemory: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return 1 << 34 }
        return pages * size
    }()
}

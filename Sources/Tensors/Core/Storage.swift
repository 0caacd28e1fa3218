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
        guard let block = Storage.allocate(byteCount) else {
            throw TensorError.allocationFailed(elements: elements, bytes: byteCount)
        }
        self.init(block: block, byteCount: byteCount, zeroed: zeroed)
    }

    /// Allocates the 64-byte block of a scalar.
    convenience init(unchecked byteCount: Int, zeroed: Bool = true) {
        // NOTE: only exhausted process memory makes a 64-byte request fail, and no script value
        // or file causes that on its own. The non-throwing scalar initialiser then stops.
        guard let block = Storage.allocate(byteCount) else {
            fatalError("out of memory allocating \(byteCount) bytes")
        }
        self.init(block: block, byteCount: byteCount, zeroed: zeroed)
    }

    private init(block: UnsafeMutableRawPointer, byteCount: Int, zeroed: Bool) {
        pointer = block
        if zeroed { pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(byteCount, 64)) }
        self.byteCount = byteCount
    }

    deinit { free(pointer) }

    /// Returns a 64-byte aligned block of at least 64 bytes, or nil when the system refuses.
    private static func allocate(_ byteCount: Int) -> UnsafeMutableRawPointer? {
        var block: UnsafeMutableRawPointer?
        guard posix_memalign(&block, 64, max(byteCount, 64)) == 0 else { return nil }
        return block
    }

    /// Bytes of physical memory, the ceiling for one allocation.
    public static let physicalMemory: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return 1 << 34 }
        return pages * size
    }()
}

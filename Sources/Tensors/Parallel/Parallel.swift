import CBLAS
import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Work split across the machine's cores by mfs itself.
///
/// OpenBLAS runs single-threaded: the products mfs issues are small
/// (a T×T map per head, or a few thousand rows), so splitting the batch
/// across threads outside BLAS avoids both oversubscription and BLAS's
/// per-call thread start-up.
public enum Parallel {
    /// Threads used by parallel kernels: `MFS_THREADS` if set, else the core count.
    public static let threads: Int = {
        if let raw = getenv("MFS_THREADS"), let value = Int(String(cString: raw)), value > 0 {
            return value
        }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }()

    private static let configureBLAS: Void = { openblas_set_num_threads(1) }()

    private static let sliceKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// True on a thread that runs one slice of a split `forEachSlice`, where
    /// work must not split again.
    public static var isInsideSlice: Bool { pthread_getspecific(sliceKey) != nil }

    /// Runs `body(slice, range)` over `count` items split into contiguous
    /// ranges, one per thread; the first error thrown is rethrown.
    public static func forEachSlice(
        _ count: Int, minimumPerSlice: Int = 1, _ body: (Int, Range<Int>) throws -> Void
    ) throws {
        _ = configureBLAS
        let slices = max(1, min(threads, count / max(minimumPerSlice, 1)))
        guard slices > 1 else {
            try body(0, 0..<count)
            return
        }
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let start = count * slice / slices, end = count * (slice + 1) / slices
            let previous = pthread_getspecific(sliceKey)
            pthread_setspecific(sliceKey, UnsafeRawPointer(bitPattern: 1))
            defer { pthread_setspecific(sliceKey, previous) }
            do { try body(slice, start..<end) } catch { errors.store(error) }
        }
        if let error = errors.first { throw error }
    }

    /// Makes OpenBLAS single-threaded; called before the first product.
    public static func configure() { _ = configureBLAS }
}

/// The first error thrown by any slice of a parallel loop.
private final class ErrorBox: @unchecked Sendable {
    private var lock = pthread_mutex_t()
    private(set) var first: Error?

    init() { pthread_mutex_init(&lock, nil) }
    deinit { pthread_mutex_destroy(&lock) }

    func store(_ error: Error) {
        pthread_mutex_lock(&lock)
        if first == nil { first = error }
        pthread_mutex_unlock(&lock)
    }
}

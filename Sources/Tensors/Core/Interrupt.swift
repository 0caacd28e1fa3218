/// A flag that a SIGINT handler sets and long operations poll, so Ctrl-C
/// stops training, ODE solves and large kernels at the next safe point.
public enum Interrupt {
    private static let flag: UnsafeMutablePointer<Int32> = {
        let pointer = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return pointer
    }()

    /// Marks an interrupt; safe to call from a signal handler.
    public static func raise() { flag.pointee = 1 }

    /// Clears a pending interrupt.
    public static func clear() { flag.pointee = 0 }

    /// Whether an interrupt is pending.
    public static var isPending: Bool { flag.pointee != 0 }

    /// Throws `TensorError.interrupted` when an interrupt is pending.
    public static func check() throws {
        if flag.pointee != 0 { throw TensorError.interrupted }
    }
}

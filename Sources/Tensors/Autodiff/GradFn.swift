#if canImport(Glibc)
import Glibc
#endif

/// The record of one differentiable operation on the tape.
///
/// `backward` receives the gradient of the loss with respect to the
/// operation's output (`gradOutput`) and returns one gradient per input, in
/// the order of `inputs`, each with that input's shape (or nil where the
/// input needs none). It runs with gradient recording off.
public final class GradFn {
    /// Operation name, shown when a graph is inspected or a gradient fails.
    public let name: String
    /// Tensors the operation read; empty once a backward pass has released the record.
    public private(set) var inputs: [Tensor]
    /// The gradient function; nil once a backward pass has released the record.
    private(set) var backward: ((Tensor) throws -> [Tensor?])?

    init(name: String, inputs: [Tensor], backward: @escaping (Tensor) throws -> [Tensor?]) {
        self.name = name
        self.inputs = inputs
        self.backward = backward
    }

    /// True after a backward pass without `retainGraph` went through this record.
    public var isReleased: Bool { backward == nil }

    /// Drops the inputs and the values the gradient function saved, so the graph's
    /// intermediate tensors are freed as the backward pass moves past them.
    func release() {
        inputs = []
        backward = nil
    }
}

/// Whether operations record themselves for `backward()`.
///
/// The flag is per thread, so a no-grad scope on one thread (an evaluation,
/// a data loader) never stops recording on another.
public enum GradMode {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// False inside `withNoGrad` on the calling thread.
    public static var isEnabled: Bool {
        pthread_getspecific(key) == nil
    }

    /// Runs `body` without recording any operation, as `torch.no_grad()`.
    public static func withNoGrad<Result>(_ body: () throws -> Result) rethrows -> Result {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(key, previous) }
        return try body()
    }
}

extension Tensor {
    /// Whether an operation on `inputs` must be recorded.
    static func needsGrad(_ inputs: [Tensor]) -> Bool {
        GradMode.isEnabled && inputs.contains { $0.requiresGrad }
    }

    /// Marks `self` as produced by `name` from `inputs`, when recording is on
    /// and an input requires a gradient. Returns `self` for chaining.
    @discardableResult
    func recorded(
        _ name: String, _ inputs: [Tensor], backward: @escaping (Tensor) throws -> [Tensor?]
    ) -> Tensor {
        guard Tensor.needsGrad(inputs) else { return self }
        requiresGrad = true
        gradFn = GradFn(name: name, inputs: inputs, backward: backward)
        return self
    }

    /// Records `self` as the output of a custom differentiable operation.
    ///
    /// Fused kernels outside this module use it: `backward` receives the
    /// gradient of the output and returns one gradient per input (nil where an
    /// input needs none), each with that input's shape. Nothing is recorded
    /// when gradients are off or no input requires one.
    @discardableResult
    public func recordingGradient(
        name: String, inputs: [Tensor], backward: @escaping (Tensor) throws -> [Tensor?]
    ) -> Tensor {
        recorded(name, inputs, backward: backward)
    }

    /// Whether this tensor is a leaf: created by the user rather than by a recorded op.
    public var isLeaf: Bool { gradFn == nil }

    /// Sets `requiresGrad` and returns `self`, as `tensor.requires_grad_()`.
    @discardableResult
    public func requiringGrad(_ flag: Bool = true) throws -> Tensor {
        guard !flag || dtype == .f32 else {
            throw TensorError.unsupportedDType(
                op: "requires_grad", dtype: dtype, expected: "f32 (only floats have gradients)")
        }
        requiresGrad = flag
        return self
    }

    /// Clears the accumulated gradient.
    public func zeroGrad() { grad = nil }
}

import Tensors

/// Runs `body` and turns an error from a library target into a script runtime error with
/// the same message, so the interpreter can add the source location and call stack.
/// `TensorError.interrupted` becomes the interrupt that Ctrl-C raises in scripts, or the
/// timeout when the `--timeout` clock raised it.
@inline(__always)
public func translatingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as Diagnostic {
        throw error
    } catch TensorError.interrupted {
        // The timeout clock raises the same flag as Ctrl-C, so the stop request decides which.
        if StopFlag.request == .timeout { try StopFlag.raise() }
        throw Diagnostic("interrupted", kind: .interrupted)
    } catch let error as CustomStringConvertible {
        throw Diagnostic.runtime(error.description)
    } catch {
        throw Diagnostic.runtime(String(describing: error))
    }
}

import Foundation
import Tensors
import Synchronization

/// Why a run is being stopped from outside: Ctrl-C or the `--timeout` clock.
public enum StopRequest: Int {
    case none = 0, interrupt = 1, timeout = 2
}

/// Stop requests set by the SIGINT handler or the timeout thread, and read by running
/// scripts at loop back-edges and calls.
public enum StopFlag {
    static let state = Atomic<Int>(0)
    nonisolated(unsafe) static var timeoutSeconds: Double = 0

    public static var request: StopRequest {
        StopRequest(rawValue: state.load(ordering: .relaxed)) ?? .none
    }

    public static func set(_ request: StopRequest) {
        state.store(request.rawValue, ordering: .relaxed)
    }

    @inline(__always)
    static func check() throws {
        if state.load(ordering: .relaxed) != 0 { try raise() }
    }

    static var isRequested: Bool { state.load(ordering: .relaxed) != 0 }

    /// Throws the stop error, pointing at the loop or call that noticed it.
    static func raise(at range: SourceRange) throws {
        do {
            try raise()
        } catch var error as Diagnostic {
            error.locate(range)
            throw error
        }
    }

    static func raise() throws {
        switch request {
        case .interrupt: throw Diagnostic("interrupted", kind: .interrupted)
        case .timeout:
            let seconds = Value.formatNumber(timeoutSeconds)
            throw Diagnostic("timed out after \(seconds) seconds", kind: .timedOut)
        case .none: return
        }
    }

    /// Starts a thread that requests a stop after `seconds`.
    public static func startTimer(seconds: Double) {
        timeoutSeconds = seconds
        let thread = Thread {
            Thread.sleep(forTimeInterval: seconds)
            state.store(StopRequest.timeout.rawValue, ordering: .relaxed)
            // Native loops (training, ODE solves, kernels) poll the tensor-level flag.
            Interrupt.raise()
        }
        thread.start()
    }
}

/// State shared by all code of one run: output, script arguments, loaded files and the
/// builtin registry.
public final class Runtime {
    /// The deepest nesting of script function calls before the run stops with an error.
    public static let maxCallDepth = 100_000

    public let registry: BuiltinRegistry
    /// Receives everything the script prints.
    public var output: (String) -> Void
    /// Receives warnings; the command line sends them to stderr.
    public var warning: (String) -> Void
    /// The strings after `--` on the command line, which scripts read as `args`.
    public var arguments: [String] = []
    var callDepth = 0
    var modules: [String: Module] = [:]

    public init(
        registry: BuiltinRegistry = .standard, output: @escaping (String) -> Void = { print($0, terminator: "") },
        warning: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.registry = registry
        self.output = output
        self.warning = warning
    }

    /// Calls a script or builtin function from Swift, for builtins such as `map` and `sorted`.
    public func call(_ callee: Value, _ positional: [Value], keywords: [(label: String, value: Value)] = [])
        throws -> Value
    {
        let arguments = CallArguments(positional: positional, keywords: keywords, runtime: self)
        switch callee {
        case .function(let function):
            return try function.call(arguments)
        case .host(let object):
            if let result = try object.call(arguments) { return result }
        default: break
        }
        throw Diagnostic.runtime("\(callee.typeName) is not callable")
    }
}

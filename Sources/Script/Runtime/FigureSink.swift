import Foundation

/// Receives every figure a script saves, so the notebook writer can show it inline.
/// Plotting bindings report through `Runtime.figureSaved(path:svg:)` after writing the file.
public protocol FigureSink: AnyObject {
    func figureSaved(path: String, svg: String)
}

/// The sink installed for the work in progress; figures saved when none is set go nowhere.
public enum FigureCapture {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var sink: FigureSink?

    /// Runs `body` with `sink` receiving the figures saved meanwhile, from any thread.
    public static func withSink<T>(_ sink: FigureSink, _ body: () throws -> T) rethrows -> T {
        lock.lock()
        let previous = self.sink
        self.sink = sink
        lock.unlock()
        defer {
            lock.lock()
            self.sink = previous
            lock.unlock()
        }
        return try body()
    }

    static var current: FigureSink? {
        lock.lock()
        defer { lock.unlock() }
        return sink
    }
}

extension Runtime {
    /// Reports a figure written to `path` with its SVG text; call it after saving.
    public func figureSaved(path: String, svg: String) {
        FigureCapture.current?.figureSaved(path: path, svg: svg)
    }
}

import Foundation
import Script
import Synchronization
import Tensors

/// Ctrl-C while a command runs: the SIGINT handler asks the interpreter (at its next loop
/// or call) and the tensor core (at its next poll) to stop. A third Ctrl-C before the
/// command ends exits at once, for work that never polls.
enum InterruptHandling {
    static let presses = Atomic<Int>(0)
    /// Whether the first Ctrl-C writes a line break, so the message after the terminal's
    /// `^C` echo starts on its own line.
    nonisolated(unsafe) static var breaksLine = false

    /// Installs the handler without `SA_RESTART`, so a blocking read of the next line
    /// returns `EINTR` and the line reader can drop the half-typed line.
    static func install() {
        presses.store(0, ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            let count = InterruptHandling.presses.add(1, ordering: .relaxed).newValue
            if count == 1 && InterruptHandling.breaksLine {
                var newline: UInt8 = 10
                _ = write(STDERR_FILENO, &newline, 1)
            }
            StopFlag.set(.interrupt)
            Interrupt.raise()
            if count >= 3 { _exit(ExitStatus.interrupted) }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Clears a stop request left from the previous input.
    static func clear() {
        presses.store(0, ordering: .relaxed)
        StopFlag.set(.none)
        Interrupt.clear()
    }

    static var isPending: Bool {
        presses.load(ordering: .relaxed) > 0 || StopFlag.request == .interrupt || Interrupt.isPending
    }
}

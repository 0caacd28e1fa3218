import Foundation
import Script

// NOTE: the REPL (`mfs`, `mfs repl`) is not built yet; both print a notice and exit 2.

let arguments = Array(CommandLine.arguments.dropFirst())
exit(Command.main(arguments))

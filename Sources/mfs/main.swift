import Foundation
import Script

let arguments = Array(CommandLine.arguments.dropFirst())
exit(Command.main(arguments))

import Foundation
import Tensors

extension BuiltinRegistry {
    /// Registers builtins that read and write whole text files.
    func registerFileBuiltins() {
        add(
            "save_text", "core", Signature([ParameterSpec("path", .string), ParameterSpec("text", .string)]),
            "Write the text to a file, creating missing folders; an `.svg` file counts as a figure"
        ) { args in
            let path = try args.string(0)
            let text = try args.string(1)
            let url = URL(fileURLWithPath: path)
            let target = WriteTarget(path)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: target.path), options: target.atomic ? .atomic : [])
            } catch {
                throw Diagnostic.runtime("cannot write '\(path)': \(error.localizedDescription)")
            }
            if url.pathExtension.lowercased() == "svg" { args.runtime.figureSaved(path: path, svg: text) }
            return .none
        }
        add("load_text", "core", Signature([ParameterSpec("path", .string)]), "The contents of a UTF-8 text file") { args in
            let path = try args.string(0)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Diagnostic.runtime("cannot read '\(path)': file not found or not readable")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw Diagnostic.runtime("cannot read '\(path)': not valid UTF-8 text")
            }
            return .string(text)
        }
    }
}

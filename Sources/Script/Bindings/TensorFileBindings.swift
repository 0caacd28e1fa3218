import Tensors

// Reading and writing tensors as safetensors and npy files. Paths resolve against the
// working directory, and saving creates missing folders.

extension BuiltinRegistry {
    func registerTensorFiles() {
        bind("load_safetensors", "data", Signature([ParameterSpec("path", .string)]),
            "A dict name -> tensor of a safetensors file, in file order") { args in
            let file = try SafeTensors.read(path: try args.string(0))
            return try Value.tensorDict(file.tensors)
        }
        bind("load_safetensors_metadata", "data", Signature([ParameterSpec("path", .string)]),
            "The string metadata of a safetensors file as a dict") { args in
            let file = try SafeTensors.read(path: try args.string(0))
            let dict = DictValue()
            for key in file.metadata.keys.sorted() { try dict.set(.string(key), .string(file.metadata[key] ?? "")) }
            return .dict(dict)
        }
        bind("save_safetensors", "data",
            Signature([ParameterSpec("tensors", .dict), ParameterSpec("path", .string)],
                keywords: [ParameterSpec("metadata", .dict, default: Value.none)]),
            "Writes a dict name -> tensor as safetensors, with optional string metadata") { args in
            guard case .dict(let dict) = args[0] else { throw args.typeError(0, expected: "a dict") }
            var entries: [(name: String, tensor: Tensor)] = []
            for (key, value) in zip(dict.keys, dict.values) {
                guard case .string(let name) = key else {
                    throw Diagnostic.runtime("save_safetensors: keys must be strings, got \(key.typeName)")
                }
                entries.append((name, try value.toTensor("tensors[\"\(name)\"]").detached()))
            }
            let path = try args.string(1)
            try BuiltinRegistry.createParentFolder(path)
            try SafeTensors.write(entries, metadata: try BuiltinRegistry.metadata(args, 2), to: path)
            return .none
        }
        bind("load_npy", "data", Signature([ParameterSpec("path", .string)]), "A tensor read from an .npy file") {
            args in .tensor(try Npy.read(path: try args.string(0)))
        }
        bind("save_npy", "data", Signature([ParameterSpec("x", .tensor), ParameterSpec("path", .string)]),
            "Writes a tensor as an .npy file") { args in
            let path = try args.string(1)
            try BuiltinRegistry.createParentFolder(path)
            try Npy.write(try args.tensor(0).detached(), to: path)
            return .none
        }
    }

    private static func metadata(_ args: Arguments, _ position: Int) throws -> [String: String] {
        guard case .dict(let dict) = args[position] else { return [:] }
        var result: [String: String] = [:]
        for (key, value) in zip(dict.keys, dict.values) {
            guard case .string(let name) = key else {
                throw Diagnostic.runtime("metadata keys must be strings, got \(key.typeName)")
            }
            guard case .string(let text) = value else {
                throw Diagnostic.runtime("metadata[\"\(name)\"] must be a string, got \(value.typeName)")
            }
            result[name] = text
        }
        return result
    }
}

import Datasets
import Foundation
import Tensors

extension BuiltinRegistry {
    /// Registers datasets, loaders, audio IO, mel features and CSV reading.
    func registerDatasetBindings() {
        registerDatasetBuilders()
        registerLoader()
        registerAudioBindings()
        registerCSV()
    }

    private func registerDatasetBuilders() {
        addBinding(
            "chords", "data",
            Signature(
                [ParameterSpec("samples", .integer)],
                keywords: [
                    ParameterSpec("seq", .integer, default: .number(128)),
                    ParameterSpec("channels", .integer, default: .number(64)),
                    ParameterSpec("seed", .integer, default: .number(0)),
                    ParameterSpec("next_step", .bool, default: .bool(false)),
                ]),
            "Synthetic chords [samples, seq, channels]: three sines per sample plus noise; "
                + "next_step pairs x[:-1] with the clean y[1:]"
        ) { args in
            let data = try chords(
                samples: try args.integer(0), seq: try args.integer(1), channels: try args.integer(2),
                seed: try args.seed(3), nextStep: args[4].isTruthy)
            return .host(DatasetObject(data))
        }
        let folderOptions = [
            ParameterSpec("rate", .integer, default: .number(22050)),
            ParameterSpec("seq", .integer, default: .number(200)),
            ParameterSpec("n_mels", .integer, default: .number(64)),
            ParameterSpec("split", .string, default: .string("all")),
            ParameterSpec("fractions", .list, default: .list([.number(0.7), .number(0.15), .number(0.15)])),
            ParameterSpec("seed", .integer, default: .number(0)),
            ParameterSpec("cache", .string, default: Value.none),
            ParameterSpec("split_file", .string, default: Value.none),
        ]
        for name in ["audio_folder", "gtzan"] {
            addBinding(
                name, "data", Signature([ParameterSpec("root", .string)], keywords: folderOptions),
                name == "gtzan"
                    ? "GTZAN-layout folder root/<genre>/<clip> as mel crops (x, y, label); split_file lists files per split"
                    : "Audio clips in root/<label>/<file> as standardised mel crops (x, y, label) of seq frames"
            ) { args in .host(DatasetObject(try BuiltinRegistry.audioFolder(args))) }
        }
        addBinding(
            "eeg_windows", "data",
            Signature(
                [ParameterSpec("path", .string)],
                keywords: [
                    ParameterSpec("window", .integer),
                    ParameterSpec("stride", .integer, default: Value.none),
                    ParameterSpec("channels", .list, default: Value.none),
                    ParameterSpec("labels", .list, default: Value.none),
                    ParameterSpec("reject", .list, default: .list(ListValue([]))),
                    ParameterSpec("split", .string, default: .string("all")),
                    ParameterSpec("fractions", default: .list(ListValue([.number(0.8), .number(0.1), .number(0.1)]))),
                    ParameterSpec("standardize", .bool, default: .bool(false)),
                ]),
            "Fixed-length windows [window, channels] of an EDF/BDF recording, labelled by annotations "
                + "(labels: [] keeps every window); reject: leaves out windows overlapping annotations with "
                + "those prefixes; split: cuts the windows in time order by fractions:; "
                + "standardize: scales each channel by the train windows' mean and std"
        ) { args in
            let file = try EDFFile(path: try args.string(0))
            if let first = file.annotationWarnings.first {
                let more = file.annotationWarnings.count - 1
                args.runtime.warning(
                    "warning: skipped \(file.annotationWarnings.count) malformed annotation list"
                        + "\(more > 0 ? "s" : ""); the first: \(first)\n")
            }
            let channels = try BuiltinRegistry.optionalStrings(args, 3, "channel name")
            let labels = try BuiltinRegistry.optionalStrings(args, 4, "label")
            let reject = try BuiltinRegistry.optionalStrings(args, 5, "annotation prefix") ?? []
            let windows = try EEGWindows(
                file: file, channels: channels, window: try args.integer(1),
                stride: try args.optionalInteger(2), labels: labels, reject: reject,
                split: try BuiltinRegistry.split(args, 6),
                fractions: try args[7].doubles("argument 'fractions' of eeg_windows"),
                standardize: try args.bool(8))
            if windows.count == 0 {
                let hint: String
                if windows.length < windows.window {
                    hint = "the recording has \(windows.length) samples per channel, fewer than window: \(windows.window)"
                } else if windows.labels.isEmpty {
                    hint = "reject: or the split left out every window"
                } else {
                    hint = "only windows that annotations with a duration cover are kept; pass labels: [] to keep every window"
                }
                args.runtime.warning("warning: eeg_windows of \(file.path) has no windows: \(hint)\n")
            }
            return .host(DatasetObject(windows))
        }
        addBinding(
            "batch", "data", Signature([ParameterSpec("start", .integer), ParameterSpec("count", .integer)]),
            receiver: "Dataset", "Inputs x of records start..<start+count stacked into [count, T, C]"
        ) { args in
            guard case .host(let object) = args.receiver, let data = object as? DatasetObject else {
                throw Diagnostic.runtime("batch must be called on a dataset")
            }
            return .tensor(try data.dataset.batch(try args.integer(0), try args.integer(1)))
        }
    }

    static func split(_ args: Arguments, _ position: Int) throws -> DataSplit {
        let name = try args.string(position)
        guard let split = DataSplit(rawValue: name) else {
            throw Diagnostic.runtime(
                "argument 'split' of \(args.functionName) must be \"all\", \"train\", \"val\" or \"test\", "
                    + "got \"\(name)\"")
        }
        return split
    }

    static func optionalStrings(_ args: Arguments, _ position: Int, _ what: String) throws -> [String]? {
        guard case .list(let list) = args[position] else { return nil }
        return try list.items.map { try $0.requireString(what) }
    }

    static func audioFolder(_ args: Arguments) throws -> AudioFolder {
        let split = try BuiltinRegistry.split(args, 4)
        let fractions = try args[5].doubles("argument 'fractions' of \(args.functionName)")
        let runtime = args.runtime
        return try AudioFolder(
            root: try args.string(0), rate: try args.integer(1), seq: try args.integer(2),
            nMels: try args.integer(3), split: split, fractions: fractions, seed: try args.seed(6),
            splitFile: try args.optionalString(8), cache: try args.optionalString(7),
            warn: { runtime.warning("warning: \($0)\n") })
    }

    private func registerLoader() {
        addBinding(
            "loader", "data",
            Signature(
                [ParameterSpec("data", .host("Dataset"))],
                keywords: [
                    ParameterSpec("batch", .integer, default: .number(32)),
                    ParameterSpec("shuffle", .bool, default: .bool(false)),
                    ParameterSpec("seed", .integer, default: .number(0)),
                    ParameterSpec("drop_last", .bool, default: .bool(false)),
                ]),
            "Batches of a dataset as records (x, y) or (x, y, label); each loop is one epoch"
        ) { args in
            let loader = try DataLoader(
                try args.dataset(0), batchSize: try args.integer(1), shuffle: args[2].isTruthy,
                seed: try args.seed(3), dropLast: args[4].isTruthy)
            return .host(LoaderObject(loader))
        }
    }
}

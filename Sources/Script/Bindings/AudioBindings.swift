import Datasets
import Foundation
import Tensors

extension BuiltinRegistry {
    func registerAudioBindings() {
        addBinding(
            "load_audio", "data",
            Signature([ParameterSpec("path", .string)], keywords: [ParameterSpec("mono", .bool, default: .bool(true))]),
            "Decode an audio file to a record (wave, rate); wave is [frames], or [channels, frames] with mono: false"
        ) { args in
            let (wave, rate) = try loadAudio(try args.string(0), mono: args[1].isTruthy)
            return .record(RecordValue(labels: ["wave", "rate"], values: [.tensor(wave), .number(Double(rate))]))
        }
        addBinding(
            "save_audio", "data",
            Signature([ParameterSpec("wave", .tensor), ParameterSpec("path", .string)],
                      keywords: [ParameterSpec("rate", .integer, default: .number(22050))]),
            "Write a wave [frames] or [channels, frames] in the format of the path's extension (wav, flac, ogg, au, aiff)"
        ) { args in
            try saveAudio(try args.tensor(0), try args.string(1), rate: try args.integer(2))
            return .none
        }
        addBinding(
            "resample", "data",
            Signature([ParameterSpec("wave", .tensor)],
                      keywords: [ParameterSpec("from", .integer), ParameterSpec("to", .integer)]),
            "Resample a wave from one sample rate (Hz) to another"
        ) { args in
            .tensor(try resample(try args.tensor(0), from: try args.integer(1), to: try args.integer(2)))
        }
        registerMelBinding()
        registerMelToAudio()
        addBinding(
            "to_db", "data",
            Signature([ParameterSpec("spec", .tensor)], keywords: [ParameterSpec("top_db", .number, default: Value.none)]),
            "Power to decibels, 10·log10(max(S, 1e-10)); top_db clips each clip to its maximum minus top_db"
        ) { args in
            .tensor(try toDB(try args.tensor(0), topDB: try args.optionalNumber(1)))
        }
    }

    private func registerMelBinding() {
        addBinding(
            "mel_spectrogram", "data",
            Signature(
                [ParameterSpec("wave", .tensor)],
                keywords: [
                    ParameterSpec("sample_rate", .integer, default: .number(22050)),
                    ParameterSpec("n_fft", .integer, default: .number(400)),
                    ParameterSpec("win_length", .integer, default: Value.none),
                    ParameterSpec("hop_length", .integer, default: .number(200)),
                    ParameterSpec("f_min", .number, default: .number(0)),
                    ParameterSpec("f_max", .number, default: Value.none),
                    ParameterSpec("n_mels", .integer, default: .number(64)),
                    ParameterSpec("power", .number, default: .number(2)),
                    ParameterSpec("mel_scale", .string, default: .string("htk")),
                    ParameterSpec("norm", .string, default: Value.none),
                    ParameterSpec("center", .bool, default: .bool(true)),
                ]),
            "Mel power spectrogram [n_mels, frames] (or [B, n_mels, frames]) with torchaudio's defaults"
        ) { args in
            let scaleName = try args.string(9)
            guard let scale = MelScale(rawValue: scaleName) else {
                throw Diagnostic.runtime("argument 'mel_scale' of mel_spectrogram must be \"htk\" or \"slaney\", got \"\(scaleName)\"")
            }
            var norm: MelNorm?
            if let name = try args.optionalString(10) {
                guard let parsed = MelNorm(rawValue: name) else {
                    throw Diagnostic.runtime("argument 'norm' of mel_spectrogram must be none or \"slaney\", got \"\(name)\"")
                }
                norm = parsed
            }
            let runtime = args.runtime
            let spec = try melSpectrogram(
                try args.tensor(0), sampleRate: try args.integer(1), nFFT: try args.integer(2),
                winLength: try args.optionalInteger(3), hopLength: try args.integer(4), fMin: try args.number(5),
                fMax: try args.optionalNumber(6), nMels: try args.integer(7), power: try args.number(8),
                melScale: scale, norm: norm, center: args[11].isTruthy,
                warn: { runtime.warning("warning: \($0)\n") })
            return .tensor(spec)
        }
    }

    func registerCSV() {
        addBinding(
            "load_csv", "data", Signature([ParameterSpec("path", .string)]),
            "Read a CSV file with a header row into a dict from column name to a list of its cells; "
                + "numeric cells become numbers, empty cells none"
        ) { args in
            let path = try args.string(0)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw Diagnostic.runtime("\(path): file not found or not UTF-8 text")
            }
            return .dict(try CSVTable.parse(text, source: path))
        }
    }
}

/// Comma-separated text with a header row, without quoting (the format `fit` writes).
enum CSVTable {
    static func parse(_ text: String, source: String) throws -> DictValue {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first else {
            throw Diagnostic.runtime("\(source): the file is empty; expected a header row")
        }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var columns = [[Value]](repeating: [], count: names.count)
        for (number, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == names.count else {
                throw Diagnostic.runtime(
                    "\(source):\(number + 2): expected \(names.count) cells, got \(cells.count)")
            }
            for (index, cell) in cells.enumerated() {
                let trimmed = cell.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty {
                    columns[index].append(.none)
                } else if let value = Double(trimmed) {
                    columns[index].append(.number(value))
                } else {
                    columns[index].append(.string(trimmed))
                }
            }
        }
        let table = DictValue()
        for (name, column) in zip(names, columns) { try table.set(.string(name), .list(column)) }
        return table
    }
}

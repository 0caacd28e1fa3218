import Datasets
import Tensors

extension BuiltinRegistry {
    /// `mel_to_audio`: Griffin-Lim inversion of a mel power spectrogram, so imputed or
    /// reconstructed features can be listened to.
    func registerMelToAudio() {
        addBinding(
            "mel_to_audio", "data",
            Signature(
                [ParameterSpec("mel", .tensor)],
                keywords: [
                    ParameterSpec("sample_rate", .integer, default: .number(22050)),
                    ParameterSpec("n_fft", .integer, default: .number(400)),
                    ParameterSpec("hop_length", .integer, default: .number(200)),
                    ParameterSpec("iterations", .integer, default: .number(32)),
                    ParameterSpec("length", .integer, default: Value.none),
                    ParameterSpec("seed", .integer, default: .number(0)),
                ]),
            "Audio [frames] from a mel power spectrogram [n_mels, frames]: least-squares inverse of the "
                + "filterbank, then Griffin-Lim phase recovery"
        ) { args in
            let mel = try args.tensor(0)
            guard mel.rank == 2 else {
                throw Diagnostic.runtime(
                    "mel_to_audio needs a mel spectrogram [n_mels, frames], got shape \(formatShape(mel.shape))")
            }
            var options = MelOptions()
            options.sampleRate = try args.integer(1)
            options.nFFT = try args.integer(2)
            options.hopLength = try args.integer(3)
            options.nMels = mel.shape[0]
            let wave = try melToAudio(
                mel, options: options, iterations: try args.integer(4), length: try args.optionalInteger(5),
                seed: UInt64(max(0, try args.integer(6))))
            return .tensor(wave)
        }
    }
}

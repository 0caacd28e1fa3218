import Datasets
import Tensors

/// Times mel features of a 30 s clip at 22.05 kHz (n_fft 400, hop 200, 64 mels)
/// followed by dB conversion, as the torchaudio reference does.
enum MelBenchmark {
    static func run() throws {
        let wave = try Tensor.randn([1, 22050 * 30], stream: RandomStream(seed: 0))
        let transform = try MelSpectrogram(MelOptions())
        let timing = try Timing.measure(warmup: 3, runs: 20) { _ = try toDB(transform(wave)) }
        print(timing.line("mel.30s_clip n_fft=400 hop=200 n_mels=64"))
    }
}

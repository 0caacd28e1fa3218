import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Framing, windowing and FFTs shared by the spectrogram and its inverse.
///
/// Conventions follow `torch.stft`. The window is a periodic Hann window of
/// `winLength` samples, zero-padded on both sides to `nFFT`. With `center`,
/// the signal gets nFFT/2 samples of reflection on each side, so frame t is
/// centred on sample t·hop. Frames = 1 + (padded length − nFFT) / hop.
final class ShortTimeFourier {
    let nFFT: Int
    let hopLength: Int
    let center: Bool
    let fft: RealFFT
    /// The window, `nFFT` values.
    let window: [Float]

    var bins: Int { fft.bins }

    init(nFFT: Int, winLength: Int, hopLength: Int, center: Bool) {
        self.nFFT = nFFT
        self.hopLength = hopLength
        self.center = center
        fft = RealFFT(count: nFFT)
        var values = [Float](repeating: 0, count: nFFT)
        let left = (nFFT - winLength) / 2
        for i in 0..<winLength {
            values[left + i] = Float(0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(winLength)))
        }
        window = values
    }

    /// Checks that a clip of `samples` can be framed; the error names the option to change.
    func validate(samples: Int) throws {
        if center {
            guard samples > nFFT / 2 else {
                throw DatasetError.invalidOption(
                    name: "center",
                    message: "reflection padding of n_fft/2 = \(nFFT / 2) samples needs a clip "
                        + "longer than \(nFFT / 2) samples, got \(samples); "
                        + "use a longer clip, a smaller n_fft or zero-pad the clip first")
            }
        } else {
            guard samples >= nFFT else {
                throw DatasetError.invalidOption(
                    name: "n_fft",
                    message: "n_fft \(nFFT) is longer than the clip of \(samples) samples "
                        + "with center off; use n_fft <= \(samples) or center: true")
            }
        }
    }

    func frameCount(samples: Int) -> Int {
        let (padded, overflow) = samples.addingReportingOverflow(center ? 2 * (nFFT / 2) : 0)
        guard !overflow else { return 1 + (samples - nFFT + 2 * (nFFT / 2)) / hopLength }
        return padded < nFFT ? 0 : 1 + (padded - nFFT) / hopLength
    }

    /// Returns the signal with centre padding by reflection (no edge repeat, as numpy's "reflect").
    func padded(_ wave: UnsafePointer<Float>, count: Int) -> [Float] {
        let pad = center ? nFFT / 2 : 0
        return [Float](unsafeUninitializedCapacity: count + 2 * pad) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            for i in 0..<pad {
                base[pad - 1 - i] = wave[i + 1]
                base[pad + count + i] = wave[count - 2 - i]
            }
            (base + pad).initialize(from: wave, count: count)
            initialized = count + 2 * pad
        }
    }

    /// Runs `body(frame, re, im)` for every frame's spectrum, in parallel
    /// chunks of frames, each chunk with its own scratch memory.
    func forEachSpectrum(
        of signal: [Float], frames: Int,
        _ body: (Int, UnsafePointer<Float>, UnsafePointer<Float>) -> Void
    ) {
        let chunks = min(frames, 16)
        guard chunks > 0 else { return }
        signal.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let workspace = fft.makeWorkspace()
                let frame = UnsafeMutablePointer<Float>.allocate(capacity: nFFT + 2 * bins)
                defer { frame.deallocate() }
                let re = frame + nFFT
                let im = re + bins
                let start = frames * chunk / chunks
                let end = frames * (chunk + 1) / chunks
                for t in start..<end {
                    let at = base + t * hopLength
                    for i in 0..<nFFT { frame[i] = at[i] * window[i] }
                    fft.forward(frame, re: re, im: im, workspace: workspace)
                    body(t, re, im)
                }
            }
        }
    }

    /// Writes every frame's magnitudes raised to `power` into `output`
    /// ([frames, bins], row-major).
    func powerFrames(
        _ wave: UnsafePointer<Float>, count: Int, power: Float,
        into output: UnsafeMutablePointer<Float>
    ) {
        let bins = self.bins
        forEachPowerGroup(wave, count: count, power: power) { first, present, spectra in
            for k in 0..<bins {
                let values = SIMD8<Float>.load(spectra, k)
                for lane in 0..<present { output[(first + lane) * bins + k] = values[lane] }
            }
        }
    }

    /// Computes |X|^power of every frame and passes groups of 8 frames to `body`.
    ///
    /// `body(first, present, spectra)` receives the group's first frame index,
    /// its number of real frames (8, except possibly the last group) and
    /// `bins` `SIMD8<Float>` lanes where lane l belongs to frame first + l.
    /// Frames go through the FFT as those lanes, and chunks of groups run in
    /// parallel, so `body` must write only to places owned by its frames.
    func forEachPowerGroup(
        _ wave: UnsafePointer<Float>, count: Int, power: Float,
        _ body: (Int, Int, UnsafeMutablePointer<Float>) -> Void
    ) {
        let signal = padded(wave, count: count)
        let frames = frameCount(samples: count)
        let groups = (frames + 7) / 8
        let chunks = min(groups, 16)
        guard chunks > 0 else { return }
        signal.withUnsafeBufferPointer { source in
            window.withUnsafeBufferPointer { windowValues in
                guard let base = source.baseAddress, let taper = windowValues.baseAddress else {
                    return
                }
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = groups * chunk / chunks
                    let end = groups * (chunk + 1) / chunks
                    powerGroups(
                        start..<end, signal: base, window: taper, frames: frames, power: power,
                        body)
                }
            }
        }
    }

    private func powerGroups(
        _ groups: Range<Int>, signal: UnsafePointer<Float>, window: UnsafePointer<Float>,
        frames: Int, power: Float, _ body: (Int, Int, UnsafeMutablePointer<Float>) -> Void
    ) {
        let lanes = 8
        let workspace = fft.makeWorkspace(SIMD8<Float>.self)
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: lanes * (nFFT + 2 * bins))
        defer { buffer.deallocate() }
        let frame = buffer
        let re = buffer + lanes * nFFT
        let im = re + lanes * bins
        for group in groups {
            let first = group * lanes
            let present = min(lanes, frames - first)
            // Missing frames of the last group repeat its first frame and are discarded.
            func start(_ lane: Int) -> UnsafePointer<Float> {
                signal + (lane < present ? first + lane : first) * hopLength
            }
            let (s0, s1, s2, s3) = (start(0), start(1), start(2), start(3))
            let (s4, s5, s6, s7) = (start(4), start(5), start(6), start(7))
            for i in 0..<nFFT {
                let gathered = SIMD8<Float>(s0[i], s1[i], s2[i], s3[i], s4[i], s5[i], s6[i], s7[i])
                (gathered * window[i]).store(frame, i)
            }
            fft.forward(SIMD8<Float>.self, frame, re: re, im: im, workspace: workspace)
            for k in 0..<bins {
                let (r, i) = (SIMD8<Float>.load(re, k), SIMD8<Float>.load(im, k))
                var values = r * r + i * i
                if power == 1 {
                    values = values.squareRoot()
                } else if power != 2 {
                    for lane in 0..<lanes { values[lane] = powf(values[lane], power / 2) }
                }
                values.store(re, k)
            }
            body(first, present, re)
        }
    }

    /// Complex spectra of every frame, frames × bins each for re and im.
    func complexFrames(_ signal: [Float], samples: Int) -> (re: [Float], im: [Float], frames: Int) {
        let padded = signal.withUnsafeBufferPointer { source in
            source.baseAddress.map { self.padded($0, count: samples) } ?? []
        }
        let frames = frameCount(samples: samples)
        var re = [Float](repeating: 0, count: frames * bins)
        var im = re
        let bins = self.bins
        re.withUnsafeMutableBufferPointer { reOut in
            im.withUnsafeMutableBufferPointer { imOut in
                let (reBase, imBase) = (reOut.baseAddress, imOut.baseAddress)
                forEachSpectrum(of: padded, frames: frames) { t, frameRe, frameIm in
                    reBase?.advanced(by: t * bins).update(from: frameRe, count: bins)
                    imBase?.advanced(by: t * bins).update(from: frameIm, count: bins)
                }
            }
        }
        return (re, im, frames)
    }

    /// Inverts the STFT by windowed overlap-add and divides by the summed squared
    /// window where that exceeds 1e-11 (as `torch.istft`). Returns `length` samples.
    func inverse(re: [Float], im: [Float], frames: Int, length: Int) -> [Float] {
        let paddedLength = nFFT + hopLength * max(frames - 1, 0)
        var sum = [Float](repeating: 0, count: paddedLength)
        var envelope = [Float](repeating: 0, count: paddedLength)
        let workspace = fft.makeWorkspace()
        var frame = [Float](repeating: 0, count: nFFT)
        for t in 0..<frames {
            re.withUnsafeBufferPointer { reAll in
                im.withUnsafeBufferPointer { imAll in
                    frame.withUnsafeMutableBufferPointer { out in
                        guard let r = reAll.baseAddress, let i = imAll.baseAddress,
                            let o = out.baseAddress
                        else { return }
                        fft.inverse(
                            re: r + t * bins, im: i + t * bins, output: o, workspace: workspace)
                    }
                }
            }
            for j in 0..<nFFT {
                sum[t * hopLength + j] += frame[j] * window[j]
                envelope[t * hopLength + j] += window[j] * window[j]
            }
        }
        let start = center ? nFFT / 2 : 0
        var result = [Float](repeating: 0, count: max(length, 0))
        for i in 0..<result.count where start + i < paddedLength {
            let weight = envelope[start + i]
            result[i] = weight > 1e-11 ? sum[start + i] / weight : 0
        }
        return result
    }
}

import Foundation
import Testing

@testable import Datasets

/// Direct O(n²) DFT of a real signal in double precision.
private func naiveDFT(_ x: [Float]) -> [(Double, Double)] {
    let n = x.count
    return (0...(n / 2)).map { k in
        var re = 0.0
        var im = 0.0
        for j in 0..<n {
            let angle = -2 * Double.pi * Double(j * k % n) / Double(n)
            re += Double(x[j]) * cos(angle)
            im += Double(x[j]) * sin(angle)
        }
        return (re, im)
    }
}

private func signal(_ n: Int) -> [Float] {
    (0..<n).map { i in
        let t = Double(i)
        let value: Double = sin(t * 0.37) + 0.5 * cos(t * t * 0.011)
        return Float(value)
    }
}

@Test(arguments: [1, 2, 3, 5, 8, 12, 30, 64, 97, 100, 200, 400, 256, 1000, 1021, 2048])
func realFFTMatchesDirectDFT(n: Int) {
    let x = signal(n)
    let fft = RealFFT(count: n)
    let workspace = fft.makeWorkspace()
    var re = [Float](repeating: 0, count: fft.bins)
    var im = re
    x.withUnsafeBufferPointer { input in
        fft.forward(input.baseAddress!, re: &re, im: &im, workspace: workspace)
    }
    let expected = naiveDFT(x)
    let scale = max(1, Double(n).squareRoot())
    for k in 0..<fft.bins {
        #expect(abs(Double(re[k]) - expected[k].0) < 2e-5 * scale * 4, "bin \(k) real")
        #expect(abs(Double(im[k]) - expected[k].1) < 2e-5 * scale * 4, "bin \(k) imaginary")
    }
}

@Test(arguments: [2, 3, 8, 30, 97, 400, 1021])
func inverseRealFFTRoundTrips(n: Int) {
    let x = signal(n)
    let fft = RealFFT(count: n)
    let workspace = fft.makeWorkspace()
    var re = [Float](repeating: 0, count: fft.bins)
    var im = re
    var back = [Float](repeating: 0, count: n)
    x.withUnsafeBufferPointer { input in
        fft.forward(input.baseAddress!, re: &re, im: &im, workspace: workspace)
    }
    fft.inverse(re: re, im: im, output: &back, workspace: workspace)
    for j in 0..<n {
        #expect(abs(back[j] - x[j]) < 1e-4, "sample \(j)")
    }
}

@Test(arguments: [97, 128, 400, 1021])
func batchedPowerMatchesSingleFrames(nFFT: Int) {
    let samples = 5000
    let wave = signal(samples)
    let stft = ShortTimeFourier(nFFT: nFFT, winLength: nFFT, hopLength: 150, center: true)
    let frames = stft.frameCount(samples: samples)
    var power = [Float](repeating: 0, count: frames * stft.bins)
    wave.withUnsafeBufferPointer { input in
        stft.powerFrames(input.baseAddress!, count: samples, power: 2, into: &power)
    }
    let single = stft.complexFrames(wave, samples: samples)
    #expect(single.frames == frames)
    var worst: Float = 0
    var peak: Float = 0
    for i in 0..<power.count {
        let expected = single.re[i] * single.re[i] + single.im[i] * single.im[i]
        worst = max(worst, abs(power[i] - expected))
        peak = max(peak, expected)
    }
    #expect(worst <= 1e-5 * peak, "max difference \(worst) at peak \(peak)")
}

import Datasets
import Foundation
import NeuralNets
import Tensors
import XCTest

@testable import Training

final class FitTests: XCTestCase {
    func testFit_lowersLoss() throws {
        let model = try Small.model()
        let optimizer = try Adam(model.namedParameters(), lr: 3e-3)
        let history = try fit(model, Small.data(), optimizer: optimizer, options: Small.options(epochs: 4))
        XCTAssertEqual(history.epochs.count, 4)
        XCTAssertEqual(history.last?.step, 16)
        let first = try XCTUnwrap(history.epochs.first?.loss)
        let last = try XCTUnwrap(history.last?.loss)
        XCTAssertLessThan(last, first, "losses per epoch: \(history.losses)")
    }

    /// A reduced version of the chords benchmark (B=32, T=128, C=64, L=32, Adam 1e-3,
    /// where the full objective halves within 200 steps): B=16, T=32, C=16, L=16.
    func testFullObjective_halvesWithinBudget() throws {
        let model = try Small.model(input: 16, latent: 16)
        let data = try chords(samples: 64, seq: 32, channels: 16, seed: 2)
        let optimizer = try Adam(model.namedParameters(), lr: 1e-3)
        var options = Small.options(epochs: 30, batch: 16)
        options.loss = .full
        var losses: [Double] = []
        let history = try fit(model, data, optimizer: optimizer, options: options) { event in
            if case .step(let report) = event { losses.append(report.loss) }
        }
        XCTAssertEqual(losses.count, 120)
        let start = losses.prefix(4).reduce(0, +) / 4
        let end = losses.suffix(4).reduce(0, +) / 4
        XCTAssertLessThan(end, start / 2, "first \(start), last \(end), epochs \(history.losses)")
    }

    func testFit_sameSeedSameLoss() throws {
        var finals: [Double] = []
        for _ in 0..<2 {
            let model = try Small.model()
            let optimizer = try Adam(model.namedParameters(), lr: 1e-3)
            let history = try fit(model, Small.data(), optimizer: optimizer, options: Small.options(epochs: 2))
            finals.append(try XCTUnwrap(history.last?.loss))
        }
        XCTAssertEqual(finals[0], finals[1])
    }

    func testFit_writesCSVRows() throws {
        let folder = try Small.folder("csv")
        let model = try Small.model()
        var options = Small.options(epochs: 2)
        options.logPath = folder + "/run/metrics.csv"
        options.logEvery = 2
        let optimizer = try Adam(model.namedParameters(), lr: 1e-3)
        _ = try fit(model, Small.data(), optimizer: optimizer, options: options)
        let text = try String(contentsOfFile: folder + "/run/metrics.csv", encoding: .utf8)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.first, "kind,epoch,step,loss,recon,geo,norm,smooth,vae,kl,aux,val_loss,lr,grad_norm,seconds")
        XCTAssertEqual(lines.filter { $0.hasPrefix("epoch,") }.count, 2)
        XCTAssertEqual(lines.filter { $0.hasPrefix("step,") }.count, 4)
    }

    func testFit_nextStepAndSeedLosses() throws {
        for kind in [LossKind.nextStep, .seed] {
            let model = try Small.model()
            var options = Small.options(epochs: 1)
            options.loss = kind
            let optimizer = try SGD(model.namedParameters(), lr: 1e-2)
            let history = try fit(model, Small.data(), optimizer: optimizer, options: options)
            let names = history.last?.terms.map(\.name) ?? []
            XCTAssertEqual(names.first, kind == .seed ? "recon" : "predict", "\(kind)")
            XCTAssertTrue(history.last?.loss.isFinite ?? false, "\(kind)")
        }
    }

    func testFit_validationLossRecorded() throws {
        let model = try Small.model()
        var options = Small.options(epochs: 2)
        options.validation = try chords(samples: 8, seq: 16, channels: 8, seed: 99)
        let optimizer = try Adam(model.namedParameters(), lr: 1e-3)
        let history = try fit(model, Small.data(), optimizer: optimizer, options: options)
        XCTAssertEqual(history.validationLosses.compactMap { $0 }.count, 2)
        XCTAssertTrue(model.isTraining)
    }

    func testFit_scheduleSetsRate() throws {
        let model = try Small.model()
        var options = Small.options(epochs: 1)
        options.schedule = try CosineSchedule(base: 1e-2, total: 4, minimum: 1e-4)
        let optimizer = try Adam(model.namedParameters(), lr: 1)
        var rates: [Double] = []
        _ = try fit(model, Small.data(), optimizer: optimizer, options: options) { event in
            if case .step(let report) = event { rates.append(report.learningRate) }
        }
        XCTAssertEqual(rates.first ?? 0, 1e-2, accuracy: 1e-12)
        XCTAssertLessThan(rates.last ?? 1, 1e-2)
    }

    func testFit_interruptStopsBetweenBatches() throws {
        let model = try Small.model()
        var options = Small.options(epochs: 3)
        var steps = 0
        options.stopCheck = {
            if steps == 3 { throw TensorError.interrupted }
        }
        let optimizer = try Adam(model.namedParameters(), lr: 1e-3)
        XCTAssertThrowsError(
            try fit(model, Small.data(), optimizer: optimizer, options: options) { event in
                if case .step = event { steps += 1 }
            }
        ) { error in
            XCTAssertEqual(error as? TensorError, .interrupted)
        }
        XCTAssertEqual(optimizer.stepCount, 3)
        let values = model.parameters().flatMap { $0.toArray() }
        XCTAssertTrue(values.allSatisfy(\.isFinite))
        let outputs = try model(Small.data().batch(0, 2))
        XCTAssertEqual(outputs.out.shape, [2, 16, 8])
    }
}

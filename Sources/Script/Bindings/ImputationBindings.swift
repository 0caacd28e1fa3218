import Datasets
import Foundation
import NeuralNets
import Tensors
import Training

extension BuiltinRegistry {
    /// Registers `impute`, `imputation_metrics` and `imputation_figure`.
    func registerImputationBindings() {
        registerFileExists()
        addBinding(
            "impute", "training",
            Signature(
                [ParameterSpec("model"), ParameterSpec("x")],
                keywords: [
                    ParameterSpec("mask", default: Value.none),
                    ParameterSpec("gap", default: Value.none),
                    ParameterSpec("method", .string, default: .string("slerp")),
                ]),
            "Fill the missing steps of x [B, T, C] (mask: bool [B, T] or [T], or gap: [start, end) "
                + "steps) by method \"linear\", \"slerp\" or \"rollout\"; observed steps are returned unchanged"
        ) { args in
            let model = try args.trainedModel(0)
            let x = try BuiltinRegistry.imputationInput(args, 1)
            let mask = try BuiltinRegistry.imputationMask(args, maskAt: 2, gapAt: 3, steps: x.rank == 3 ? x.shape[1] : 0)
            let method = try BuiltinRegistry.imputationMethod(try args.string(4))
            let filled = try impute(model, x, mask: mask, method: method, warning: args.runtime.warning)
            return .tensor(filled)
        }
        addBinding(
            "imputation_metrics", "training",
            Signature(
                [ParameterSpec("model"), ParameterSpec("data")],
                keywords: [
                    ParameterSpec("gaps", .list, default: .list(ListValue([.number(0.05), .number(0.1), .number(0.25)]))),
                    ParameterSpec("methods", .list, default: .list(ListValue(ImputationMethod.allCases.map { .string($0.rawValue) }))),
                    ParameterSpec("seed", .integer, default: .number(0)),
                    ParameterSpec("samples", .integer, default: Value.none),
                    ParameterSpec("markdown", .string, default: Value.none),
                    ParameterSpec("csv", .string, default: Value.none),
                ]),
            "MSE and Pearson correlation on artificially masked steps, one record (method, gap, "
                + "gap_steps, mse, correlation, samples) per method and gap fraction; gap starts are seeded; "
                + "markdown: and csv: also write the table to those paths"
        ) { args in
            let model = try args.trainedModel(0)
            let x = try BuiltinRegistry.imputationData(args, dataAt: 1, samplesAt: 5)
            let fractions = try args.list(2).items.map { try $0.requireNumber("item of argument 'gaps' of imputation_metrics") }
            let methods = try BuiltinRegistry.imputationMethods(args, 3)
            let scores = try imputationMetrics(
                model, x, gapFractions: fractions, methods: methods, seed: try args.seed(4),
                warning: args.runtime.warning)
            if let path = try args.optionalString(6) { try writeImputationTable(scores, format: .markdown, to: path) }
            if let path = try args.optionalString(7) { try writeImputationTable(scores, format: .csv, to: path) }
            return .list(ListValue(scores.map(BuiltinRegistry.value(of:))))
        }
        addBinding(
            "imputation_figure", "plotting",
            Signature(
                [ParameterSpec("model"), ParameterSpec("x")],
                keywords: [
                    ParameterSpec("mask", default: Value.none),
                    ParameterSpec("gap", default: Value.none),
                    ParameterSpec("methods", .list, default: .list(ListValue(ImputationMethod.allCases.map { .string($0.rawValue) }))),
                    ParameterSpec("sample", .integer, default: .number(0)),
                    ParameterSpec("channel", .integer, default: .number(0)),
                    ParameterSpec("image", .bool, default: .bool(false)),
                ]),
            "One panel per method with the original channel, the masked input and the fill, the gap "
                + "shaded; image: true adds [C, T] images (the mel spectrogram for audio)"
        ) { args in
            let model = try args.trainedModel(0)
            let x = try BuiltinRegistry.imputationInput(args, 1)
            let mask = try BuiltinRegistry.imputationMask(args, maskAt: 2, gapAt: 3, steps: x.rank == 3 ? x.shape[1] : 0)
            let methods = try BuiltinRegistry.imputationMethods(args, 4)
            let fills = try methods.map { method in
                (name: method.rawValue,
                 tensor: try impute(model, x, mask: mask, method: method, warning: args.runtime.warning))
            }
            let figure = try ModelFigures.imputation(
                original: x, fills: fills, mask: mask, sample: try args.integer(5), channel: try args.integer(6),
                image: try args.bool(7))
            return .host(FigureObject(figure))
        }
    }

    /// `file_exists` lets scripts reuse a saved model instead of training again.
    // NOTE: a general file builtin; it belongs with the other file builtins once they exist.
    func registerFileExists() {
        addBinding(
            "file_exists", "core", Signature([ParameterSpec("path", .string)]),
            "True when the path names an existing file or folder"
        ) { args in
            .bool(FileManager.default.fileExists(atPath: try args.string(0)))
        }
    }

    /// Returns x [B, T, C] of an imputation builtin.
    static func imputationInput(_ args: Arguments, _ position: Int) throws -> Tensor {
        let x = try args[position].modelInput("argument 'x' of \(args.functionName)")
        guard x.rank == 3 else {
            throw Diagnostic.runtime(
                "argument 'x' of \(args.functionName) must be [B, T, C], got shape \(formatShape(x.shape)); "
                    + "make one sequence [T, C] a batch with x.reshape(1, T, C)")
        }
        return x
    }

    /// Returns the non-empty list of methods at `position`.
    static func imputationMethods(_ args: Arguments, _ position: Int) throws -> [ImputationMethod] {
        let items = try args.list(position).items
        guard !items.isEmpty else {
            throw Diagnostic.runtime(
                "argument 'methods' of \(args.functionName) is empty; list at least one of \"linear\", \"slerp\", \"rollout\"")
        }
        return try items.map {
            try imputationMethod(try $0.requireString("item of argument 'methods' of \(args.functionName)"))
        }
    }

    static func imputationMethod(_ name: String) throws -> ImputationMethod {
        guard let method = ImputationMethod(rawValue: name) else {
            throw Diagnostic.runtime("method must be \"linear\", \"slerp\" or \"rollout\", got \"\(name)\"")
        }
        return method
    }

    /// Returns the mask from exactly one of `mask:` (a tensor or list) and `gap:` ([start, end) as a
    /// list or tuple of two integers).
    static func imputationMask(_ args: Arguments, maskAt maskPosition: Int, gapAt gapPosition: Int, steps: Int) throws
        -> Tensor
    {
        switch (args.isNone(maskPosition), args.isNone(gapPosition)) {
        case (false, true):
            return try args.tensor(maskPosition)
        case (true, false):
            let bounds: [Value]
            switch args[gapPosition] {
            case .list(let list): bounds = list.items
            case .record(let record): bounds = record.values
            default: throw args.typeError(gapPosition, expected: "a list or tuple (start, end)")
            }
            guard bounds.count == 2 else {
                throw Diagnostic.runtime(
                    "argument 'gap' of \(args.functionName) must have two items (start, end), got \(bounds.count)")
            }
            let start = try bounds[0].requireInteger("gap start"), end = try bounds[1].requireInteger("gap end")
            guard start < end else {
                throw Diagnostic.runtime("argument 'gap' of \(args.functionName): start \(start) must be < end \(end)")
            }
            return try gapMask(start..<end, steps: steps)
        case (true, true):
            throw Diagnostic.runtime("\(args.functionName) needs mask: or gap: to say which steps are missing")
        case (false, false):
            throw Diagnostic.runtime("\(args.functionName) takes mask: or gap:, not both")
        }
    }

    /// Returns the held-out inputs [N, T, C] from a dataset (its first `samples` records), a tensor
    /// or a record with a tensor x.
    static func imputationData(_ args: Arguments, dataAt position: Int, samplesAt samplesPosition: Int) throws
        -> Tensor
    {
        let limit = try args.optionalInteger(samplesPosition)
        if let limit, limit < 1 {
            throw Diagnostic.runtime("argument 'samples' of \(args.functionName) must be >= 1, got \(limit)")
        }
        if case .host(let object) = args[position], let wrapper = object as? DatasetObject {
            let count = min(limit ?? wrapper.dataset.count, wrapper.dataset.count)
            return try wrapper.dataset.batch(0, count)
        }
        let x = try args[position].modelInput("argument 'data' of \(args.functionName)")
        guard let limit, x.rank == 3, limit < x.shape[0] else { return x }
        return try x.sliced(axis: 0, start: 0, end: limit)
    }

    /// Returns a record (method, gap, gap_steps, mse, correlation, samples).
    static func value(of score: ImputationScore) -> Value {
        .record(
            RecordValue(
                labels: ["method", "gap", "gap_steps", "mse", "correlation", "samples"],
                values: [
                    .string(score.method.rawValue), .number(score.gapFraction), .number(Double(score.gapSteps)),
                    .number(score.mse), .number(score.correlation), .number(Double(score.samples)),
                ]))
    }
}

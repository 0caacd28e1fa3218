import Datasets
import Tensors

/// A dataset as a script value: `len(data)`, `data[i]` (a record), `data.batch(start, count)`
/// and, for labelled datasets, `data.labels`.
public final class DatasetObject: HostObject {
    public let dataset: Dataset

    public init(_ dataset: Dataset) { self.dataset = dataset }

    public var typeName: String { "Dataset" }

    public var description: String { "<Dataset of \(dataset.count) records>" }

    public var length: Int? { dataset.count }

    public func field(_ name: String) throws -> Value? {
        switch name {
        case "labels":
            guard let names = DatasetObject.labelNames(dataset) else { return Value.none }
            return .list(names.map { .string($0) })
        case "count": return .number(Double(dataset.count))
        case "channels", "rate", "channel_mean", "channel_std":
            guard let windows = dataset as? EEGWindows else { return nil }
            return try DatasetObject.field(name, of: windows)
        default: return nil
        }
    }

    public func index(_ components: [IndexComponent<Value>]) throws -> Value? {
        guard components.count == 1, case .single(let value) = components[0] else { return nil }
        let index = try value.requireInteger("dataset index")
        let position = index < 0 ? index + dataset.count : index
        guard position >= 0, position < dataset.count else {
            throw Diagnostic.runtime(
                "dataset index \(index) is out of range for \(dataset.count) records; use -\(dataset.count)..<\(dataset.count)")
        }
        return try translatingErrors { DatasetObject.value(of: try dataset.item(position)) }
    }

    public func makeIterator() throws -> (() throws -> Value?)? {
        var position = 0
        return { [dataset] in
            guard position < dataset.count else { return nil }
            defer { position += 1 }
            return try translatingErrors { DatasetObject.value(of: try dataset.item(position)) }
        }
    }

    /// Returns a record `(x, y)`, or `(x, y, label)` when the record has a label.
    static func value(of record: Record) -> Value {
        guard let label = record.label else {
            return .record(RecordValue(labels: ["x", "y"], values: [.tensor(record.x), .tensor(record.y)]))
        }
        return .record(
            RecordValue(
                labels: ["x", "y", "label"],
                values: [.tensor(record.x), .tensor(record.y), .tensor(label)]))
    }

    /// Returns the channel names, sample rate or per-channel standardisation of EEG windows.
    /// The mean and std are [C] tensors, 0 and 1 when not standardised.
    static func field(_ name: String, of windows: EEGWindows) throws -> Value {
        switch name {
        case "channels": return .list(windows.channels.map { .string($0) })
        case "rate": return .number(windows.sampleRate)
        case "channel_mean": return .tensor(try Tensor(windows.channelMean, shape: [windows.channelMean.count]))
        default: return .tensor(try Tensor(windows.channelStd, shape: [windows.channelStd.count]))
        }
    }

    static func labelNames(_ dataset: Dataset) -> [String]? {
        if let folder = dataset as? AudioFolder { return folder.labels }
        if let windows = dataset as? EEGWindows { return windows.labels }
        return nil
    }
}

/// A loader as a script value. Each `for` loop over it runs one epoch, and the next loop
/// runs the following epoch in a new shuffled order.
public final class LoaderObject: HostObject {
    public let loader: DataLoader

    public init(_ loader: DataLoader) { self.loader = loader }

    public var typeName: String { "Loader" }

    public var description: String {
        "<Loader of \(loader.batchesPerEpoch) batches of \(loader.batchSize)>"
    }

    public var length: Int? { loader.batchesPerEpoch }

    public func field(_ name: String) throws -> Value? {
        switch name {
        case "epoch": return .number(Double(loader.position.epoch))
        case "batch_size": return .number(Double(loader.batchSize))
        default: return nil
        }
    }

    public func makeIterator() throws -> (() throws -> Value?)? {
        var finished = false
        return { [loader] in
            guard !finished else { return nil }
            guard let batch = try translatingErrors({ try loader.next() }) else {
                finished = true
                return nil
            }
            return DatasetObject.value(of: batch)
        }
    }
}

extension Value {
    /// Returns the model input of a value: a tensor itself, or the `x` field of a dataset record.
    func modelInput(_ what: String) throws -> Tensor {
        if let tensor = tensorValue { return tensor }
        if case .record(let record) = self, let x = record.field("x"), let tensor = x.tensorValue {
            return tensor
        }
        throw Diagnostic.runtime("\(what) must be a tensor or a record with a tensor x, got \(typeName)")
    }

    /// Returns the values of a tensor or a list of numbers, as Doubles.
    func doubles(_ what: String) throws -> [Double] {
        if case .list(let list) = self, list.items.allSatisfy({ if case .number = $0 { return true }; return false }) {
            return try list.items.map { try $0.requireNumber(what) }
        }
        let tensor = try toTensor(what)
        return try translatingErrors { try tensor.converted(to: .f32).contiguousCopy().toArray().map(Double.init) }
    }
}

extension Arguments {
    /// Returns the dataset argument at `position`.
    func dataset(_ position: Int) throws -> Dataset {
        guard case .host(let object) = values[position], let wrapper = object as? DatasetObject else {
            throw typeError(position, expected: "a dataset (from chords, audio_folder, gtzan or eeg_windows)")
        }
        return wrapper.dataset
    }

    /// Returns the argument as a string, or nil for none.
    func optionalString(_ position: Int) throws -> String? {
        if case .none = values[position] { return nil }
        return try string(position)
    }

    /// Returns the argument as an integer, or nil for none.
    func optionalInteger(_ position: Int) throws -> Int? {
        if case .none = values[position] { return nil }
        return try integer(position)
    }

    /// Returns the argument as a number, or nil for none.
    func optionalNumber(_ position: Int) throws -> Double? {
        if case .none = values[position] { return nil }
        return try number(position)
    }

    /// Returns the argument as a seed, which must be a non-negative integer.
    func seed(_ position: Int) throws -> UInt64 {
        let value = try integer(position)
        guard value >= 0 else {
            throw Diagnostic.runtime(
                "argument '\(parameterName(position))' of \(functionName) must be >= 0, got \(value)")
        }
        return UInt64(value)
    }
}

extension BuiltinRegistry {
    /// Registers a builtin whose library errors become script errors with the same message.
    func addBinding(
        _ name: String, _ group: String, _ signature: Signature, receiver: String? = nil,
        _ summary: String, body: @escaping (Arguments) throws -> Value
    ) {
        register(
            Builtin(name, group: group, receiver: receiver, signature, summary: summary) { args in
                try translatingErrors { try body(args) }
            })
    }
}

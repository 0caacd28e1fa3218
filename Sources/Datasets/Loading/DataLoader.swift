import Dispatch
import Foundation
import Tensors

/// A loader's position: the epoch and the number of batches already
/// returned in it. A checkpoint stores it and `DataLoader.restore` resumes.
public struct LoaderPosition: Equatable, Codable, Sendable {
    public var epoch: Int
    public var index: Int

    public init(epoch: Int = 0, index: Int = 0) {
        self.epoch = epoch
        self.index = index
    }
}

/// Batches of a dataset in a seeded order, with the next batch prepared
/// on a background thread while the caller works on the current one.
///
/// Shapes: a batch is x, y [B, T, C] and, for labelled datasets, label [B]
/// (i64). The order of epoch e depends only on (seed, e), so a restored
/// position continues exactly where the saved run stood.
public final class DataLoader {
    public let dataset: Dataset
    public let batchSize: Int
    public let shuffle: Bool
    public let seed: UInt64
    public let dropLast: Bool
    public private(set) var position = LoaderPosition()

    private var order: [Int] = []
    private var orderEpoch = -1
    private let queue = DispatchQueue(label: "mfs.dataloader.prefetch")
    private var prefetched: (position: LoaderPosition, work: DispatchWorkItem, box: ResultBox)?

    public init(
        _ dataset: Dataset, batchSize: Int, shuffle: Bool = false, seed: UInt64 = 0,
        dropLast: Bool = false
    ) throws {
        guard batchSize >= 1 else {
            throw DatasetError.invalidOption(
                name: "batch_size", message: "must be at least 1, got \(batchSize)")
        }
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.seed = seed
        self.dropLast = dropLast
    }

    /// Batches in one epoch: count / batchSize, rounded down with `dropLast`, up otherwise.
    public var batchesPerEpoch: Int {
        let count = dataset.count
        let remainder = count % batchSize == 0 ? 0 : 1
        return dropLast ? count / batchSize : count / batchSize + remainder
    }

    /// Continues from `position`, as saved from `position` of an earlier loader.
    public func restore(_ position: LoaderPosition) throws {
        guard position.epoch >= 0, position.epoch < Int.max, position.index >= 0,
            position.index <= batchesPerEpoch
        else {
            throw DatasetError.invalidOption(
                name: "position",
                message: "epoch \(position.epoch), batch \(position.index) is outside an epoch of "
                    + "\(batchesPerEpoch) batches; "
                    + "save and restore with the same dataset and batch size"
            )
        }
        cancelPrefetch()
        self.position = position
    }

    /// Record indices of `epoch` in loader order.
    public func order(epoch: Int) -> [Int] {
        guard shuffle else { return Array(0..<dataset.count) }
        let stream = RandomStream(
            seed: seed &+ UInt64(truncatingIfNeeded: epoch) &* 0x9E37_79B9_7F4A_7C15)
        return stream.permutation(dataset.count)
    }

    /// Returns the next batch of the current epoch, or nil at its end. The call
    /// after nil starts the next epoch.
    public func next() throws -> Record? {
        if position.index >= batchesPerEpoch {
            position = LoaderPosition(epoch: position.epoch + 1, index: 0)
            return nil
        }
        let batch: Record
        if let pending = prefetched, pending.position == position {
            pending.work.wait()
            prefetched = nil
            batch = try pending.box.result.get()
        } else {
            cancelPrefetch()
            batch = try makeBatch(at: position)
        }
        position.index += 1
        schedulePrefetch()
        return batch
    }

    /// Returns the remaining batches of the current epoch and moves to the next epoch.
    public func epoch() throws -> [Record] {
        var batches: [Record] = []
        while let batch = try next() { batches.append(batch) }
        return batches
    }

    private func makeBatch(at position: LoaderPosition) throws -> Record {
        try DataLoader.assemble(dataset, batchIndices(at: position))
    }

    /// Stacks records `indices` of `dataset`; labels only when every record has one.
    static func assemble(_ dataset: Dataset, _ indices: [Int]) throws -> Record {
        let records = try indices.map { try dataset.item($0) }
        let x = try Tensor.stack(records.map(\.x))
        let y = try Tensor.stack(records.map(\.y))
        let labels = records.compactMap(\.label)
        let label = labels.count == records.count ? try Tensor.stack(labels) : nil
        return Record(x: x, y: y, label: label)
    }

    private func batchIndices(at position: LoaderPosition) -> [Int] {
        let epochOrder: [Int]
        if orderEpoch == position.epoch {
            epochOrder = order
        } else {
            epochOrder = order(epoch: position.epoch)
            order = epochOrder
            orderEpoch = position.epoch
        }
        let start = position.index * batchSize
        return Array(epochOrder[start..<min(start + batchSize, epochOrder.count)])
    }

    private func schedulePrefetch() {
        guard position.index < batchesPerEpoch else { return }
        let target = position
        let indices = batchIndices(at: target)
        let box = ResultBox()
        let work = DispatchWorkItem { [dataset] in
            box.result = Result { try DataLoader.assemble(dataset, indices) }
        }
        prefetched = (target, work, box)
        queue.async(execute: work)
    }

    private func cancelPrefetch() {
        if let pending = prefetched { pending.work.wait() }
        prefetched = nil
    }
}

/// The outcome of a background batch; written once before its work item finishes.
private final class ResultBox {
    var result: Result<Record, Error> = .failure(CancellationError())
}

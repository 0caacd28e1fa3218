// Field names that REPL completion offers after `.`. Only fields that are cheap to read
// are listed, because completing `a.b.` reads `a.b` (maps of the last call, which are
// recomputed on demand, stay out).

import Datasets

extension ModuleObject: MemberListing {
    public var memberNames: [String] {
        module.children.map(\.name) + module.ownParameters.map(\.name) + ["training", "num_parameters"]
    }
}

extension TensorObject: MemberListing {
    public var memberNames: [String] { ["shape", "dtype", "grad", "requires_grad", "ndim", "is_leaf"] }
}

extension DatasetObject: MemberListing {
    public var memberNames: [String] {
        let eeg = dataset is EEGWindows ? ["channels", "rate", "channel_mean", "channel_std"] : []
        return ["count", "labels", "batch"] + eeg
    }
}

/// Fields of host values (`t.shape`, `data.labels`), for `mfs help` and the language reference.
///
/// Each entry must name a field that the type's `field(_:)` returns; a test reads every
/// listed field from a live value of the type.
public enum FieldReference {
    public struct Field {
        public let type: String
        public let name: String
        public let summary: String
    }

    public static let all: [Field] = [
        Field(type: "Tensor", name: "shape", summary: "Extents as a list of numbers, [] for a 0-d tensor"),
        Field(type: "Tensor", name: "dtype", summary: "Element type: \"f32\", \"i64\" or \"bool\""),
        Field(type: "Tensor", name: "ndim", summary: "Number of axes"),
        Field(type: "Tensor", name: "grad", summary: "Gradient accumulated by backward(), or none"),
        Field(type: "Tensor", name: "requires_grad", summary: "Whether operations on it are recorded for backward()"),
        Field(type: "Tensor", name: "is_leaf", summary: "True unless an operation recorded in the graph produced it"),
        Field(type: "Tensor", name: "T", summary: "The tensor with its axes in reverse order"),
        Field(type: "Module", name: "training", summary: "True in training mode (train()), false after eval()"),
        Field(type: "Module", name: "num_parameters", summary: "Number of parameter elements"),
        Field(type: "Module", name: "last_coupling",
              summary: "Kuramoto coupling maps [B, H, T, T] of the last call, or none (models with Kuramoto dynamics)"),
        Field(type: "Module", name: "last_attention",
              summary: "Attention maps [B, H, T, T] of the last call, or none (models with attention)"),
        Field(type: "Dataset", name: "count", summary: "Number of records, as len(data)"),
        Field(type: "Dataset", name: "labels", summary: "Class names of a labelled dataset, or none"),
        Field(type: "Dataset", name: "channels", summary: "Channel names (eeg_windows)"),
        Field(type: "Dataset", name: "rate", summary: "Sample rate in Hz (eeg_windows)"),
        Field(type: "Dataset", name: "channel_mean", summary: "Per-channel offset [C] taken off every sample (eeg_windows)"),
        Field(type: "Dataset", name: "channel_std", summary: "Per-channel scale [C] dividing every sample (eeg_windows)"),
        Field(type: "Loader", name: "epoch", summary: "Epochs started so far"),
        Field(type: "Loader", name: "batch_size", summary: "Records per batch"),
        Field(type: "History", name: "last", summary: "Record of the last epoch: epoch, step, loss, val_loss, lr, seconds, terms"),
        Field(type: "History", name: "epochs", summary: "List of one record per epoch"),
        Field(type: "History", name: "loss", summary: "Training loss of each epoch"),
        Field(type: "History", name: "val_loss", summary: "Validation loss of each epoch, none where not measured"),
        Field(type: "Optimizer", name: "lr", summary: "Current learning rate"),
        Field(type: "Optimizer", name: "step_count", summary: "Updates taken so far"),
        Field(type: "Figure", name: "title", summary: "Figure title; assignable"),
    ]

    /// Help for `Type.field`, or for every field called `name`.
    static func topic(_ name: String) -> [String] {
        all.filter { $0.name == name || "\($0.type).\($0.name)" == name }.map {
            "\($0.type).\($0.name)\n    \($0.summary)\n    field\n"
        }
    }

    /// Returns the fields section of the language reference.
    static func markdown() -> String {
        var text = "\n### fields\n\n| field | summary |\n| --- | --- |\n"
        for field in all {
            text += "| `\(field.type).\(field.name)` | \(field.summary) |\n"
        }
        return text
    }
}

extension Tensor: CustomStringConvertible {
    /// A header line with shape, dtype and gradient flag, then the values laid out as
    /// PyTorch prints them:
    ///
    ///     tensor(shape: [2, 3], dtype: f32, requires_grad: false)
    ///     [[ 0.1000, -1.2000,  3.0000],
    ///      [ 4.0000,  5.0000,  6.0000]]
    ///
    /// A 0-d tensor prints its value without brackets. Tensors of more than
    /// `TensorPrinter.summaryThreshold` elements show only the first and last
    /// `TensorPrinter.edgeItems` entries of each axis, so printing reads only those.
    public var description: String {
        let header =
            "tensor(shape: \(formatShape(shape)), dtype: \(dtype), "
            + "requires_grad: \(requiresGrad))"
        var printer = TensorPrinter(self)
        return header + "\n" + printer.formatValues()
    }
}

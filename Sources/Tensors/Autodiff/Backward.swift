extension Tensor {
    /// Computes gradients of this tensor with respect to every leaf that
    /// requires one, adding them into each leaf's `grad`.
    ///
    /// - Parameters:
    ///   - gradOutput: the upstream gradient; defaults to 1 for a one-element
    ///     tensor (a scalar loss), and is required otherwise.
    ///   - retainGraph: keep the graph for another backward pass. Without it,
    ///     as in PyTorch, each operation's record is released once its gradient
    ///     is computed, which frees the intermediate tensors during the pass.
    public func backward(_ gradOutput: Tensor? = nil, retainGraph: Bool = false) throws {
        guard requiresGrad else {
            if !GradMode.isEnabled {
                throw TensorError.autodiff(
                    "called inside no_grad, where no operation is recorded; compute the loss outside no_grad")
            }
            throw TensorError.autodiff(
                "the tensor does not require a gradient: no input of it has requires_grad set")
        }
        let seed: Tensor
        if let gradOutput {
            guard gradOutput.shape == shape else {
                throw TensorError.shapeMismatch(
                    op: "backward", lhs: shape, rhs: gradOutput.shape,
                    detail: "the gradient must have the output's shape")
            }
            seed = gradOutput
        } else {
            guard count == 1 else {
                throw TensorError.autodiff(
                    "backward() without a gradient needs a one-element output, got shape "
                        + formatShape(shape))
            }
            seed = try Tensor.full(shape, value: 1)
        }
        try GradMode.withNoGrad { try propagate(seed, retainGraph: retainGraph) }
    }

    private func propagate(_ seed: Tensor, retainGraph: Bool) throws {
        // Entries are cleared as the pass goes, so released intermediates are freed at once.
        var order: [Tensor?] = topologicalOrder()
        var grads: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
        for index in order.indices.reversed() {
            guard let node = order[index] else { continue }
            order[index] = nil
            guard let gradOutput = grads.removeValue(forKey: ObjectIdentifier(node)) else {
                continue
            }
            guard let fn = node.gradFn else {
                try node.accumulateGrad(gradOutput)
                continue
            }
            guard let backward = fn.backward else {
                throw TensorError.autodiff(
                    "\(fn.name) was already differentiated by an earlier backward(), which freed its saved "
                        + "values; pass retain_graph: true to the first backward() to run two passes, "
                        + "or recompute the output")
            }
            let gradInputs = try backward(gradOutput)
            let inputs = fn.inputs
            if !retainGraph { fn.release() }
            for (input, gradInput) in zip(inputs, gradInputs) {
                guard input.requiresGrad, let gradInput else { continue }
                guard gradInput.shape == input.shape else {
                    throw TensorError.autodiff(
                        "\(fn.name) returned a gradient of shape \(formatShape(gradInput.shape))"
                            + " for an input of shape \(formatShape(input.shape))")
                }
                let key = ObjectIdentifier(input)
                if let existing = grads[key] {
                    grads[key] = try existing.adding(gradInput)
                } else {
                    grads[key] = gradInput
                }
            }
        }
    }

    /// Adds `gradInput` into `grad`, allocating it on first use.
    func accumulateGrad(_ gradInput: Tensor) throws {
        if let grad {
            try grad.addInPlace(gradInput)
        } else {
            grad = try gradInput.contiguousCopy()
        }
    }

    /// Tensors reachable from `self` through recorded ops, inputs before outputs.
    private func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded {
                order.append(node)
                continue
            }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for input in node.gradFn?.inputs ?? [] where input.requiresGrad {
                if !visited.contains(ObjectIdentifier(input)) { stack.append((input, false)) }
            }
        }
        return order
    }
}

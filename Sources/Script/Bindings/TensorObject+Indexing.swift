import Tensors

// Subscripts of tensors: `t[0, :, 1:3]`, negative indices, slice steps (negative steps
// too), and integer tensors or lists as indices along one axis. Reading records the
// autodiff graph. Assigning `t[i] = v` writes the elements in place and is not recorded,
// so gradients do not flow through the assignment.

/// What one subscript component selects along its axis.
enum AxisSelection {
    /// One position; the axis is removed.
    case position(Int)
    /// Positions `start, start + step, ...` before `end` with a positive step.
    case strided(start: Int, end: Int, step: Int)
    /// Explicit positions, shaped as the index tensor; the axis takes that shape.
    case positions([Int], shape: [Int])

    /// The positions this selection reads, in order.
    var indices: [Int] {
        switch self {
        case .position(let index): return [index]
        case .strided(let start, let end, let step): return Array(stride(from: start, to: end, by: step))
        case .positions(let list, _): return list
        }
    }

    /// The extents this selection contributes to the result shape.
    var resultShape: [Int] {
        switch self {
        case .position: return []
        case .strided: return [indices.count]
        case .positions(_, let shape): return shape
        }
    }
}

extension TensorObject {
    public func index(_ components: [IndexComponent<Value>]) throws -> Value? {
        let selections = try selections(components)
        return try translatingErrors {
            var result = tensor
            var axis = 0
            for selection in selections {
                switch selection {
                case .position(let index):
                    result = try result.selected(axis: axis, index: index)
                case .strided(let start, let end, let step):
                    result = try result.sliced(axis: axis, start: start, end: end, step: step)
                    axis += 1
                case .positions(let list, let shape):
                    let indices = try Tensor(int64: list.map(Int64.init), shape: shape)
                    result = try result.indexSelect(axis: axis, indices)
                    axis += shape.count
                }
            }
            return .tensor(result)
        }
    }

    public func setIndex(_ components: [IndexComponent<Value>], to value: Value) throws -> Bool {
        let selections = try selections(components)
        let targetShape = selections.flatMap(\.resultShape) + tensor.shape[selections.count...]
        let source = try translatingErrors {
            try value.toTensor("assigned value").detached().converted(to: .f32)
                .broadcast(to: Array(targetShape))
                .converted(to: tensor.dtype).contiguousCopy()
        }
        let offsets = flatOffsets(selections)
        let inner = tensor.shape[selections.count...].reduce(1, *)
        copy(source, into: offsets, inner: inner)
        return true
    }

    /// Resolves each component against its axis, rejecting more components than axes.
    private func selections(_ components: [IndexComponent<Value>]) throws -> [AxisSelection] {
        guard components.count <= tensor.rank else {
            throw Diagnostic.runtime(
                "too many indices for a tensor of shape \(formatShape(tensor.shape)): "
                    + "got \(components.count), the tensor has \(tensor.rank) axes")
        }
        return try components.enumerated().map { axis, component in
            try selection(component, axis: axis, extent: tensor.shape[axis])
        }
    }

    private func selection(_ component: IndexComponent<Value>, axis: Int, extent: Int) throws
        -> AxisSelection
    {
        switch component {
        case .single(.number(let number)):
            return .position(try position(number, axis: axis, extent: extent))
        case .single(let value):
            let indices = try translatingErrors {
                try TensorObject.indexTensor(value.toTensor("index of axis \(axis)"))
            }
            let list = try indices.toInt64Array().map {
                try position(Double($0), axis: axis, extent: extent)
            }
            return .positions(list, shape: indices.shape)
        case .slice(let start, let end, let step):
            let list = try Indexing.slice(
                .slice(start: start, end: end, step: step), count: extent)
            guard let first = list.first else { return .strided(start: 0, end: 0, step: 1) }
            guard list.count > 1 else { return .strided(start: first, end: first + 1, step: 1) }
            let stride = list[1] - first
            if stride > 0 { return .strided(start: first, end: first + stride * list.count, step: stride) }
            return .positions(list, shape: [list.count])
        }
    }

    private func position(_ number: Double, axis: Int, extent: Int) throws -> Int {
        guard number.rounded() == number, abs(number) < 9e15 else {
            throw Diagnostic.runtime("tensor index must be an integer, got \(Value.formatNumber(number))")
        }
        let index = Int(number)
        let resolved = index < 0 ? index + extent : index
        guard resolved >= 0, resolved < extent else {
            throw Diagnostic.runtime(
                "index \(index) is out of range for axis \(axis) of size \(extent)")
        }
        return resolved
    }

    /// An index tensor as integers: a bool mask becomes the positions where it is true.
    static func indexTensor(_ index: Tensor) throws -> Tensor {
        switch index.dtype {
        case .i64: return index
        case .f32:
            for value in index.toArray() where value.rounded() != value {
                throw Diagnostic.runtime("tensor index must hold integers, got \(value)")
            }
            return try index.converted(to: .i64)
        case .bool:
            guard index.rank == 1 else {
                throw Diagnostic.runtime("a bool mask index must be 1-d, got shape \(formatShape(index.shape))")
            }
            let hits = (0..<index.count).filter { index.bools[$0] != 0 }.map(Int64.init)
            return try Tensor(int64: hits, shape: [hits.count])
        }
    }

    /// Element offsets (in units of the trailing block) of every selected position, row-major.
    private func flatOffsets(_ selections: [AxisSelection]) -> [Int] {
        var offsets = [0]
        for (axis, selection) in selections.enumerated() {
            let extent = tensor.shape[axis]
            let indices = selection.indices
            offsets = offsets.flatMap { base in indices.map { base * extent + $0 } }
        }
        return offsets
    }

    private func copy(_ source: Tensor, into offsets: [Int], inner: Int) {
        let size = tensor.dtype.itemSize
        let target = tensor.storage.pointer + tensor.offset * size
        let from = source.storage.pointer + source.offset * size
        for (number, offset) in offsets.enumerated() {
            (target + offset * inner * size).copyMemory(
                from: from + number * inner * size, byteCount: inner * size)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Tensors

/// Geometry of the unit hypersphere along the last axis.
public enum Sphere {
    /// v − ⟨v, x⟩x: the part of v tangent to the sphere at x (x on the sphere).
    public static func projectToTangent(_ v: Tensor, at x: Tensor) throws -> Tensor {
        let radial = try (v * x).sum(axes: [-1], keepDim: true)
        return try v - radial * x
    }

    /// exp_x(v) = cos(‖v‖)·x + sin(‖v‖)·v/‖v‖, and x itself where v = 0.
    public static func exponentialMap(at x: Tensor, tangent v: Tensor) throws -> Tensor {
        let length = try v.norm(axis: -1, keepDim: true)
        let safe = try length.clamp(min: 1e-12)
        let moved = try length.cos() * x + length.sin() / safe * v
        return try moved.normalized(axis: -1)
    }

    /// (x + v)/‖x + v‖, the retraction used by tangent-projected integration.
    public static func retract(_ x: Tensor, _ v: Tensor) throws -> Tensor {
        try (x + v).normalized(axis: -1)
    }

    /// Great-circle interpolation between unit vectors a and b at fractions `t` in [0, 1].
    public static func slerp(_ a: Tensor, _ b: Tensor, t: Float) throws -> Tensor {
        let cosine = try (a * b).sum(axes: [-1], keepDim: true).clamp(min: -1, max: 1)
        let angle = try cosine.acos()
        let sine = try angle.sin()
        let values = angle.toArray(), sines = sine.toArray()
        let wa = try Tensor(shape: angle.shape, zeroed: false)
        let wb = try Tensor(shape: angle.shape, zeroed: false)
        for i in 0..<values.count {
            if sines[i] < 1e-6 {
                wa.floats[i] = 1 - t
                wb.floats[i] = t
            } else {
                wa.floats[i] = Float(Glibc.sin(Double((1 - t) * values[i])) / Double(sines[i]))
                wb.floats[i] = Float(Glibc.sin(Double(t * values[i])) / Double(sines[i]))
            }
        }
        return try (a * wa + b * wb).normalized(axis: -1)
    }
}


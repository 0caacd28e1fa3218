/// The element type an FFT runs on: one `Float`, or `SIMD8<Float>` holding
/// the same element of 8 independent transforms.
///
/// Element i of a lane array lives at floats [width·i, width·(i + 1)), so the
/// same butterfly code transforms one frame or 8 frames at once.
protocol FFTLane {
    static var width: Int { get }
    static func load(_ base: UnsafeMutablePointer<Float>, _ index: Int) -> Self
    func store(_ base: UnsafeMutablePointer<Float>, _ index: Int)
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Float) -> Self
    static prefix func - (operand: Self) -> Self
}

extension Float: FFTLane {
    static var width: Int { 1 }

    @inline(__always)
    static func load(_ base: UnsafeMutablePointer<Float>, _ index: Int) -> Float { base[index] }

    @inline(__always)
    func store(_ base: UnsafeMutablePointer<Float>, _ index: Int) { base[index] = self }
}

extension SIMD8: FFTLane where Scalar == Float {
    static var width: Int { 8 }

    @inline(__always)
    static func load(_ base: UnsafeMutablePointer<Float>, _ index: Int) -> SIMD8<Float> {
        UnsafeRawPointer(base + 8 * index).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    func store(_ base: UnsafeMutablePointer<Float>, _ index: Int) {
        UnsafeMutableRawPointer(base + 8 * index).storeBytes(of: self, as: SIMD8<Float>.self)
    }
}

/// A colormap together with the value range it spans; the source of a colorbar.
struct ColorScale {
    let colormap: Colormap
    let normalization: ColorNormalization

    func color(for value: Double) -> Color {
        colormap.color(at: normalization.fraction(value))
    }
}

struct LineSeries {
    var x: [Double]
    var y: [Double]
    var color: Color
    var width: Double
    var marker: Marker
    var markerSize: Double
    var label: String?
}

struct ScatterSeries {
    var x: [Double]
    var y: [Double]
    /// One colour per point; a NaN value leaves its point out.
    var colors: [Color?]
    /// Marker areas in square points, one per point.
    var areas: [Double]
    var alpha: Double
    var label: String?
}

struct BarSeries {
    var x: [Double]
    var heights: [Double]
    var width: Double
    var color: Color
    var label: String?
}

struct ImageSeries {
    var matrix: Matrix
    var scale: ColorScale
    var origin: ImageOrigin
    var aspect: ImageAspect
    var nanColor: Color
    /// Data coordinates of the left, right, bottom and top image edges.
    var extent: (left: Double, right: Double, bottom: Double, top: Double)
}

struct TextAnnotation {
    var x: Double
    var y: Double
    var text: String
    var color: Color
    var size: Double
}

struct ArrowAnnotation {
    var from: (x: Double, y: Double)
    var to: (x: Double, y: Double)
    var color: Color
    var width: Double
}

/// Explicit tick positions with their labels, replacing the automatic ones.
struct TickOverride {
    var positions: [Double]
    var labels: [String]
}

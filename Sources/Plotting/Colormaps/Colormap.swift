/// A 256-entry colour lookup table that maps normalised values in [0, 1] to colours.
public struct Colormap: Equatable {
    public let name: String
    /// The 256 colours from low (index 0) to high (index 255).
    public let colors: [Color]

    /// Names accepted by `Colormap(named:)`, in a fixed order.
    public static let names = [
        "viridis", "plasma", "magma", "inferno", "cividis", "gray", "coolwarm",
    ]

    /// Looks up a colormap by name; throws `PlotError.unknownColormap` listing the valid names.
    public init(named name: String) throws {
        let table: String
        switch name {
        case "viridis": table = ColormapTables.viridis
        case "plasma": table = ColormapTables.plasma
        case "magma": table = ColormapTables.magma
        case "inferno": table = ColormapTables.inferno
        case "cividis": table = ColormapTables.cividis
        case "coolwarm": table = ColormapTables.coolwarm
        case "gray":
            self.init(
                name: name,
                colors: (0..<256).map { Color(red: UInt8($0), green: UInt8($0), blue: UInt8($0)) })
            return
        default:
            throw PlotError.unknownColormap(name: name, valid: Colormap.names)
        }
        self.init(name: name, colors: Colormap.parse(table))
    }

    private init(name: String, colors: [Color]) {
        self.name = name
        self.colors = colors
    }

    /// Returns the colour for `fraction` in [0, 1]; values outside are clipped.
    ///
    /// As in matplotlib, the table is not interpolated: [0, 1] is cut into 256 equal bins.
    public func color(at fraction: Double) -> Color {
        if fraction.isNaN { return colors[0] }
        let index = Int((fraction * 256).rounded(.down))
        return colors[min(max(index, 0), 255)]
    }

    private static func parse(_ table: String) -> [Color] {
        table.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { code in
            let packed = UInt32(code, radix: 16) ?? 0
            return Color(
                red: UInt8(packed >> 16), green: UInt8((packed >> 8) & 0xff),
                blue: UInt8(packed & 0xff))
        }
    }
}

/// A linear map from data values to [0, 1] for colour lookup.
struct ColorNormalization {
    let vmin: Double
    let vmax: Double

    /// Builds the range from explicit limits or the finite values' extent.
    ///
    /// Constant data gets a range of +-5% (or +-0.05 around zero) so that nothing divides by
    /// zero; the constant then maps to the middle of the colormap.
    init(values: [Double], vmin: Double?, vmax: Double?) throws {
        let finite = values.filter { $0.isFinite }
        var low = vmin ?? finite.min() ?? 0
        var high = vmax ?? finite.max() ?? 1
        if !low.isFinite || !high.isFinite {
            throw PlotError.invalidArgument("vmin and vmax must be finite, got \(low) and \(high)")
        }
        if low > high {
            throw PlotError.invalidArgument("vmin \(low) is greater than vmax \(high)")
        }
        if low == high {
            let pad = low == 0 ? 0.05 : abs(low) * 0.05
            low -= pad
            high += pad
        }
        self.vmin = low
        self.vmax = high
    }

    func fraction(_ value: Double) -> Double {
        (value - vmin) / (vmax - vmin)
    }
}

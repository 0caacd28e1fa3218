/// An opaque sRGB colour with 8-bit channels.
public struct Color: Equatable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Parses "#rrggbb" or "rrggbb"; throws on any other form.
    public init(hex: String) throws {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let packed = UInt32(digits, radix: 16) else {
            throw PlotError.invalidArgument("invalid colour '\(hex)'; expected #rrggbb")
        }
        self.init(
            red: UInt8(packed >> 16), green: UInt8((packed >> 8) & 0xff),
            blue: UInt8(packed & 0xff))
    }

    /// The colour as "#rrggbb" in lowercase.
    public var hex: String {
        let packed = (Int(red) << 16) | (Int(green) << 8) | Int(blue)
        let digits = String(packed, radix: 16)
        return "#" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// Relative luminance in [0, 1], used to pick dark or light text on a cell.
    var luminance: Double {
        (0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)) / 255
    }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 255, green: 255, blue: 255)
    /// Light grey of grid lines, as matplotlib's default "#b0b0b0".
    static let gridGray = Color(red: 0xb0, green: 0xb0, blue: 0xb0)

    /// matplotlib's default colour cycle ("tab10").
    public static let cycle: [Color] = [
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
        0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    ].map { Color(red: UInt8($0 >> 16), green: UInt8(($0 >> 8) & 0xff), blue: UInt8($0 & 0xff)) }

    /// Returns colour `index` of the default cycle, wrapping around.
    public static func cycle(_ index: Int) -> Color {
        cycle[((index % cycle.count) + cycle.count) % cycle.count]
    }
}

/// An 8-bit RGB raster, row-major from the top-left pixel.
struct RGBImage {
    let width: Int
    let height: Int
    /// Three bytes per pixel, rows top to bottom.
    var pixels: [UInt8]

    init(width: Int, height: Int, fill: Color = .white) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
        for index in 0..<(width * height) {
            set(index % width, index / width, fill)
        }
    }

    mutating func set(_ x: Int, _ y: Int, _ color: Color) {
        let offset = (y * width + x) * 3
        pixels[offset] = color.red
        pixels[offset + 1] = color.green
        pixels[offset + 2] = color.blue
    }

    /// Returns the image enlarged by whole-pixel replication, `factor` times in each direction.
    func scaled(by factor: Int) -> RGBImage {
        guard factor > 1 else { return self }
        var result = RGBImage(width: width * factor, height: height * factor)
        for y in 0..<result.height {
            for x in 0..<result.width {
                let source = ((y / factor) * width + x / factor) * 3
                let target = (y * result.width + x) * 3
                result.pixels[target] = pixels[source]
                result.pixels[target + 1] = pixels[source + 1]
                result.pixels[target + 2] = pixels[source + 2]
            }
        }
        return result
    }
}

/// Encodes RGB images as PNG with a small built-in deflate compressor.
///
/// Each row uses PNG's Up filter when it repeats the row above and the Sub filter otherwise,
/// so runs of equal pixels become runs of zero bytes. The compressor codes those runs as
/// distance-1 matches in one fixed-Huffman deflate block (RFC 1951), which suits heatmaps
/// of equal cells without a general LZ77 search.
enum PNGEncoder {
    static func encode(_ image: RGBImage) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        appendBigEndian(UInt32(image.width), to: &header)
        appendBigEndian(UInt32(image.height), to: &header)
        header += [8, 2, 0, 0, 0]  // bit depth 8, RGB, deflate, adaptive filter, no interlace
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", zlibCompress(filteredRows(image)), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    static func filteredRows(_ image: RGBImage) -> [UInt8] {
        let stride = image.width * 3
        var output: [UInt8] = []
        output.reserveCapacity((stride + 1) * image.height)
        for y in 0..<image.height {
            let start = y * stride
            let repeatsAbove =
                y > 0
                && image.pixels[start..<(start + stride)]
                    .elementsEqual(image.pixels[(start - stride)..<start])
            if repeatsAbove {
                output.append(2)
                output += [UInt8](repeating: 0, count: stride)
                continue
            }
            output.append(1)
            for x in 0..<stride {
                let left = x >= 3 ? image.pixels[start + x - 3] : 0
                output.append(image.pixels[start + x] &- left)
            }
        }
        return output
    }

    /// Wraps `data` in a zlib stream (RFC 1950) holding one fixed-Huffman deflate block.
    static func zlibCompress(_ data: [UInt8]) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)  // final block
        bits.write(1, count: 2)  // fixed Huffman codes
        var index = 0
        while index < data.count {
            var run = 0
            if index > 0 {
                let previous = data[index - 1]
                while run < 258 && index + run < data.count && data[index + run] == previous {
                    run += 1
                }
            }
            if run >= 3 {
                writeLength(run, to: &bits)
                bits.writeCode(0, length: 5)  // distance code 0 is distance 1
                index += run
            } else {
                writeLiteral(Int(data[index]), to: &bits)
                index += 1
            }
        }
        writeLiteral(256, to: &bits)  // end of block
        var output: [UInt8] = [0x78, 0x01]
        output += bits.finish()
        appendBigEndian(adler32(data), to: &output)
        return output
    }

    private static let lengthBases = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
        115, 131, 163, 195, 227, 258,
    ]
    private static let lengthExtraBits = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]

    private static func writeLength(_ length: Int, to bits: inout BitWriter) {
        var code = lengthBases.count - 1
        while lengthBases[code] > length { code -= 1 }
        writeLiteral(257 + code, to: &bits)
        let extra = lengthExtraBits[code]
        if extra > 0 {
            bits.write(UInt32(length - lengthBases[code]), count: extra)
        }
    }

    /// Writes a literal/length symbol with the fixed Huffman code of RFC 1951 section 3.2.6.
    private static func writeLiteral(_ symbol: Int, to bits: inout BitWriter) {
        switch symbol {
        case 0...143: bits.writeCode(UInt32(0x30 + symbol), length: 8)
        case 144...255: bits.writeCode(UInt32(0x190 + symbol - 144), length: 9)
        case 256...279: bits.writeCode(UInt32(symbol - 256), length: 7)
        default: bits.writeCode(UInt32(0xC0 + symbol - 280), length: 8)
        }
    }

    private static func appendChunk(_ type: String, _ body: [UInt8], to png: inout [UInt8]) {
        appendBigEndian(UInt32(body.count), to: &png)
        let typed = Array(type.utf8) + body
        png += typed
        appendBigEndian(crc32(typed), to: &png)
    }

    private static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [
            UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff),
            UInt8(value & 0xff),
        ]
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = (value & 1) != 0 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
        }
        return value
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xff)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return (b << 16) | a
    }
}

/// Packs bit fields least-significant bit first, as deflate requires.
struct BitWriter {
    private var bytes: [UInt8] = []
    private var buffer: UInt32 = 0
    private var count = 0

    mutating func write(_ value: UInt32, count bitCount: Int) {
        buffer |= value << UInt32(count)
        count += bitCount
        while count >= 8 {
            bytes.append(UInt8(buffer & 0xff))
            buffer >>= 8
            count -= 8
        }
    }

    /// Writes a Huffman code, whose bits deflate stores most-significant first.
    mutating func writeCode(_ code: UInt32, length: Int) {
        var reversed: UInt32 = 0
        for bit in 0..<length {
            reversed |= ((code >> UInt32(bit)) & 1) << UInt32(length - 1 - bit)
        }
        write(reversed, count: length)
    }

    mutating func finish() -> [UInt8] {
        if count > 0 { bytes.append(UInt8(buffer & 0xff)) }
        buffer = 0
        count = 0
        return bytes
    }
}

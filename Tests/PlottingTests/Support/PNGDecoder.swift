/// An RGBA raster decoded from a PNG, for pixel checks.
struct DecodedImage {
    let width: Int
    let height: Int
    /// Four bytes per pixel, rows top to bottom.
    let pixels: [UInt8]

    func pixel(_ x: Int, _ y: Int) -> (r: Int, g: Int, b: Int, a: Int) {
        let offset = (y * width + x) * 4
        return (
            Int(pixels[offset]), Int(pixels[offset + 1]), Int(pixels[offset + 2]),
            Int(pixels[offset + 3])
        )
    }
}

enum PNGDecodeError: Error {
    case invalid(String)
}

/// Decodes 8-bit, non-interlaced RGB or RGBA PNGs, the kind rsvg-convert writes.
enum PNGDecoder {
    static func decode(_ bytes: [UInt8]) throws -> DecodedImage {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count > 8, Array(bytes[0..<8]) == signature else {
            throw PNGDecodeError.invalid("missing PNG signature")
        }
        var position = 8
        var width = 0
        var height = 0
        var channels = 0
        var compressed: [UInt8] = []
        while position + 8 <= bytes.count {
            let length = bigEndian(bytes, position)
            let type = String(decoding: bytes[(position + 4)..<(position + 8)], as: UTF8.self)
            let body = Array(bytes[(position + 8)..<(position + 8 + length)])
            position += 12 + length
            if type == "IHDR" {
                width = bigEndian(body, 0)
                height = bigEndian(body, 4)
                guard body[8] == 8, body[12] == 0 else {
                    throw PNGDecodeError.invalid("only 8-bit non-interlaced images are supported")
                }
                switch body[9] {
                case 2: channels = 3
                case 6: channels = 4
                default: throw PNGDecodeError.invalid("unsupported colour type \(body[9])")
                }
            } else if type == "IDAT" {
                compressed += body
            } else if type == "IEND" {
                break
            }
        }
        let raw = try Inflater.zlibDecompress(compressed)
        let rows = try unfilter(raw, width: width, height: height, channels: channels)
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        for index in 0..<(width * height) {
            for channel in 0..<channels {
                rgba[index * 4 + channel] = rows[index * channels + channel]
            }
        }
        return DecodedImage(width: width, height: height, pixels: rgba)
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int) -> Int {
        Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
            | Int(bytes[offset + 3])
    }

    private static func unfilter(_ raw: [UInt8], width: Int, height: Int, channels: Int) throws
        -> [UInt8]
    {
        let stride = width * channels
        guard raw.count >= (stride + 1) * height else { throw PNGDecodeError.invalid("short data") }
        var out = [UInt8](repeating: 0, count: stride * height)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let value = raw[y * (stride + 1) + 1 + x]
                let a = x >= channels ? Int(out[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(out[(y - 1) * stride + x]) : 0
                let c = (x >= channels && y > 0) ? Int(out[(y - 1) * stride + x - channels]) : 0
                var predictor = 0
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a)
                    let pb = abs(p - b)
                    let pc = abs(p - c)
                    predictor = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
                default: throw PNGDecodeError.invalid("bad filter type \(filter)")
                }
                out[y * stride + x] = UInt8((Int(value) + predictor) & 0xff)
            }
        }
        return out
    }
}

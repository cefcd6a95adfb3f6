import Foundation

/// Why bytes cannot be read as an article.
public enum TextDecodingError: Error, Equatable, CustomStringConvertible {
    case empty
    case binary(offset: Int)
    case invalidUTF8(offset: Int)
    case tooLarge(bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .empty: "the input is empty (no text to read)"
        case .binary(let offset): "the input looks binary (a NUL byte at offset \(offset)), not text"
        case .invalidUTF8(let offset): "the input is not valid UTF-8 (first bad byte at offset \(offset))"
        case .tooLarge(let bytes, let limit): "the input has \(bytes) bytes, more than the limit of \(limit)"
        }
    }
}

/// Turns raw bytes into text, refusing what is not text rather than guessing: an evidence
/// base must never hold a figure read from mojibake.
public enum TextDecoding {
    /// 64 MiB: larger than any article, small enough to keep memory bounded.
    public static let defaultLimit = 64 << 20

    public static func decode(_ data: Data, limit: Int = defaultLimit) throws(TextDecodingError) -> String {
        if data.count > limit { throw .tooLarge(bytes: data.count, limit: limit) }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = bytes.firstIndex(of: 0) { throw .binary(offset: nul) }
        if let bad = firstInvalidUTF8(bytes) { throw .invalidUTF8(offset: bad) }
        let text = String(decoding: bytes, as: UTF8.self)
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { throw .empty }
        return text
    }

    /// The offset of the first byte that breaks UTF-8, or nil when all is valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var value: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(b & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(b & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(b & 0x07)
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                value = (value << 6) | UInt32(c & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return i }
            i += length
        }
        return nil
    }
}

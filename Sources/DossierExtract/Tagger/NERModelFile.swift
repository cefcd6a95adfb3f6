import Foundation

/// The binary model format (little-endian; described in docs/tagger.md):
///
///     "DNER"  magic
///     u32     format version (1)
///     u32     feature templates version (TaggerFeatures.version)
///     u32     hash bits B
///     u32     label count L, then L × (u8 length, UTF-8 bytes)
///     f32     weight scale, f32 softmax temperature
///     f32     (L+1)×L transitions, row = previous label (row L = sentence start)
///     i16     2^B × L weights, row-major by feature bucket
///
/// A flat layout because loading is then one copy, and a reader in any language can
/// parse it in twenty lines.
extension NERModel {
    public enum FileError: Error, CustomStringConvertible {
        case malformed(String)
        public var description: String {
            switch self { case .malformed(let why): "malformed NER model: \(why)" }
        }
    }

    static let magic: [UInt8] = Array("DNER".utf8)

    public func serialized() -> Data {
        var d = Data()
        d.append(contentsOf: NERModel.magic)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        func f32(_ v: Float) { u32(v.bitPattern) }
        u32(1)
        u32(TaggerFeatures.version)
        u32(UInt32(hashBits))
        u32(UInt32(labels.count))
        for label in labels {
            let bytes = Array(label.utf8)
            d.append(UInt8(bytes.count))
            d.append(contentsOf: bytes)
        }
        f32(scale)
        f32(temperature)
        for t in transitions { f32(t) }
        var little = weights.map { $0.littleEndian }
        little.withUnsafeMutableBytes { d.append(contentsOf: $0) }
        return d
    }

    public func write(to url: URL) throws {
        try serialized().write(to: url, options: .atomic)
    }

    public init(contentsOf url: URL) throws {
        try self.init(data: try Data(contentsOf: url, options: .mappedIfSafe))
    }

    public init(data: Data) throws {
        let bytes = [UInt8](data)
        var pos = 0
        func need(_ n: Int) throws {
            if pos + n > bytes.count { throw FileError.malformed("truncated at byte \(pos)") }
        }
        func u32() throws -> UInt32 {
            try need(4)
            let v = UInt32(bytes[pos]) | UInt32(bytes[pos + 1]) << 8 | UInt32(bytes[pos + 2]) << 16 | UInt32(bytes[pos + 3]) << 24
            pos += 4
            return v
        }
        func f32() throws -> Float { Float(bitPattern: try u32()) }
        try need(4)
        guard Array(bytes[0..<4]) == NERModel.magic else { throw FileError.malformed("bad magic") }
        pos = 4
        guard try u32() == 1 else { throw FileError.malformed("unknown format version") }
        guard try u32() == TaggerFeatures.version else {
            throw FileError.malformed("trained with other feature templates; retrain")
        }
        let bits = Int(try u32())
        guard (8...26).contains(bits) else { throw FileError.malformed("hash bits \(bits)") }
        let l = Int(try u32())
        guard (1...255).contains(l) else { throw FileError.malformed("label count \(l)") }
        var labels: [String] = []
        for _ in 0..<l {
            try need(1)
            let n = Int(bytes[pos]); pos += 1
            try need(n)
            labels.append(String(decoding: bytes[pos..<pos + n], as: UTF8.self))
            pos += n
        }
        let scale = try f32()
        let temperature = try f32()
        var transitions: [Float] = []
        for _ in 0..<((l + 1) * l) { transitions.append(try f32()) }
        let count = (1 << bits) * l
        try need(count * 2)
        var weights = [Int16](repeating: 0, count: count)
        weights.withUnsafeMutableBytes { dst in
            bytes.withUnsafeBytes { src in
                dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[pos..<pos + count * 2]))
            }
        }
        for i in 0..<count { weights[i] = Int16(littleEndian: weights[i]) }
        pos += count * 2
        guard pos == bytes.count else { throw FileError.malformed("\(bytes.count - pos) trailing bytes") }
        self.init(labels: labels, hashBits: bits, weights: weights, scale: scale,
                  transitions: transitions, temperature: temperature)
    }
}

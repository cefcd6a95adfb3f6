import CZlib
import DossierCore
import Foundation
import GRDB

/// The SQLite store's `extractions.json` column: a zlib stream (RFC 1950, deflate level 1)
/// of the extraction JSON, stored as a BLOB; rows written before round 8 hold the plain
/// JSON as TEXT, and every reader takes both (the value's storage class tells them apart,
/// so no store is rewritten).
///
/// Why: the JSON was 36 % of a store (26 KB of a 73 KB generated article's share); level 1
/// shrinks it about four times for ≈ 0.35 ms of CPU, paid by the extracting threads when
/// the document is prepared (`PreparedDocument`), not by the one writer — which then also
/// writes a quarter of the bytes. A standard zlib stream, not a custom format, so any
/// tool reads it (`zlib.decompress` in Python, `zlib-flate -uncompress`). Level 1: on 300
/// generated articles' JSON (23 KB each) it gives 6.4 KB in 0.29 ms, level 6 5.4 KB in
/// 0.66 ms, level 9 5.3 KB in 1.1 ms — a kilobyte more per article for half the CPU.
///
/// PostgreSQL keeps its JSON as text (its TOAST compresses large values itself).
enum ExtractionJSONCompression {
    static let level: Int32 = 1

    /// `input` as one zlib stream.
    static func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBufferPointer { src in
            var length = compressBound(uLong(src.count))
            let out = [UInt8](unsafeUninitializedCapacity: Int(length)) { buffer, count in
                let code = compress2(buffer.baseAddress, &length, src.baseAddress, uLong(src.count), level)
                // Only Z_MEM_ERROR can happen with a buffer of `compressBound` bytes.
                precondition(code == Z_OK, "zlib compress2 failed (\(code))")
                count = Int(length)
            }
            return out
        }
    }

    /// The bytes of the zlib stream `input`; throws on a damaged or truncated stream.
    static func decompress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw StoreError("extraction JSON: cannot start zlib")
        }
        defer { inflateEnd(&stream) }
        // The JSON compresses four to six times: one pass of output usually suffices.
        var out = [UInt8](repeating: 0, count: max(4_096, input.count * 8))
        var produced = 0
        stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
        stream.avail_in = uInt(input.count)
        while true {
            if produced == out.count { out.append(contentsOf: repeatElement(0, count: out.count)) }
            let code = out.withUnsafeMutableBufferPointer { buffer -> Int32 in
                stream.next_out = buffer.baseAddress! + produced
                stream.avail_out = uInt(buffer.count - produced)
                let code = inflate(&stream, Z_NO_FLUSH)
                produced = buffer.count - Int(stream.avail_out)
                return code
            }
            if code == Z_STREAM_END { break }
            // Z_BUF_ERROR with output room left means the input ended mid-stream.
            guard code == Z_OK || (code == Z_BUF_ERROR && produced == out.count) else {
                throw StoreError("extraction JSON: damaged compressed value (zlib \(code))")
            }
        }
        out.removeSubrange(produced...)
        return out
    }

    /// The extraction in a stored `json` value: plain JSON text (stores written before
    /// round 8) or a zlib stream (BLOB).
    static func extraction(_ value: DatabaseValue, decoder: JSONDecoder) throws -> Extraction {
        switch value.storage {
        case .string(let text):
            return try decoder.decode(Extraction.self, from: Data(text.utf8))
        case .blob(let data):
            let bytes = try data.withUnsafeBytes { try decompress($0) }
            return try decoder.decode(Extraction.self, from: Data(bytes))
        default:
            throw StoreError("extraction JSON: neither text nor a compressed value")
        }
    }
}

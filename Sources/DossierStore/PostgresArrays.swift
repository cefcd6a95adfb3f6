import Foundation
import PostgresNIO

/// A one-dimensional PostgreSQL array bound as ONE parameter, NULL elements allowed.
///
/// Why: a statement fed with arrays (`INSERT … SELECT * FROM unnest($1::bigint[], …)`)
/// has the same text whatever the number of rows, so it is prepared once per connection;
/// a statement with one `$n` per value changes text with every document and the server
/// parsed and planned it anew each time (≈ 12 ms a document, round 5). PostgresNIO
/// encodes `[T]` but not `[T?]`, and nullable columns need NULL elements, so the binary
/// array format is written here: dimensions, has-null flag, element type, then each
/// element as length (-1 for NULL) and bytes.
struct PGArray<Element: PGArrayElement>: PostgresNonThrowingEncodable, Sendable {
    var values: [Element?]

    init(_ values: [Element?] = []) { self.values = values }

    mutating func append(_ value: Element?) { values.append(value) }

    static var psqlType: PostgresDataType { Element.arrayType }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer,
                                                  context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(values.isEmpty ? 0 : 1, as: Int32.self)  // dimensions
        buffer.writeInteger(values.contains { $0 == nil } ? 1 : 0, as: Int32.self)  // has NULLs
        buffer.writeInteger(Element.elementType.rawValue)
        guard !values.isEmpty else { return }
        buffer.writeInteger(Int32(values.count))
        buffer.writeInteger(1, as: Int32.self)  // lower bound
        for value in values {
            guard let value else {
                buffer.writeInteger(-1, as: Int32.self)
                continue
            }
            let lengthIndex = buffer.writerIndex
            buffer.writeInteger(0, as: Int32.self)
            let start = buffer.writerIndex
            value.write(into: &buffer)
            buffer.setInteger(Int32(buffer.writerIndex - start), at: lengthIndex)
        }
    }
}

/// An element type of `PGArray`: its type OIDs and binary form.
protocol PGArrayElement: Sendable, Equatable {
    static var elementType: PostgresDataType { get }
    static var arrayType: PostgresDataType { get }
    func write(into buffer: inout ByteBuffer)
}

extension Int64: PGArrayElement {
    static var elementType: PostgresDataType { .int8 }
    static var arrayType: PostgresDataType { .int8Array }
    func write(into buffer: inout ByteBuffer) { buffer.writeInteger(self) }
}

extension String: PGArrayElement {
    static var elementType: PostgresDataType { .text }
    static var arrayType: PostgresDataType { .textArray }
    func write(into buffer: inout ByteBuffer) { buffer.writeString(self) }
}

extension Double: PGArrayElement {
    static var elementType: PostgresDataType { .float8 }
    static var arrayType: PostgresDataType { .float8Array }
    func write(into buffer: inout ByteBuffer) { buffer.writeInteger(bitPattern) }
}

extension Bool: PGArrayElement {
    static var elementType: PostgresDataType { .bool }
    static var arrayType: PostgresDataType { .boolArray }
    func write(into buffer: inout ByteBuffer) { buffer.writeInteger(self ? 1 : 0, as: UInt8.self) }
}

extension Data: PGArrayElement {
    static var elementType: PostgresDataType { .bytea }
    static var arrayType: PostgresDataType { .byteaArray }
    func write(into buffer: inout ByteBuffer) { buffer.writeBytes(self) }
}

extension PGArray where Element == Int64 {
    mutating func append(_ value: Int) { values.append(Int64(value)) }
    mutating func append(_ value: Int?) { values.append(value.map(Int64.init)) }
}

/// A column's type in an array-fed statement (the raw value is PostgreSQL's name).
enum PGColumnType: String, Sendable {
    case int8, text, float8, bool, bytea
}

/// One array per column of a table, filled row by row from `PGValue`s. Arrays are kept
/// per type (appended in place; an array inside an enum payload would be copied on
/// every append) and bound in column order.
struct PGColumns: Sendable {
    private let slots: [(type: PGColumnType, index: Int)]
    private var ints: [PGArray<Int64>] = [], texts: [PGArray<String>] = [], doubles: [PGArray<Double>] = []
    private var bools: [PGArray<Bool>] = [], blobs: [PGArray<Data>] = []
    private(set) var count = 0

    init(_ types: [PGColumnType]) {
        var slots: [(PGColumnType, Int)] = []
        for type in types {
            switch type {
            case .int8: slots.append((type, ints.count)); ints.append(PGArray())
            case .text: slots.append((type, texts.count)); texts.append(PGArray())
            case .float8: slots.append((type, doubles.count)); doubles.append(PGArray())
            case .bool: slots.append((type, bools.count)); bools.append(PGArray())
            case .bytea: slots.append((type, blobs.count)); blobs.append(PGArray())
            }
        }
        self.slots = slots
    }

    /// Appends one row; each value must have its column's type (a mismatch is a bug in
    /// the caller's column list, caught by the store tests).
    mutating func append(_ row: [PGValue]) {
        precondition(row.count == slots.count, "row of \(row.count) values for \(slots.count) columns")
        for (i, value) in row.enumerated() {
            let slot = slots[i]
            switch (slot.type, value) {
            case (.int8, .int(let v)): ints[slot.index].append(v)
            case (.text, .text(let v)): texts[slot.index].append(v)
            case (.float8, .double(let v)): doubles[slot.index].append(v)
            case (.bool, .bool(let v)): bools[slot.index].append(v)
            case (.bytea, .bytes(let v)): blobs[slot.index].append(v)
            default: preconditionFailure("value \(value) does not fit column \(i) (\(slot.type))")
            }
        }
        count += 1
    }

    func append(to bindings: inout PostgresBindings) {
        for slot in slots {
            switch slot.type {
            case .int8: bindings.append(ints[slot.index])
            case .text: bindings.append(texts[slot.index])
            case .float8: bindings.append(doubles[slot.index])
            case .bool: bindings.append(bools[slot.index])
            case .bytea: bindings.append(blobs[slot.index])
            }
        }
    }
}

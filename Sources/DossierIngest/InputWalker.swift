import DossierCore
import DossierText
import Foundation

/// Walks the paths given to `dossier add` and yields work lazily: directories are listed
/// (recursively, sorted, hidden files skipped), containers (feeds, JSON lines) are opened
/// and split into documents, plain files are passed on unread so workers read them.
final class InputWalker {
    private var paths: [String]
    private var queue: [WorkUnit] = []
    private var queueHead = 0
    private var stdinLines: LineReader?
    private var stdinLineNumber = 0
    private let overrides: IngestOverrides
    /// Documents seen so far plus files listed but not yet opened: the total for the ETA.
    private(set) var expected = 0

    init(paths: [String], overrides: IngestOverrides) {
        self.paths = paths.reversed()
        self.overrides = overrides
        expected = paths.count
    }

    func next() -> WorkUnit? {
        while true {
            if queueHead < queue.count {
                defer { queueHead += 1 }
                return queue[queueHead]
            }
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
            if let reader = stdinLines {
                if let unit = nextStdinLine(reader) { return unit }
                stdinLines = nil
                continue
            }
            guard let path = paths.popLast() else { return nil }
            expand(path)
        }
    }

    private func enqueue(_ units: [WorkUnit], replacing one: Bool = true) {
        queue.append(contentsOf: units)
        expected += units.count - (one ? 1 : 0)
    }

    private func expand(_ path: String) {
        if path == "-" { return expandStdin() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return enqueue([.failure(origin: path, message: "no such file or directory")])
        }
        if isDirectory.boolValue { return expandDirectory(path) }
        var format = overrides.format ?? InputFormat.guess(path: path)
        if format == nil {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                return enqueue([.failure(origin: path, message: "cannot be read (permissions?)")])
            }
            let head = (try? handle.read(upToCount: 2048)) ?? Data()
            try? handle.close()
            format = InputFormat.sniff(head)
        }
        switch format ?? .text {
        case .text, .html:
            enqueue([.document(PendingDocument(origin: path, bytes: nil, body: .file(path: path, format: format ?? .text)))])
        case .feed, .jsonl:
            guard let data = FileManager.default.contents(atPath: path) else {
                return enqueue([.failure(origin: path, message: "cannot be read (permissions?)")])
            }
            enqueue(format == .feed ? FeedUnits.units(data, origin: path) : JSONLineUnits.units(data, origin: path))
        }
    }

    private func expandDirectory(_ path: String) {
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            return enqueue([.failure(origin: path, message: "directory cannot be listed")])
        }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                walker.skipDescendants()
                continue
            }
            let full = (path as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            // In a directory, only files that look like articles: images and archives
            // beside them are not errors. A file named on the command line is always read.
            let ext = URL(fileURLWithPath: full).pathExtension
            if ext.isEmpty || InputFormat.guess(path: full) != nil { files.append(full) }
        }
        files.sort()
        expected += files.count - 1
        paths.append(contentsOf: files.reversed())
    }

    private func expandStdin() {
        let reader = LineReader(FileHandle.standardInput)
        let head = reader.peek(2048)
        let format = overrides.format ?? InputFormat.sniff(head)
        if format == .jsonl {
            expected -= 1
            stdinLines = reader
            return
        }
        let data = reader.readAll()
        switch format {
        case .feed: enqueue(FeedUnits.units(data, origin: "stdin"))
        case .html, .text:
            do {
                let text = try TextDecoding.decode(data)
                enqueue([.document(PendingDocument(origin: "stdin", bytes: data,
                                                   body: format == .html ? .html(text) : .text(text)))])
            } catch {
                enqueue([.failure(origin: "stdin", message: error.description)])
            }
        case .jsonl: break
        }
    }

    private func nextStdinLine(_ reader: LineReader) -> WorkUnit? {
        while let line = reader.nextLine() {
            stdinLineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            expected += 1
            return JSONLineUnits.unit(line, origin: "stdin:\(stdinLineNumber)")
        }
        return nil
    }
}

/// Reads a file handle in chunks and splits it into lines without loading it whole, so
/// a JSON-lines stream of any length is ingested as it arrives.
final class LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var start = 0
    private var eof = false

    init(_ handle: FileHandle) { self.handle = handle }

    private func fill() -> Bool {
        guard !eof else { return false }
        let chunk = handle.availableData
        if chunk.isEmpty { eof = true; return false }
        if start > 0 { buffer.removeSubrange(buffer.startIndex..<buffer.startIndex + start); start = 0 }
        buffer.append(chunk)
        return true
    }

    func peek(_ count: Int) -> Data {
        while buffer.count - start < count, fill() {}
        return buffer.subdata(in: buffer.startIndex + start..<buffer.startIndex + min(buffer.count, start + count))
    }

    func nextLine() -> Data? {
        while true {
            let base = buffer.startIndex + start
            if let newline = buffer[base...].firstIndex(of: 0x0A) {
                let line = buffer.subdata(in: base..<newline)
                start = newline + 1 - buffer.startIndex
                return line
            }
            if !fill() {
                guard buffer.count > start else { return nil }
                let line = buffer.subdata(in: base..<buffer.endIndex)
                start = buffer.count
                return line
            }
        }
    }

    func readAll() -> Data {
        while fill() {}
        return buffer.subdata(in: buffer.startIndex + start..<buffer.endIndex)
    }
}

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
    /// The JSON-lines file or standard input being read, line by line.
    private var lines: (reader: LineReader, origin: String, number: Int)?
    /// The feed being parsed, item by item, and how many items it gave so far.
    private var feed: (stream: FeedStream, origin: String, items: Int, failed: Bool)?
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
            if lines != nil {
                if let unit = nextLine() { return unit }
                lines = nil
                continue
            }
            if feed != nil {
                if let unit = nextFeedItem() { return unit }
                feed = nil
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
        case .feed:
            guard FileManager.default.isReadableFile(atPath: path), let stream = FeedStream(path: path) else {
                return enqueue([.failure(origin: path, message: "cannot be read (permissions?)")])
            }
            expected -= 1
            feed = (stream, path, 0, false)
        case .jsonl:
            guard let handle = FileHandle(forReadingAtPath: path) else {
                return enqueue([.failure(origin: path, message: "cannot be read (permissions?)")])
            }
            expected -= 1
            lines = (LineReader(handle), path, 0)
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
            lines = (reader, "stdin", 0)
            return
        }
        if format == .feed {
            // Streamed like a feed file: the parser reads a pipe that a thread fills with the
            // sniffed head and then the rest of standard input, so a feed of a million items
            // on stdin costs the memory of a few hundred.
            guard let (stream, pipe) = reader.streamRemainder() else {
                return enqueue([.failure(origin: "stdin", message: "standard input cannot be read as a stream")])
            }
            expected -= 1
            feed = (FeedStream(stream, keepingAlive: pipe), "stdin", 0, false)
            return
        }
        // An article on standard input is one document: read whole.
        let data = reader.readAll()
        switch format {
        case .feed: break
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

    private func nextLine() -> WorkUnit? {
        guard let (reader, origin, _) = lines else { return nil }
        while let line = reader.nextLine() {
            lines!.number += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            expected += 1
            return JSONLineUnits.unit(line, origin: "\(origin):\(lines!.number)")
        }
        if lines!.number == 0 {
            expected += 1
            return .failure(origin: origin, message: "the input is empty (no JSON lines)")
        }
        return nil
    }

    private func nextFeedItem() -> WorkUnit? {
        guard let (stream, origin, _, _) = feed else { return nil }
        switch stream.next() {
        case .item(let item, let title)?:
            feed!.items += 1
            expected += 1
            return FeedUnits.unit(item, index: feed!.items, feedTitle: title, origin: origin)
        case .failure(let message)?:
            feed!.failed = true
            expected += 1
            return .failure(origin: origin, message: message)
        case nil:
            guard feed!.items == 0, !feed!.failed else { return nil }
            feed!.failed = true
            expected += 1
            return .failure(origin: origin, message: "the feed has no items")
        }
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
            if let newline = Self.firstNewline(in: buffer, from: base) {
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

    /// The index of the first LF in `data` at or after `from`, found by `memchr`.
    ///
    /// Why not `data[from...].firstIndex(of:)`: that walks the bytes one by one through
    /// the generic `Collection` path, and reading this class's `buffer` property made
    /// the runtime check exclusive access at every byte — ≈ 0.2 ms per 500-word article
    /// in ingest's release profile (round 10), on the loop that dispatches extractions.
    static func firstNewline(in data: Data, from: Int) -> Int? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
            let offset = from - data.startIndex
            guard offset >= 0, offset < raw.count, let base = raw.baseAddress,
                  let hit = memchr(base + offset, 0x0A, raw.count - offset) else { return nil }
            return data.startIndex + (UnsafeRawPointer(hit) - base)
        }
    }

    /// The bytes not read yet (buffered ones first) as an input stream, copied through a
    /// pipe by a thread of their own, and the pipe, which must outlive the stream (the
    /// stream opens the pipe's read end by name when it is first read); nil if the pipe
    /// cannot be opened. The reader must not be used afterwards.
    func streamRemainder() -> (stream: InputStream, pipe: Pipe)? {
        let pipe = Pipe()
        guard let stream = InputStream(fileAtPath: "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)") else { return nil }
        let buffered = buffer.subdata(in: buffer.startIndex + start..<buffer.endIndex)
        buffer = Data()
        start = 0
        let source = handle, sink = pipe.fileHandleForWriting
        let alreadyAtEnd = eof
        let thread = Thread {
            // A consumer that stops early leaves the pipe's read end open (held by `pipe`),
            // so this write blocks rather than raising SIGPIPE; the process exit ends it.
            try? sink.write(contentsOf: buffered)
            if !alreadyAtEnd {
                while true {
                    let chunk = source.availableData
                    if chunk.isEmpty { break }
                    do { try sink.write(contentsOf: chunk) } catch { break }
                }
            }
            try? sink.close()
        }
        thread.start()
        return (stream, pipe)
    }

    func readAll() -> Data {
        while fill() {}
        return buffer.subdata(in: buffer.startIndex + start..<buffer.endIndex)
    }
}

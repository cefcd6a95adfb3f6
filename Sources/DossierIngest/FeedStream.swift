import DossierCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A feed read item by item while it is parsed, so a feed of a million items is ingested
/// with the memory of a few hundred: XMLParser (libxml2's SAX parser) runs on its own
/// thread over an input stream and hands each finished item to a bounded buffer that the
/// ingest loop drains. Fed in blocks, libxml2 never holds the whole document, so its
/// 10 MB limit on a document pushed at once no longer applies; what remains is its limit
/// on one text node (an item's content over 10 MB), reported by name.
final class FeedStream: @unchecked Sendable {
    enum Event {
        case item(FeedItem, feedTitle: String?)
        case failure(String)
    }

    /// Items parsed ahead of the consumer at most: the memory bound.
    static let capacity = 256

    // State shared between the parsing thread and the consumer, guarded by `condition`.
    private let condition = NSCondition()
    private var buffer: [Event] = []
    private var head = 0
    private var finished = false
    private var cancelled = false
    private var delivered = 0

    /// Starts parsing `stream` (opened by the parser) on a thread of its own; `owner` (the
    /// pipe behind a stream read from standard input) is kept until parsing ends.
    init(_ stream: InputStream, keepingAlive owner: AnyObject? = nil) {
        // The stream is used by the parsing thread only, from here on.
        nonisolated(unsafe) let stream = stream, owner = owner
        let thread = Thread { [self] in
            self.parse(stream)
            withExtendedLifetime(owner) {}
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    convenience init?(path: String) {
        guard let stream = InputStream(fileAtPath: path) else { return nil }
        self.init(stream)
    }

    convenience init(data: Data) { self.init(InputStream(data: data)) }

    deinit { cancel() }

    /// The next item or failure; nil at the end of the feed. Blocks while the parser is
    /// behind (a real thread, never a task of the cooperative pool).
    func next() -> Event? {
        condition.lock()
        defer { condition.unlock() }
        while head == buffer.count && !finished { condition.wait() }
        guard head < buffer.count else { return nil }
        let event = buffer[head]
        head += 1
        if head == buffer.count { buffer.removeAll(keepingCapacity: true); head = 0 }
        condition.broadcast()
        return event
    }

    /// Stops the parser at its next item (when the consumer goes away early).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Called on the parsing thread; false when the consumer is gone.
    private func push(_ event: Event) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while buffer.count - head >= Self.capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        buffer.append(event)
        if case .item = event { delivered += 1 }
        condition.broadcast()
        return true
    }

    private func end(_ failure: String?) {
        if let failure { _ = push(.failure(failure)) }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func parse(_ stream: InputStream) {
        let parser = XMLParser(stream: stream)
        let delegate = FeedDelegate()
        // Each item is handed on when the next one ends, or when the feed ends cleanly: the
        // item libxml2 was inside when it hit an error (closed only by its recovery) is dropped.
        var pending: Event?
        delegate.onItem = { [unowned self, unowned parser] item, title in
            if let previous = pending, !self.push(previous) { parser.abortParsing() }
            pending = .item(item, feedTitle: title)
        }
        delegate.onNotFeed = { [unowned parser] in parser.abortParsing() }
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        let parsed = parser.parse()
        condition.lock()
        let gone = cancelled, items = delivered
        condition.unlock()
        // (`items` counts those handed on: the one held back at an error is not.)
        if gone { return end(nil) }
        if delegate.notFeed {
            return end("not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> element)")
        }
        if let error = delegate.error ?? (parsed ? nil : parser.parserError) {
            let line = delegate.errorLine ?? parser.lineNumber
            if (error as NSError).code == 1 {
                return end("feed item over the XML parser's limit (about \(FeedReader.maxTextBytes / 1_000_000) MB of text in one element, at line \(line); \(items) items read before it)")
            }
            return end("malformed feed at line \(line)\(items > 0 ? " (\(items) items read before it)" : ""): \(FeedReader.describe(error))")
        }
        if !delegate.sawFeed { return end("not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> element)") }
        if let pending { _ = push(pending) }
        end(nil)
    }
}

/// The input side of `dossier add` without extraction or store: how many documents and
/// failures the given paths yield. `dossier stress` uses it to show that reading a feed or
/// a JSON-lines file of a million items is linear and bounded in memory.
public enum InputScan {
    public static func count(paths: [String], overrides: IngestOverrides = .init()) -> (documents: Int, failures: [String]) {
        let walker = InputWalker(paths: paths, overrides: overrides)
        var documents = 0
        var failures: [String] = []
        while let unit = walker.next() {
            switch unit {
            case .document: documents += 1
            case .failure(let origin, let message): failures.append("\(origin): \(message)")
            }
        }
        return (documents, failures)
    }
}

import Foundation

/// How `dossier serve` runs. Defaults are the safe ones: loopback only, 1 MiB bodies.
public struct ServerSettings: Sendable {
    /// Loopback by default: an evidence base is not published unless someone says so.
    public var host: String
    /// 0 asks the system for a free port (tests).
    public var port: Int
    /// When set, every POST must carry `Authorization: Bearer <token>`.
    public var token: String?
    /// The largest request body read, in bytes; a larger one gets 413 without being read whole.
    public var maxBodyBytes: Int
    /// The most results one page of a listing returns, whatever `limit` asks.
    public var maxPageSize: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
                maxBodyBytes: Int = 1 << 20, maxPageSize: Int = 500) {
        self.host = host
        self.port = port
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.maxBodyBytes = maxBodyBytes
        self.maxPageSize = maxPageSize
    }
}

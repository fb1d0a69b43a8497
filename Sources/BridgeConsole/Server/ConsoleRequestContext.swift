import Hummingbird
import NIOCore

/// The request context of the console: Hummingbird's core storage and the client's address, which
/// the sign-in limit counts attempts by.
public struct ConsoleRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address, or "unknown" when the channel has none (in-process tests).
    public let remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// A credit sheet may be a few megabytes.
    public var maxUploadSize: Int { 8 * 1024 * 1024 }
}

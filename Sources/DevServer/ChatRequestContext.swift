import Hummingbird

/// Per-request state: the caller once their token is verified, and what the spec validated.
public struct ChatRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The `sub` of the verified ID token.
    public var userId: String?
    public var request = ValidatedRequest()

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Request bodies up to 1 MiB; larger ones are refused with 413.
    public var maxUploadSize: Int { 1 << 20 }
}

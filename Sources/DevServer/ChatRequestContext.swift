import Hummingbird

/// Per-request state for the dev server's router.
public struct ChatRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Request bodies up to 1 MiB; larger ones are refused with 413.
    public var maxUploadSize: Int { 1 << 20 }
}

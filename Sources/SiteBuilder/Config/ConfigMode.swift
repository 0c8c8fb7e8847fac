/// How the built site gets its config: embedded in every page, or one `config.json` for every stage.
public enum ConfigMode: String, Sendable, CaseIterable {
    /// The resolved config is embedded in each HTML page as `<script type="application/json">`.
    case inline
    /// The site fetches one `config.json`, so one artifact serves every stage.
    case runtime
}

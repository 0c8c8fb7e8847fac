import Foundation

/// The tokens `chat login` saved, one entry per API base URL, in a JSON file only its owner can
/// read (0600, in a 0700 folder): `$CHAT_HOME/credentials.json`, else
/// `$XDG_CONFIG_HOME/chat/credentials.json`, else `~/.config/chat/credentials.json`.
///
/// A file that cannot be read is an error naming it; it is never overwritten, so nothing stored
/// is lost to a typo made by hand.
struct CredentialStore {
    struct Entry: Codable, Equatable {
        var idToken: String
        var refreshToken: String?
        /// The OAuth 2 endpoints' origin and client id, for refreshing.
        var authOrigin: String?
        var clientId: String?
        var username: String?
    }

    struct Contents: Codable, Equatable {
        /// The server used when `--server` is not given.
        var current: String?
        var servers: [String: Entry] = [:]
    }

    let path: String

    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> CredentialStore {
        if let home = environment["CHAT_HOME"], !home.isEmpty {
            return CredentialStore(path: home + "/credentials.json")
        }
        let config =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return CredentialStore(path: config + "/chat/credentials.json")
    }

    func load() throws(ChatError) -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else { return Contents() }
        do {
            return try JSONDecoder().decode(Contents.self, from: data)
        } catch {
            throw ChatError(
                "\(path) is not a credentials file chat can read (\(error.localizedDescription)); "
                    + "fix it, or move it away and run `chat login` again")
        }
    }

    /// Writes `contents` atomically: a new 0600 file beside the old one, renamed over it.
    func save(_ contents: Contents) throws(ChatError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ChatError("cannot create \(folder): \(error.localizedDescription)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(contents) else { throw ChatError("cannot encode the credentials") }
        let temporary = path + ".new-\(getpid())"
        // open(2) rather than Data.write: the file must be 0600 from its first byte.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ChatError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == data.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ChatError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Loads, changes and saves.
    func update(_ change: (inout Contents) -> Void) throws(ChatError) {
        var contents = try load()
        change(&contents)
        try save(contents)
    }
}

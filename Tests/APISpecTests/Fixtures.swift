import Foundation

/// Where the test inputs live: the shared specs and seed fixtures beside the checkout.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `$CHATSITE_SHARED`, or `../shared` next to the package.
    static let shared: URL = {
        if let override = ProcessInfo.processInfo.environment["CHATSITE_SHARED"] {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    static func spec(_ name: String) -> String { shared.appendingPathComponent("specs/\(name)").path }
    static func seed(_ path: String) -> String { shared.appendingPathComponent("fixtures/seeds/\(path)").path }

    /// A fresh temporary folder holding `files` (name → contents).
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chatsite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }
}

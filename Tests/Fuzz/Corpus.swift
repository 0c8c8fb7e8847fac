import Foundation

/// The real files the mutations start from: the chat spec and the shared specs small enough to
/// load many times a second, and the files of `Site/`.
struct Corpus {
    var specs: [(name: String, bytes: [UInt8])] = []
    /// Site path → bytes, for every file of the site but the generated SDK.
    var site: [String: [UInt8]] = [:]
    var sitePaths: [String] = []

    /// Specs larger than this are left out: a debug build loads them too slowly to fuzz.
    static let maxSpecBytes = 300_000

    static func load(root: String, shared: String) throws -> Corpus {
        var corpus = Corpus()
        let files = FileManager.default
        var specPaths = [root + "/OpenAPI/chat-api.yaml"]
        let specsFolder = shared + "/specs"
        for name in (try? files.contentsOfDirectory(atPath: specsFolder)) ?? [] where !name.hasSuffix(".md") {
            specPaths.append(specsFolder + "/" + name)
        }
        for path in specPaths.sorted() {
            guard let data = files.contents(atPath: path), data.count <= maxSpecBytes else { continue }
            corpus.specs.append(((path as NSString).lastPathComponent, Array(data)))
        }
        let siteFolder = root + "/Site"
        guard let enumerator = files.enumerator(atPath: siteFolder) else {
            throw CorpusError(message: "cannot read \(siteFolder)")
        }
        for case let path as String in enumerator where !path.hasPrefix("sdk") && !path.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: siteFolder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = files.contents(atPath: siteFolder + "/" + path)
            else { continue }
            corpus.site[path] = Array(data)
        }
        corpus.sitePaths = corpus.site.keys.sorted()
        guard !corpus.specs.isEmpty, !corpus.site.isEmpty else {
            throw CorpusError(message: "no specs or no site files found under \(root)")
        }
        return corpus
    }
}

struct CorpusError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

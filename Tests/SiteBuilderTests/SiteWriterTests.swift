import Foundation
import Testing

@testable import SiteBuilder

@Suite("Site writer")
struct SiteWriterTests {
    private func temporary() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dist-\(UUID().uuidString)").path
    }

    private func build(_ text: String) -> [OutputFile] {
        [
            OutputFile(path: "index.html", data: Data(text.utf8), isHashed: false),
            OutputFile(path: "assets/app.0123abcd.js", data: Data("x".utf8), isHashed: true),
            OutputFile(path: DeployArtifacts.manifestPath, data: Data("{}".utf8), isHashed: false),
        ]
    }

    @Test func aFailedWriteLeavesThePreviousSiteIntact() throws {
        let out = temporary()
        try SiteWriter.write(build("first"), to: out)
        #expect(throws: SiteWriter.Failure.self) { try SiteWriter.write(build("second"), to: out, failingAfter: 1) }
        #expect(FileManager.default.contents(atPath: out + "/index.html") == Data("first".utf8))
        let siblings = try FileManager.default.contentsOfDirectory(atPath: (out as NSString).deletingLastPathComponent)
        #expect(!siblings.contains { $0.hasPrefix("." + (out as NSString).lastPathComponent + ".new-") })
        try SiteWriter.write(build("second"), to: out)
        #expect(FileManager.default.contents(atPath: out + "/index.html") == Data("second".utf8))
    }

    @Test func filesOfAnOlderBuildDoNotLinger() throws {
        let out = temporary()
        try SiteWriter.write(build("first"), to: out)
        try SiteWriter.write(Array(build("second").dropFirst()), to: out)
        #expect(!FileManager.default.fileExists(atPath: out + "/index.html"))
    }

    @Test func aRebuildLinksWhatDidNotChangeAndWritesTheRest() throws {
        let out = temporary()
        try SiteWriter.write(build("first"), to: out)
        func inode(_ path: String) throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: out + "/" + path)[.systemFileNumber] as? Int
        }
        let (script, page) = (try inode("assets/app.0123abcd.js"), try inode("index.html"))
        // A file edited in the old build by hand is not carried over: only identical bytes are linked.
        try Data("y".utf8).write(to: URL(fileURLWithPath: out + "/" + DeployArtifacts.manifestPath))
        try SiteWriter.write(build("second"), to: out)
        #expect(try inode("assets/app.0123abcd.js") == script, "unchanged: the same file, linked")
        #expect(try inode("index.html") != page)
        #expect(FileManager.default.contents(atPath: out + "/index.html") == Data("second".utf8))
        #expect(FileManager.default.contents(atPath: out + "/" + DeployArtifacts.manifestPath) == Data("{}".utf8))
        let links = try FileManager.default.attributesOfItem(atPath: out + "/assets/app.0123abcd.js")[.referenceCount]
        #expect(links as? Int == 1, "the old build is gone, so the file has one name again")
    }

    @Test func aSymbolicLinkInTheOldBuildIsNotFollowed() throws {
        let out = temporary()
        try SiteWriter.write(build("first"), to: out)
        let outside = temporary()
        try Data("first".utf8).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.removeItem(atPath: out + "/index.html")
        try FileManager.default.createSymbolicLink(atPath: out + "/index.html", withDestinationPath: outside)
        try SiteWriter.write(build("first"), to: out)
        let type = try FileManager.default.attributesOfItem(atPath: out + "/index.html")[.type] as? FileAttributeType
        #expect(type == .typeRegular)
        #expect(FileManager.default.contents(atPath: out + "/index.html") == Data("first".utf8))
    }

    @Test func aFolderThatIsNotABuildIsNeverReplaced() throws {
        let out = temporary()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
        #expect {
            try SiteWriter.write(build("x"), to: out)
        } throws: { error in
            "\(error)".contains("exists and is not a chatsite build (it has no .chatsite/manifest.json)")
        }
        #expect(FileManager.default.contents(atPath: out + "/notes.txt") == Data("keep me".utf8))
    }
}

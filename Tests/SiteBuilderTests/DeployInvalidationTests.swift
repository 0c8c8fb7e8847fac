import Foundation
import Testing

@testable import SiteBuilder

@Suite("Deploy: invalidations")
struct DeployInvalidationTests {
    typealias Site = DeployManifestTests

    static let allUnhashed = [
        "/", "/config.json", "/docs/", "/docs/index.html", "/favicon.ico", "/index.html", "/robots.txt",
    ]

    static func previous() throws -> Data {
        try Site.make().manifest.json()
    }

    @Test func withoutAPreviousManifestEveryUnhashedPathIsInvalidated() throws {
        let artifacts = try Site.make()
        #expect(artifacts.invalidations == Self.allUnhashed)
        #expect(artifacts.manifest.invalidation.reason == "no previous manifest: every unhashed path is invalidated")
        #expect(artifacts.warnings.isEmpty)
    }

    @Test func anUnreadablePreviousManifestInvalidatesEverythingWithAWarning() throws {
        for (data, why) in [
            (Data("not json".utf8), "is not JSON"),
            (Data(#"{"objects": 3}"#.utf8), "is not a chatsite deploy manifest"),
            (Data(#"{"version": 2}"#.utf8), "has version 2, this build writes version 1"),
        ] {
            let artifacts = try Site.make(previous: data)
            let reason = "the previous manifest \(why): every unhashed path is invalidated"
            #expect(artifacts.invalidations == Self.allUnhashed)
            #expect(artifacts.manifest.invalidation.reason == reason)
            #expect(artifacts.warnings == [reason])
        }
    }

    @Test func anUnchangedSiteInvalidatesNothing() throws {
        let artifacts = try Site.make(previous: try Self.previous())
        #expect(artifacts.invalidations == [])
        #expect(
            artifacts.manifest.invalidation.reason
                == "compared with the previous manifest: unhashed paths added, changed or removed"
        )
    }

    @Test func aChangedPageInvalidatesItsPathAndItsDirectory() throws {
        var site = Site.site
        let docs = try #require(site.firstIndex { $0.path == "docs/index.html" })
        site[docs].data += Data("<p>more</p>".utf8)
        #expect(try Site.make(site, previous: try Self.previous()).invalidations == ["/docs/", "/docs/index.html"])

        let root = try #require(site.firstIndex { $0.path == "index.html" })
        site[root].data += Data("<p>more</p>".utf8)
        #expect(
            try Site.make(site, previous: try Self.previous()).invalidations
                == ["/", "/docs/", "/docs/index.html", "/index.html"]
        )
    }

    @Test func aChangedHashedAssetInvalidatesNothing() throws {
        var site = Site.site
        let script = try #require(site.firstIndex { $0.path == "assets/app.3f9a1c2e.js" })
        site[script] = OutputFile(path: "assets/app.77aa88bb.js", data: Data("export {}".utf8), isHashed: true)
        #expect(try Site.make(site, previous: try Self.previous()).invalidations == [])
    }

    @Test func removedAndAddedUnhashedFilesAreInvalidated() throws {
        var site = Site.site.filter { $0.path != "robots.txt" }
        site.append(OutputFile(path: "docs/read me.txt", data: Data("hi".utf8), isHashed: false))
        #expect(
            try Site.make(site, previous: try Self.previous()).invalidations == ["/docs/read%20me.txt", "/robots.txt"]
        )
    }

    @Test func aChangedCachePolicyIsAChange() throws {
        var site = Site.site
        let favicon = try #require(site.firstIndex { $0.path == "favicon.ico" })
        site[favicon].isHashed = true
        let previous = try Site.make(site, previous: nil).manifest.json()
        #expect(try Site.make(previous: previous).invalidations == ["/favicon.ico"])
    }
}

import Foundation
import Testing

/// `chatsite build` as a process: the bundled app, a legacy placeholder site, and bad config.
@Suite("chatsite build")
struct BuildCommandTests {
    let cli = CommandLineTests()

    func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("chatsite-build-\(UUID())").path
    }

    /// Every file under `directory`, by relative path.
    func contents(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files[path] = FileManager.default.contents(atPath: directory + "/" + path)
            }
        }
        return files
    }

    @Test func buildsTheBundledAppTwiceToTheSameBytes() throws {
        let out = folder()
        let first = try cli.run("build", "--stage", "local", "--out", out)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("config runtime"))
        var built = try contents(out)
        for path in [
            "index.html", "help.html", "about.html", "reference.html", "config.json", ".chatsite/manifest.json",
            ".chatsite/cloudfront-headers-policy.json",
        ] {
            #expect(built[path] != nil, "\(path)")
        }
        #expect(built.keys.contains { $0.hasPrefix("sdk/index.") && $0.hasSuffix(".js") })
        #expect(!built.keys.contains { $0.hasSuffix(".md") || $0.hasPrefix("_layouts") })
        let config = try JSONSerialization.jsonObject(with: built["config.json"]!) as? [String: String]
        #expect(config?["websocketUrl"] == "ws://127.0.0.1:8080/ws")
        let second = try cli.run("build", "--stage", "local", "--out", out)
        #expect(second.status == 0)
        #expect(second.output.contains("invalidate: nothing (see .chatsite/manifest.json)"))
        // Byte-identical, but for the manifest's invalidations: the first build had no previous one.
        var again = try contents(out)
        again[".chatsite/manifest.json"] = nil
        built[".chatsite/manifest.json"] = nil
        #expect(again == built)
    }

    @Test func fillsALegacySitesPlaceholdersFromStackOutputs() throws {
        let out = folder()
        let fixture = "Tests/SiteBuilderTests/Fixtures/legacy-site"
        let outcome = try cli.run(
            "build", "--project", "\(fixture)/chatsite.yaml", "--outputs", "\(fixture)/outputs.json", "--out", out)
        #expect(outcome.status == 0, "\(outcome.errors)")
        let built = try contents(out)
        let script = try #require(built.first { $0.key.hasPrefix("main.") && $0.key.hasSuffix(".js") }?.value)
        let text = String(decoding: script, as: UTF8.self)
        #expect(!text.contains("YOUR_"))
        #expect(text.contains("us-east-2_Lg4cyR00m"))
        #expect(text.contains("https://legacy-chatroom.auth.us-east-2.amazoncognito.com"))
        #expect(!text.contains("https://https://"))
        #expect(text.contains("https://g3tm5g5a1b.execute-api.us-east-2.amazonaws.com/prod/messages"))
    }

    @Test func badConfigReportsEveryProblemAndWritesNothing() throws {
        let out = folder()
        #expect(try cli.run("build", "--stage", "local", "--out", out).status == 0)
        let before = try contents(out)
        let outcome = try cli.run(
            "build", "--stage", "local", "--out", out, "--set", "apiUrl=https://https://api.example.com",
            "--set", "userPoolId=not-a-pool", "--set", "websocketUrl=http://chat.example.com/ws")
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("apiUrl"))
        #expect(outcome.errors.contains("userPoolId"))
        #expect(outcome.errors.contains("websocketUrl"))
        #expect(outcome.errors.contains("chatsite build: 3 errors; nothing was written"))
        #expect(try contents(out) == before)
    }
}

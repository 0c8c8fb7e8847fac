import CompressNIO
import Crypto
import Foundation
import NIOCore
import Testing

@testable import SiteBuilder

@Suite("Deploy: manifest")
struct DeployManifestTests {
    static let page = Data(String(repeating: "<p>Welcome to the chat room.</p>\n", count: 40).utf8)
    static let script = Data(String(repeating: "export const room = (id) => fetch(`/rooms/${id}`);\n", count: 40).utf8)

    static let site: [OutputFile] = [
        OutputFile(path: "index.html", data: page, isHashed: false),
        OutputFile(path: "docs/index.html", data: page + Data("docs".utf8), isHashed: false),
        OutputFile(path: "config.json", data: Data(#"{"region":"eu-west-1"}"#.utf8), isHashed: false),
        OutputFile(path: "assets/app.3f9a1c2e.js", data: script, isHashed: true),
        OutputFile(path: "assets/logo.1a2b3c4d.png", data: Data(repeating: 7, count: 2048), isHashed: true),
        OutputFile(path: "favicon.ico", data: Data(repeating: 0, count: 1024), isHashed: false),
        OutputFile(path: "robots.txt", data: Data("User-agent: *\n".utf8), isHashed: false),
    ]

    static func make(_ files: [OutputFile] = site, previous: Data? = nil) throws -> DeployArtifacts {
        let headers = try SecurityHeaders(connectSources: ["https://api.example.com"])
        return DeployArtifacts.make(
            files: files, previousManifest: previous, headers: headers, compressor: Precompressor())
    }

    @Test func cacheControlDependsOnKindAndHashing() throws {
        let objects = Dictionary(
            uniqueKeysWithValues: try Self.make().manifest.objects.map { ($0.key, $0.cacheControl) })
        #expect(
            objects == [
                "index.html": "no-cache",
                "docs/index.html": "no-cache",
                "config.json": "no-cache",
                "assets/app.3f9a1c2e.js": "public, max-age=31536000, immutable",
                "assets/logo.1a2b3c4d.png": "public, max-age=31536000, immutable",
                "favicon.ico": "public, max-age=300",
                "robots.txt": "public, max-age=300",
            ]
        )
    }

    @Test func uploadOrderIsAssetsThenConfigThenPages() throws {
        let phases = try Self.make().manifest.uploadPhases
        #expect(phases.map(\.phase) == [1, 2, 3])
        #expect(phases.map(\.name) == ["assets", "config", "html"])
        #expect(
            phases[0].keys == ["assets/app.3f9a1c2e.js", "assets/logo.1a2b3c4d.png", "favicon.ico", "robots.txt"]
        )
        #expect(phases[1].keys == ["config.json"])
        #expect(phases[2].keys == ["docs/index.html", "index.html"])
    }

    @Test func sizesHashesAndVariantsMatchTheData() throws {
        let artifacts = try Self.make()
        let written = Dictionary(uniqueKeysWithValues: artifacts.files.map { ($0.path, $0.data) })
        let sources = Dictionary(uniqueKeysWithValues: Self.site.map { ($0.path, $0) })
        #expect(artifacts.manifest.objects.map(\.key) == sources.keys.sorted())
        for object in artifacts.manifest.objects {
            let source = try #require(sources[object.key])
            #expect(object.size == source.data.count)
            #expect(object.sha256 == Self.hex(source.data))
            #expect(object.hashed == source.isHashed)
            #expect(object.contentType == ContentTypes.type(forPath: object.key))
            for variant in object.encodings {
                let data = try #require(written[variant.path], "\(variant.path) is not written")
                #expect(variant.size == data.count && data.count < source.data.count)
                #expect(variant.sha256 == Self.hex(data))
                #expect(
                    try Self.decode(data, encoding: variant.contentEncoding, size: source.data.count) == source.data)
            }
        }
        let script = try #require(artifacts.manifest.objects.first { $0.key == "assets/app.3f9a1c2e.js" })
        #expect(
            script.encodings.map(\.path) == [
                ".chatsite/encoded/assets/app.3f9a1c2e.js.br", ".chatsite/encoded/assets/app.3f9a1c2e.js.gz",
            ]
        )
        let png = try #require(artifacts.manifest.objects.first { $0.key == "assets/logo.1a2b3c4d.png" })
        #expect(png.encodings.isEmpty)  // compressible bytes, but PNG is never precompressed
        #expect(artifacts.files.allSatisfy { $0.path.hasPrefix(".chatsite/") && !$0.isHashed })
        #expect(written[".chatsite/manifest.json"] == artifacts.manifest.json())
        #expect(written[".chatsite/cloudfront-headers-policy.json"] != nil)
    }

    @Test func theSameFilesGiveByteIdenticalArtefacts() throws {
        let first = try Self.make()
        let second = try Self.make(Self.site.reversed())
        #expect(first.files == second.files)
        #expect(try DeployManifest.decode(first.manifest.json()) == first.manifest)
    }

    @Test func theManifestJSONIsExact() throws {
        let files = [
            OutputFile(path: "robots.txt", data: Data("User-agent: *\n".utf8), isHashed: false),
            OutputFile(path: "index.html", data: Data("<p>".utf8), isHashed: false),
            OutputFile(path: "config.json", data: Data("{}".utf8), isHashed: false),
            OutputFile(path: "logo.1a2b3c4d.png", data: Data(repeating: 0, count: 64), isHashed: true),
        ]
        let json = String(decoding: try Self.make(files).manifest.json(), as: UTF8.self)
        #expect(json == Self.goldenManifest)
    }

    static let goldenManifest = """
        {
          "invalidation" : {
            "paths" : [
              "/",
              "/config.json",
              "/index.html",
              "/robots.txt"
            ],
            "reason" : "no previous manifest: every unhashed path is invalidated"
          },
          "objects" : [
            {
              "cacheControl" : "no-cache",
              "contentType" : "application/json",
              "encodings" : [

              ],
              "hashed" : false,
              "key" : "config.json",
              "sha256" : "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
              "size" : 2
            },
            {
              "cacheControl" : "no-cache",
              "contentType" : "text/html; charset=utf-8",
              "encodings" : [

              ],
              "hashed" : false,
              "key" : "index.html",
              "sha256" : "33f2799467177287a29260780a107ac98ea63dd6165f67fcc0d74767d0a82090",
              "size" : 3
            },
            {
              "cacheControl" : "public, max-age=31536000, immutable",
              "contentType" : "image/png",
              "encodings" : [

              ],
              "hashed" : true,
              "key" : "logo.1a2b3c4d.png",
              "sha256" : "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b",
              "size" : 64
            },
            {
              "cacheControl" : "public, max-age=300",
              "contentType" : "text/plain; charset=utf-8",
              "encodings" : [

              ],
              "hashed" : false,
              "key" : "robots.txt",
              "sha256" : "fd89345af6aca5dab85f2aa6a830e270a362b1fa6b5f19607ddd773a081ed651",
              "size" : 14
            }
          ],
          "uploadPhases" : [
            {
              "keys" : [
                "logo.1a2b3c4d.png",
                "robots.txt"
              ],
              "name" : "assets",
              "phase" : 1
            },
            {
              "keys" : [
                "config.json"
              ],
              "name" : "config",
              "phase" : 2
            },
            {
              "keys" : [
                "index.html"
              ],
              "name" : "html",
              "phase" : 3
            }
          ],
          "version" : 1,
          "warnings" : [

          ]
        }

        """

    @Test func aKeptCompressorCompressesOnlyWhatChanged() throws {
        let headers = try SecurityHeaders()
        let compressor = Precompressor()
        _ = DeployArtifacts.make(files: Self.site, previousManifest: nil, headers: headers, compressor: compressor)
        let compressible = 6  // all but the PNG
        #expect(compressor.statistics == .init(hits: 0, misses: compressible))

        var changed = Self.site
        changed[0].data += Data("<p>new</p>".utf8)
        _ = DeployArtifacts.make(files: changed, previousManifest: nil, headers: headers, compressor: compressor)
        #expect(compressor.statistics == .init(hits: compressible - 1, misses: compressible + 1))
        #expect(compressor.cachedCount == compressible)  // the old index.html is forgotten
    }

    @Test func filesUnderTheArtefactFolderAreNotObjects() throws {
        let stale = OutputFile(path: ".chatsite/manifest.json", data: Data("{}".utf8), isHashed: false)
        let artifacts = try Self.make(Self.site + [stale])
        #expect(!artifacts.manifest.objects.contains { $0.key.hasPrefix(".chatsite/") })
    }

    static func hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    static func decode(_ data: Data, encoding: String, size: Int) throws -> Data? {
        switch encoding {
        case "gzip":
            var buffer = ByteBuffer(bytes: data)
            return Data(try buffer.decompress(with: .gzip()).readableBytesView)
        case "br":
            return try #require(BrotliDecoder.system).decompress(data, expectedSize: size)
        default:
            Issue.record("unexpected encoding \(encoding)")
            return nil
        }
    }
}

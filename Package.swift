// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "chatsite",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chatsite", targets: ["chatsite"]),
        .executable(name: "chat", targets: ["chat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // External loading is off: APISpec bundles relative-file `$ref`s itself, with source locations.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0", traits: []),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        // For the dev server's fan-out, which writes to its channels directly (already in the graph
        // through Hummingbird).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "chatsite",
            dependencies: [
                "APISpec", "DevServer", "SDKGenerator", "SiteBuilder",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "chat",
            dependencies: [
                "ChatClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ]
        ),
        .target(
            name: "APISpec",
            dependencies: [
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
                .product(name: "OpenAPIKitCompat", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "SDKGenerator",
            dependencies: ["APISpec"],
            resources: [
                .embedInCode("Runtime/runtime.js"), .embedInCode("Runtime/runtime.d.ts"),
                .embedInCode("Runtime/Swift/Coding.swift.txt"), .embedInCode("Runtime/Swift/Client.swift.txt"),
                .embedInCode("Runtime/Swift/Request.swift.txt"), .embedInCode("Runtime/Swift/Realtime.swift.txt"),
            ]
        ),
        .target(
            name: "SiteBuilder",
            dependencies: [
                "APISpec", "SDKGenerator", "CLibXML2", "CCmark", "CBrotli",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DevServer",
            dependencies: [
                "APISpec", "ChatBackend", "SiteBuilder",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The Swift client generated from OpenAPI/chat-api.yaml; SDKGeneratorTests fails when it is stale.
        .target(name: "ChatClient"),
        .target(
            name: "ChatBackend",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")]
        ),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlienc", providers: [.apt(["libbrotli-dev"])]),
        .executableTarget(
            name: "ServeBench",
            dependencies: [
                "DevServer", "CEpoll", .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            path: "Benchmarks/ServeBench"
        ),
        .systemLibrary(name: "CEpoll", path: "Benchmarks/CEpoll"),
        .executableTarget(name: "BuildBench", dependencies: ["SiteBuilder", "APISpec"], path: "Benchmarks/BuildBench"),
        .executableTarget(name: "Fuzz", dependencies: ["APISpec", "SDKGenerator", "SiteBuilder"], path: "Tests/Fuzz"),
        .testTarget(name: "APISpecTests", dependencies: ["APISpec"]),
        .testTarget(name: "ChatBackendTests", dependencies: ["ChatBackend"]),
        .testTarget(name: "ChatClientTests", dependencies: ["ChatClient"]),
        .testTarget(
            name: "SDKGeneratorTests", dependencies: ["SDKGenerator", "APISpec"],
            exclude: ["js", "golden"]
        ),
        .testTarget(
            name: "DevServerTests",
            dependencies: [
                "DevServer", "APISpec", "ChatBackend",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "SiteBuilderTests", dependencies: ["SiteBuilder", "APISpec"], exclude: ["Fixtures"]),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CLibXML2", "CCmark"]),
        .testTarget(
            name: "ChatsiteTests",
            dependencies: ["DevServer", .product(name: "HummingbirdWSClient", package: "hummingbird-websocket")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

import APISpec
import Foundation
import SiteBuilder

// Times `chatsite build`'s pipeline in one process: full builds (a new builder and an empty
// compression cache each time: spec, SDK, pages, hashing, rewriting, manifest and precompression,
// atomic write) and incremental rebuilds as `chatsite serve` does them (one kept builder, one
// Markdown page changed each time, the site rebuilt in memory). Run by scripts/bench-build, which
// adds the peer (hugo).
//
// Usage: BuildBench PROJECT_FILE STAGE CHANGED_PAGE [RUNS]

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("usage: BuildBench PROJECT_FILE STAGE CHANGED_PAGE [RUNS]\n".utf8))
    exit(2)
}
let (projectPath, stage, changedPage) = (arguments[1], arguments[2], arguments[3])
let runs = arguments.count > 4 ? Int(arguments[4]) ?? 5 : 5
guard let project = ProjectFile.load(path: projectPath).0?.resolvingPaths(),
    let config = ConfigResolver(project: project).resolve(stage: stage, outputs: [], flags: []).0
else {
    FileHandle.standardError.write(Data("BuildBench: \(projectPath) or its stage \(stage) has errors\n".utf8))
    exit(1)
}
let headers = try SecurityHeaders(connectSources: config.connectSources, formActions: config.formActions)
let out = FileManager.default.temporaryDirectory.appendingPathComponent("buildbench-\(UUID())").path

func makeBuilder() -> SiteBuilder {
    let spec = project.spec.map { SpecLoader().load(path: $0, decode: false) }
    return SiteBuilder(settings: .init(project: project, config: config, headers: headers, spec: spec))
}

/// One build as `chatsite build` does it; returns milliseconds and the number of files.
func build(_ builder: SiteBuilder, _ compressor: Precompressor) throws -> (Double, Int) {
    let started = ContinuousClock.now
    let output = builder.build()
    guard !output.failed else {
        for diagnostic in output.diagnostics { print(diagnostic) }
        exit(1)
    }
    let artifacts = DeployArtifacts.make(
        files: output.files, previousManifest: SiteWriter.previousManifest(in: out), headers: headers,
        compressor: compressor)
    try SiteWriter.write(output.files + artifacts.files, to: out)
    return (milliseconds(since: started), output.files.count)
}

func milliseconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

var full: [Double] = []
var files = 0
for _ in 0..<runs {
    let started = ContinuousClock.now
    let builder = makeBuilder()  // spec loading counts: a full build starts from nothing
    (_, files) = try build(builder, Precompressor())
    full.append(milliseconds(since: started))
}
let builder = makeBuilder()
_ = builder.build()
let page = project.site + "/" + changedPage
let original = try Data(contentsOf: URL(fileURLWithPath: page))
var incremental: [Double] = []
var rewritten = 0
for run in 0..<runs {
    try (original + Data("\nChanged in run \(run).\n".utf8)).write(to: URL(fileURLWithPath: page))
    let started = ContinuousClock.now
    let output = builder.build()
    incremental.append(milliseconds(since: started))
    rewritten = output.pagesRewritten
}
try original.write(to: URL(fileURLWithPath: page))
try? FileManager.default.removeItem(atPath: out)
print(
    String(
        format: "files=%d full_ms=%.1f incremental_ms=%.1f incremental_pages_rewritten=%d", files, median(full),
        median(incremental), rewritten))

import Foundation

// The robustness fuzzer for the spec loader and the site pipeline: generated malformed input for a
// bounded time, each input in a watched worker process, so a crash or a hang is caught, saved under
// .build/fuzz-failures and reported with the seed that makes it again. Run by scripts/fuzz-test.

let options: FuzzOptions
do {
    options = try FuzzOptions(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("Fuzz: \(error)\n".utf8))
    exit(2)
}
let corpus: Corpus
do {
    corpus = try Corpus.load(root: options.root, shared: options.sharedFolder)
} catch {
    FileHandle.standardError.write(Data("Fuzz: \(error)\n".utf8))
    exit(2)
}

if options.isWorker {
    do { try Worker.run(options: options, corpus: corpus) } catch {
        FileHandle.standardError.write(Data("Fuzz worker: \(error)\n".utf8))
        exit(3)
    }
    exit(0)
}

if options.replay != nil || options.file != nil {
    var input: FuzzInput
    if let file = options.file {
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("Fuzz: cannot read \(file)\n".utf8))
            exit(2)
        }
        let target = options.only ?? .spec
        let name = (file as NSString).lastPathComponent
        input = FuzzInput(target: target, path: options.path ?? name, bytes: Array(data), label: "the file \(file)")
    } else {
        input = FuzzInput.make(seed: options.seed, index: options.replay!, corpus: corpus, only: options.only)
    }
    print("running \(input.target.rawValue) \(input.path): \(input.label)")
    let started = Date()
    let scratch = NSTemporaryDirectory() + "chatsite-fuzz-\(getpid())"
    let outcome = try InputRunner(corpus: corpus, scratch: scratch).run(input)
    try? FileManager.default.removeItem(atPath: scratch)  // exit() skips a defer
    print(outcome.violation.map { "violation: \($0)" } ?? (outcome.diagnosed ? "ok: error diagnostics" : "ok"))
    for error in outcome.errors.prefix(10) { print("  \(error)") }
    print(String(format: "%.0f ms", Date().timeIntervalSince(started) * 1000))
    exit(outcome.violation == nil ? 0 : 1)
}

print(
    "fuzz: seed \(options.seed), \(Int(options.seconds)) s, \(options.timeout) s per input; corpus: "
        + "\(corpus.specs.count) specs, \(corpus.site.count) site files")
let started = Date()
var supervisor = Supervisor(options: options, corpus: corpus)
let passed = try supervisor.run()
let seconds = Date().timeIntervalSince(started)
print(
    String(
        format: "fuzz: %d inputs in %.1f s (%.0f/s), %d with error diagnostics, slowest %d ms (input %d); %d failures",
        supervisor.tried, seconds, Double(supervisor.tried) / seconds, supervisor.diagnosed, supervisor.slowest.ms,
        supervisor.slowest.index, supervisor.failures.count))
for (target, figures) in supervisor.perTarget.sorted(by: { $0.key < $1.key }) {
    print("  \(target): \(figures.count) inputs, mean \(figures.ms / max(1, figures.count)) ms")
}
exit(passed ? 0 : 1)

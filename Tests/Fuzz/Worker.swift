import Foundation

/// The child process: runs inputs `start…` until the deadline, announcing each on stdout before
/// it runs (`> index`), so the supervisor knows which input a crash or hang belongs to.
///
/// Lines: `> index` before an input, `< index diagnosed milliseconds target` after it, `! index message` for a
/// broken promise, and `=` at the end.
enum Worker {
    static func run(options: FuzzOptions, corpus: Corpus) throws {
        let scratch = NSTemporaryDirectory() + "chatsite-fuzz-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let runner = try InputRunner(corpus: corpus, scratch: scratch)
        let deadline = ContinuousClock.now + .milliseconds(Int(options.seconds * 1000))
        var index = options.start
        var tried = 0
        while ContinuousClock.now < deadline && (options.count == nil || tried < options.count!) {
            let input = FuzzInput.make(seed: options.seed, index: index, corpus: corpus, only: options.only)
            say("> \(index)")
            let started = ContinuousClock.now
            let outcome = runner.run(input)
            let elapsed = ContinuousClock.now - started
            let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            if let violation = outcome.violation {
                say("! \(index) \(violation.replacingOccurrences(of: "\n", with: " "))")
            }
            say("< \(index) \(outcome.diagnosed ? 1 : 0) \(ms) \(input.target.rawValue)")
            tried += 1
            index += 1
        }
        say("=")
    }

    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

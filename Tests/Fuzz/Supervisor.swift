import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs workers until the time is up, watching each input: a worker that dies or goes quiet for
/// longer than the timeout is a crash or a hang on the input it announced last. That input is
/// made again from the seed, saved under the failures folder, and a new worker goes on after it.
struct Supervisor {
    let options: FuzzOptions
    let corpus: Corpus
    var tried = 0
    var diagnosed = 0
    var slowest = (ms: 0, index: -1)
    /// Per target: inputs run and their milliseconds.
    var perTarget: [String: (count: Int, ms: Int)] = [:]
    var failures: [String] = []

    init(options: FuzzOptions, corpus: Corpus) {
        self.options = options
        self.corpus = corpus
    }

    mutating func run() throws -> Bool {
        let deadline = Date().addingTimeInterval(options.seconds)
        var next = options.start
        while Date() < deadline {
            let (stopped, last) = try runWorker(from: next, seconds: deadline.timeIntervalSinceNow)
            guard let (kind, index) = stopped else { break }
            record(kind, index: index, detail: last)
            next = index + 1
        }
        return failures.isEmpty
    }

    /// One worker from input `start`; returns how it stopped early (crash or hang, and the input), if it did.
    private mutating func runWorker(from start: Int, seconds: Double) throws -> ((String, Int)?, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
        var arguments = ["--worker", "--seed", "\(options.seed)", "--start", "\(start)", "--seconds", "\(seconds)"]
        arguments += ["--root", options.root, "--shared", options.sharedFolder]
        if let only = options.only { arguments += ["--only", only.rawValue] }
        process.arguments = arguments
        // A crash is reported here with its input; the replay gives the backtrace, which takes seconds to print.
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let fd = pipe.fileHandleForReading.fileDescriptor
        var buffer: [UInt8] = []
        var current = start - 1
        var lastLine = ""
        var quietSince = Date()
        var finished = false
        while true {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 200)
            if ready > 0 {
                var chunk = [UInt8](repeating: 0, count: 4096)
                let count = read(fd, &chunk, chunk.count)
                if count <= 0 { break }
                buffer += chunk[..<count]
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[..<newline], as: UTF8.self)
                    buffer.removeSubrange(...newline)
                    handle(line, current: &current, finished: &finished)
                    lastLine = line
                    quietSince = Date()
                }
            } else if Date().timeIntervalSince(quietSince) > options.timeout {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                cleanUp(process.processIdentifier)
                return (("hang", current), "no answer in \(options.timeout) s")
            }
        }
        process.waitUntilExit()
        cleanUp(process.processIdentifier)
        if finished && process.terminationStatus == 0 { return (nil, lastLine) }
        let how =
            process.terminationReason == .uncaughtSignal
            ? "signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
        return (("crash", current), how)
    }

    private mutating func handle(_ line: String, current: inout Int, finished: inout Bool) {
        let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
        switch fields.first {
        case ">":
            current = Int(fields[1]) ?? current
            tried += 1
        case "<":
            let parts = line.split(separator: " ").dropFirst().map(String.init)
            guard parts.count == 4, let index = Int(parts[0]), let ms = Int(parts[2]) else { return }
            diagnosed += parts[1] == "1" ? 1 : 0
            if ms > slowest.ms { slowest = (ms, index) }
            perTarget[parts[3], default: (0, 0)].count += 1
            perTarget[parts[3], default: (0, 0)].ms += ms
        case "!": record("violation", index: Int(fields[1]) ?? current, detail: fields.count > 2 ? fields[2] : "")
        case "=": finished = true
        default: break
        }
    }

    private mutating func record(_ kind: String, index: Int, detail: String) {
        let input = FuzzInput.make(seed: options.seed, index: index, corpus: corpus, only: options.only)
        let name = "seed\(options.seed)-input\(index)-\(kind)-" + input.path.replacingOccurrences(of: "/", with: "_")
        let folder = options.failuresFolder
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? Data(input.bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        let line =
            "\(kind.uppercased()): input \(index) (\(input.target.rawValue): \(input.label)): \(detail)\n"
            + "  saved \(folder)/\(name); again: Fuzz --seed \(options.seed) --replay \(index)"
        print(line)
        failures.append(line)
    }

    /// A worker killed mid-run leaves its scratch folder behind.
    private func cleanUp(_ pid: Int32) {
        try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "chatsite-fuzz-\(pid)")
    }
}

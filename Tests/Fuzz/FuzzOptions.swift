import Foundation

/// The command line: `Fuzz [--seconds N] [--seed S] [--timeout T] [--only spec|site] [--replay I]`.
struct FuzzOptions {
    var seconds = 60.0
    var seed = UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000
    /// Seconds one input may take before it counts as a hang.
    var timeout = 15.0
    var only: FuzzInput.Target?
    var replay: Int?
    /// A saved input to run once: as a spec, or with `--only site` as the site file `--path`.
    var file: String?
    var path: String?
    var root = FileManager.default.currentDirectoryPath
    var shared: String?
    var failures: String?
    /// Internal: this process is a worker started by the supervisor.
    var isWorker = false
    var start = 0
    var count: Int?

    static let usage = """
        usage: Fuzz [--seconds N] [--seed S] [--timeout T] [--only spec|site] [--replay INDEX]
                    [--file SAVED_INPUT [--path SITE_PATH]]
                    [--root CHECKOUT] [--shared FOLDER] [--failures FOLDER]
        """

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ name: String) throws -> String {
            guard let value = rest.popFirst() else {
                throw CorpusError(message: "\(name) needs a value\n\(Self.usage)")
            }
            return value
        }
        func number<T: LosslessStringConvertible>(_ name: String) throws -> T {
            let text = try value(name)
            guard let number = T(text) else { throw CorpusError(message: "\(name): '\(text)' is not a number") }
            return number
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--seconds": seconds = try number(argument)
            case "--seed": seed = try number(argument)
            case "--timeout": timeout = try number(argument)
            case "--replay": replay = try number(argument)
            case "--file": file = try value(argument)
            case "--path": path = try value(argument)
            case "--start": start = try number(argument)
            case "--count": count = try number(argument)
            case "--root": root = try value(argument)
            case "--shared": shared = try value(argument)
            case "--failures": failures = try value(argument)
            case "--worker": isWorker = true
            case "--only":
                let text = try value(argument)
                guard let target = FuzzInput.Target(rawValue: text) else {
                    throw CorpusError(message: "--only: '\(text)' is not spec or site")
                }
                only = target
            default: throw CorpusError(message: "unknown argument '\(argument)'\n\(Self.usage)")
            }
        }
    }

    var sharedFolder: String {
        shared ?? ProcessInfo.processInfo.environment["CHATSITE_SHARED"] ?? (root + "/../shared")
    }

    var failuresFolder: String { failures ?? (root + "/.build/fuzz-failures") }
}

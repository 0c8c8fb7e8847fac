import ArgumentParser
import Foundation

/// The `chatsite` command: SDKs, site builds and a local backend from one OpenAPI document.
struct Chatsite: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "chatsite",
        abstract: "Build, check and serve a serverless chat app from its OpenAPI document.",
        discussion: """
            Exit codes: 0 when all is well, 1 when the input has errors, 2 for a usage error.
            """,
        version: version,
        subcommands: [CheckCommand.self, SDKCommand.self, BuildCommand.self, ServeCommand.self]
    )

    /// Parses the arguments, runs the command and exits with the product's exit codes
    /// (argument-parser's own code for usage errors is 64; ours is 2).
    static func start(_ arguments: [String]? = nil) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            if error is ExitCode { Foundation.exit(code.rawValue) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

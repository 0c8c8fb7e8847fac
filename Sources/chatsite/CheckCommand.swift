import APISpec
import ArgumentParser
import Foundation

/// `chatsite check [SPEC]`: load and validate a spec, print a one-screen summary.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load and validate an API spec (OpenAPI 3.1, 3.0 or Swagger 2.0; YAML or JSON).",
        discussion: """
            Prints every problem as `file:line:column: error|warning: message (at /json/pointer)`, \
            then a summary. Exits 1 when there are errors (or, with --strict, warnings).
            """
    )

    @Argument(help: "The spec to check.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var spec = "OpenAPI/chat-api.yaml"

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: "Print at most this many diagnostics.")
    var maxDiagnostics = 50

    func validate() throws {
        guard maxDiagnostics >= 0 else {
            throw ValidationError("--max-diagnostics must be 0 or more, not \(maxDiagnostics)")
        }
    }

    func run() throws {
        let spec = SpecLoader().load(path: self.spec)
        var errorOutput = ""
        for diagnostic in spec.diagnostics.prefix(maxDiagnostics) { errorOutput += "\(diagnostic)\n" }
        if spec.diagnostics.count > maxDiagnostics {
            errorOutput += "… and \(spec.diagnostics.count - maxDiagnostics) more (raise --max-diagnostics)\n"
        }
        FileHandle.standardError.write(Data(errorOutput.utf8))
        print(CheckSummary(spec: spec).text)
        if spec.failed(strict: strict) { throw ExitCode(1) }
    }
}

import APISpec
import ArgumentParser
import Foundation
import SiteBuilder

/// `chatsite build`: the site, with config resolved and checked, into a deployable `dist/`.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into deploy-ready assets, with config from stack outputs.",
        discussion: """
            Config keys (region, userPoolId, userPoolClientId, cognitoDomain, redirectUri, apiUrl, \
            websocketUrl, and any the project declares) come from, highest first: --set, CHATSITE_* \
            environment variables, the stage's section of chatsite.yaml, and --outputs files \
            (aws cloudformation describe-stacks, cdk deploy --outputs-file, terraform output -json). \
            Every problem is reported before anything is written; a failed build leaves the previous \
            output as it was. Exits 1 on errors.
            """
    )

    @Option(help: "The project file.", completion: .file(extensions: ["yaml", "yml"]))
    var project = "chatsite.yaml"

    @Option(help: "The stage whose section of the project file to use.")
    var stage: String?

    @Option(help: "A stack outputs file (repeatable; later files win).", completion: .file(extensions: ["json"]))
    var outputs: [String] = []

    @Option(name: .customLong("set"), help: "A config value, KEY=VALUE (repeatable; wins over every other source).")
    var values: [String] = []

    @Option(help: "inline (config in every page) or runtime (one config.json for every stage).")
    var configMode: ConfigMode?

    @Option(help: "The output folder (default: the project's out, or dist).", completion: .directory)
    var out: String?

    func run() throws {
        let started = ContinuousClock.now
        let (loadedProject, projectProblems) = ProjectFile.loadIfPresent(path: project)
        var diagnostics = projectProblems
        guard var projectFile = loadedProject?.resolvingPaths() else { throw fail(diagnostics) }
        if let configMode { projectFile.configMode = configMode }
        let (config, configProblems) = ConfigResolver(project: projectFile).resolve(
            stage: stage, outputs: outputs, flags: values)
        diagnostics += configProblems
        let spec = projectFile.spec.map { SpecLoader().load(path: $0, decode: false) }
        diagnostics += spec?.diagnostics ?? []
        guard let config, spec?.failed() != true else { throw fail(diagnostics) }
        let headers: SecurityHeaders
        do {
            headers = try SecurityHeaders(connectSources: config.connectSources, formActions: config.formActions)
        } catch {
            throw fail(diagnostics + [Diagnostic(.error, "\(error)", file: projectFile.path ?? project)])
        }
        let settings = SiteBuilder.Settings(project: projectFile, config: config, headers: headers, spec: spec)
        let output = SiteBuilder(settings: settings).build()
        diagnostics += output.diagnostics
        guard !output.failed else { throw fail(diagnostics) }
        let directory = out ?? projectFile.out
        var trace = BuildTrace("write")
        defer { trace.report() }
        let previous = SiteWriter.previousManifest(in: directory)
        let compressor = Precompressor()
        compressor.reuse(manifest: previous, in: directory)
        trace.mark("previous build")
        let artifacts = DeployArtifacts.make(
            files: output.files, previousManifest: previous, headers: headers, compressor: compressor)
        trace.mark("deploy artifacts")
        do {
            try SiteWriter.write(output.files + artifacts.files, to: directory)
        } catch {
            throw fail(diagnostics + [Diagnostic(.error, error.description, file: directory)])
        }
        trace.mark("files")
        report(diagnostics)
        let bytes = output.files.reduce(0) { $0 + $1.data.count }
        let elapsed = ContinuousClock.now - started
        print(
            "built \(directory)/: \(output.files.count) files (\(bytes / 1024) KiB), "
                + "\(output.files.filter(\.isHashed).count) hashed, config \(projectFile.configMode.rawValue), "
                + "in \(elapsed.formatted(.units(allowed: [.milliseconds])))")
        let invalidations = artifacts.invalidations
        let listed = invalidations.count <= 12 ? invalidations.joined(separator: " ") : "\(invalidations.count) paths"
        print("invalidate: \(invalidations.isEmpty ? "nothing" : listed) (see \(DeployArtifacts.manifestPath))")
        for warning in artifacts.warnings { print("note: \(warning)") }
    }

    private func report(_ diagnostics: [Diagnostic]) {
        let text = diagnostics.map { "\($0)\n" }.joined()
        if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
    }

    private func fail(_ diagnostics: [Diagnostic]) -> ExitCode {
        report(diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        FileHandle.standardError.write(
            Data("chatsite build: \(errors) error\(errors == 1 ? "" : "s"); nothing was written\n".utf8))
        return ExitCode(1)
    }
}

extension ConfigMode: ExpressibleByArgument {}

import APISpec
import Foundation
import Logging
import SiteBuilder

/// The site as `chatsite serve` serves it: built in memory by `SiteBuilder` (the same pipeline as
/// `chatsite build`, with config served at `/config.json`), rebuilt when a file under the site
/// folder changes, and versioned so pages can reload themselves (`LiveReload`).
///
/// Files are looked up in the build's table, never on disk, so no request path can reach
/// outside the site. Only files inside the site folder are read (symlinks out are skipped).
actor SiteHost {
    private let builder: SiteBuilder
    private let logger: Logger
    private var files: [String: OutputFile] = [:]
    private(set) var version = 0
    private var signature = ""
    private var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    private var watcher: Task<Void, Never>?

    init(builder: SiteBuilder, logger: Logger) {
        self.builder = builder
        self.logger = logger
    }

    /// The built file for a request path (`/` and `/docs/` give their `index.html`); builds
    /// first when nothing is built yet.
    func file(at requestPath: String) -> OutputFile? {
        if version == 0 { rebuild() }
        guard let decoded = requestPath.removingPercentEncoding else { return nil }
        let path = String(decoded.drop { $0 == "/" })
        if path.isEmpty || path.hasSuffix("/") { return files[path + "index.html"] }
        return files[path] ?? files[path + "/index.html"]
    }

    /// Waits until the site changes from version `since`, or `timeout` passes; returns the version.
    func change(after since: Int, timeout: Duration) async -> Int {
        if version == 0 { rebuild() }
        guard since == version else { return version }
        let id = UUID()
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.resume(id)
        }
        await withCheckedContinuation { waiters[id] = $0 }
        timer.cancel()
        return version
    }

    /// Polls the site folder and rebuilds when a file was added, removed or changed.
    func startWatching(every interval: Duration = .milliseconds(250)) {
        guard watcher == nil else { return }
        let (site, generated) = (builder.settings.site, builder.settings.sdkFolder)
        watcher = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                // The folder is walked off the actor, so requests do not wait for it.
                await self?.rebuild(ifNot: SiteHost.signature(of: site, skipping: generated))
            }
        }
    }

    func stopWatching() {
        watcher?.cancel()
        watcher = nil
    }

    private func rebuild(ifNot current: String) {
        if current != signature { rebuild(signature: current) }
    }

    private func rebuild(signature current: String? = nil) {
        let started = ContinuousClock.now
        signature = current ?? SiteHost.signature(of: builder.settings.site, skipping: builder.settings.sdkFolder)
        let output = builder.build()
        for diagnostic in output.diagnostics {
            let level: Logger.Level = diagnostic.severity == .error ? .error : .warning
            logger.log(level: level, "\(diagnostic)")
        }
        // A build with errors is still served: in development the broken page is more use than none.
        files = Dictionary(output.files.map { ($0.path, $0) }) { _, last in last }
        version += 1
        let elapsed = (ContinuousClock.now - started).formatted(.units(allowed: [.milliseconds]))
        logger.info("site built", metadata: ["version": "\(version)", "files": "\(files.count)", "took": "\(elapsed)"])
        for waiter in waiters.values { waiter.resume() }
        waiters = [:]
    }

    private func resume(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume()
    }

    /// Paths, sizes and modification times of what the build reads under `directory`: hidden files,
    /// `_` folders other than `_layouts` and the generated SDK's folder are left out, as the build does.
    static func signature(of directory: String, skipping generated: String?) -> String {
        let root = URL(fileURLWithPath: directory)
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isDirectoryKey]
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { return "" }
        let skipped = generated.map { root.appendingPathComponent($0).standardizedFileURL.path }
        var parts: [String] = []
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            if url.standardizedFileURL.path == skipped || name.hasPrefix("_") && name != "_layouts" {
                enumerator.skipDescendants()
                continue
            }
            let values = try? url.resourceValues(forKeys: Set(keys))
            if values?.isDirectory == true { continue }
            let time = values?.contentModificationDate?.timeIntervalSince1970 ?? 0
            parts.append("\(url.path)|\(values?.fileSize ?? -1)|\(time)")
        }
        return parts.sorted().joined(separator: "\n")
    }
}

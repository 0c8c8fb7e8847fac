import Foundation
import Synchronization

/// Writes a built site atomically: into a temporary folder beside the target, then swapped in
/// with renames. A build that fails while writing leaves the previous `dist/` as it was.
public enum SiteWriter {
    /// Why a site was not written.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The previous build's manifest in `directory`, if there is one.
    public static func previousManifest(in directory: String) -> Data? {
        FileManager.default.contents(atPath: directory + "/" + DeployArtifacts.manifestPath)
    }

    /// Replaces `directory` with exactly `files`.
    ///
    /// - Throws: ``Failure`` when `directory` holds something that is not a chatsite build (nothing
    ///   is overwritten then), or when writing fails (the temporary folder is removed, the old
    ///   site stays).
    public static func write(_ files: [OutputFile], to directory: String) throws(Failure) {
        try write(files, to: directory, failingAfter: nil)
    }

    /// `failingAfter` stops with an error after that many files: how tests prove atomicity.
    static func write(_ files: [OutputFile], to directory: String, failingAfter limit: Int?) throws(Failure) {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let replacing = try checkReplaceable(target)
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).new-\(suffix)")
        let old = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).old-\(suffix)")
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
            let folders = Dictionary(grouping: files.prefix(limit ?? files.count).indices) {
                SitePath.directory(of: files[$0].path)
            }
            for folder in folders.keys.sorted() where !folder.isEmpty {
                try manager.createDirectory(
                    at: temporary.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            // One thread per folder: the file system creates the files of one folder one at a
            // time (it locks the folder while it finds an inode), so a second writer there only waits.
            let groups = Array(folders.values)
            let into = temporary.path
            let previous = replacing ? target.path : nil
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: groups.count) { group in
                for index in groups[group] {
                    let path = files[index].path
                    if let problem = place(
                        files[index].data, at: into + "/" + path, previous: previous.map { $0 + "/" + path })
                    {
                        failures.withLock { $0.append("\(path): \(problem)") }
                    }
                }
            }
            if let failure = failures.withLock({ $0.first }) { throw Failure(description: "cannot write \(failure)") }
            if let limit, limit < files.count { throw Failure(description: "stopped after \(limit) files (test)") }
            if replacing {
                try manager.moveItem(at: target, to: old)
                do { try manager.moveItem(at: temporary, to: target) } catch {
                    try? manager.moveItem(at: old, to: target)
                    throw error
                }
                try? manager.removeItem(at: old)
            } else {
                try manager.moveItem(at: temporary, to: target)
            }
        } catch {
            try? manager.removeItem(at: temporary)
            if let failure = error as? Failure { throw failure }
            throw Failure(description: "\(directory): cannot write the site: \(error.localizedDescription)")
        }
    }

    /// Whether `target` exists (a folder to replace); refuses to replace one that is not an earlier
    /// build (it might be anything) or that holds the site's sources.
    private static func checkReplaceable(_ target: URL) throws(Failure) -> Bool {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: target.path, isDirectory: &isDirectory) else { return false }
        guard isDirectory.boolValue else {
            throw Failure(description: "\(target.path) is a file; choose another --out")
        }
        let contents = (try? manager.contentsOfDirectory(atPath: target.path)) ?? []
        let isBuild = manager.fileExists(atPath: target.appendingPathComponent(DeployArtifacts.manifestPath).path)
        guard contents.isEmpty || isBuild else {
            throw Failure(
                description:
                    "\(target.path) exists and is not a chatsite build (it has no \(DeployArtifacts.manifestPath)); "
                    + "move it away or choose another --out, so nothing in it is lost")
        }
        return true
    }

    /// Puts `data` at `path`: a hard link to `previous` (the same file in the build being replaced)
    /// when that holds the same bytes, else a new file; nil, or why it could not.
    ///
    /// A rebuild links what did not change instead of writing it again: no new inode, and removing
    /// the old build then frees only what changed. Creating thousands of files right after
    /// thousands were deleted is slow on some file systems (ext4 without a journal scans past
    /// every recently freed inode for each new one), and a 1,000-page site is 3,000 files.
    private static func place(_ data: Data, at path: String, previous: String?) -> String? {
        if let previous, holds(data, previous), link(previous, path) == 0 { return nil }
        return writeFile(data, to: path)
    }

    /// Whether `path` is a regular file (not a link to one) whose bytes are `data`.
    private static func holds(_ data: Data, _ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == data.count
        else { return false }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        return ((try? handle.readToEnd()) ?? Data()) == data
    }

    /// Writes one new file with open/write/close, or says why it could not.
    ///
    /// Written by hand because Foundation's `Data.write(to:)` calls `fsync` on every file, which made
    /// writing a 1,000-page site (3,000 files with its variants) take seconds. A build is
    /// reproducible from its sources, and the swap into place is a rename, so durability per file
    /// buys nothing here.
    private static func writeFile(_ data: Data, to path: String) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        return data.withUnsafeBytes { buffer -> String? in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
    }
}

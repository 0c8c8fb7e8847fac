import Foundation

/// Stage timings of one build, printed to standard error when `CHATSITE_TRACE` is set.
public struct BuildTrace {
    private static let enabled = ProcessInfo.processInfo.environment["CHATSITE_TRACE"] != nil
    private var last = ContinuousClock.now
    private var stages: [String] = []
    private let label: String

    public init(_ label: String = "build") { self.label = label }

    public mutating func mark(_ stage: String) {
        guard Self.enabled else { return }
        let now = ContinuousClock.now
        stages.append(
            "\(stage) \((now - last).formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1))))")
        last = now
    }

    public func report() {
        guard Self.enabled else { return }
        FileHandle.standardError.write(Data("\(label): \(stages.joined(separator: ", "))\n".utf8))
    }
}

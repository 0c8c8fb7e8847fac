import APISpec

/// Checks and normalises resolved values, collecting every problem: missing keys, malformed pool ids and
/// regions, URLs with the wrong scheme, and placeholders whose key has no value.
struct ConfigValidator {
    let project: ProjectFile
    let stage: String?
    let outputsFiles: [OutputsFile]
    var diagnostics: [Diagnostic] = []

    /// The entries in key order, normalised; problems are added to ``diagnostics``.
    mutating func validate(_ candidates: [String: ConfigCandidate]) -> [ResolvedConfig.Entry] {
        var values = candidates
        if values["region"] == nil, let pool = values["userPoolId"], let region = Self.poolRegion(pool.value) {
            let source = ConfigSource(
                description: "region of userPoolId from \(pool.source.description)", file: pool.source.file,
                location: pool.source.location)
            values["region"] = ConfigCandidate(value: region, source: source)
        }
        for key in project.allKeys {
            guard let candidate = values[key] else {
                reportMissing(key)
                continue
            }
            if candidate.value.isEmpty {
                diagnostics.append(
                    candidate.source.diagnostic("\(key) from \(candidate.source.description) is empty; give it a value")
                )
                values[key] = nil
                continue
            }
            values[key] = check(key, candidate, region: values["region"]?.value)
        }
        checkRegionConsistency(values)
        return project.allKeys.compactMap { key in
            values[key].map { ResolvedConfig.Entry(key: key, value: $0.value, source: $0.source.description) }
        }
    }

    /// The candidate normalised, or nil after reporting why it is wrong.
    private mutating func check(_ key: String, _ candidate: ConfigCandidate, region: String?) -> ConfigCandidate? {
        let value = candidate.value
        let from = "'\(value)' from \(candidate.source.description)"
        switch key {
        case "region":
            guard Self.isRegion(value) else {
                diagnostics.append(
                    candidate.source.diagnostic(
                        "region \(from) is not an AWS region; expected a name such as us-east-1"))
                return nil
            }
        case "userPoolId":
            guard Self.poolRegion(value) != nil else {
                diagnostics.append(
                    candidate.source.diagnostic(
                        "userPoolId \(from) is not a user pool id; expected REGION_ID, such as us-east-1_AbC123xyz"))
                return nil
            }
        case "apiUrl", "cognitoDomain", "redirectUri":
            return checkURL(key, candidate, secure: "https", local: "http", region: region)
        case "websocketUrl":
            return checkURL(key, candidate, secure: "wss", local: "ws", region: region)
        default: break
        }
        return candidate
    }

    private mutating func checkRegionConsistency(_ values: [String: ConfigCandidate]) {
        guard let region = values["region"], let pool = values["userPoolId"],
            let poolRegion = Self.poolRegion(pool.value),
            poolRegion != region.value
        else { return }
        diagnostics.append(
            region.source.diagnostic(
                "region '\(region.value)' from \(region.source.description) does not match userPoolId '\(pool.value)' "
                    + "from \(pool.source.description), which is in \(poolRegion); use values from one deployment, "
                    + "or drop region and it is taken from userPoolId"))
    }

    /// The region prefix of a pool id shaped `REGION_ID`, or nil when it has another shape.
    static func poolRegion(_ value: String) -> String? {
        guard let underscore = value.firstIndex(of: "_") else { return nil }
        let region = String(value[..<underscore])
        let id = value[value.index(after: underscore)...]
        guard isRegion(region), !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return nil
        }
        return region
    }

    /// Whether `value` has a region's shape: `us-east-1`, `us-gov-west-1`, `ap-southeast-2`.
    static func isRegion(_ value: String) -> Bool {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let number = parts.last, !number.isEmpty, number.allSatisfy(\.isASCII),
            number.allSatisfy(\.isNumber)
        else { return false }
        return parts.dropLast().allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isLowercase }
        } && parts[0].count == 2
    }
}

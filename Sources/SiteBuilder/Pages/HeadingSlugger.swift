/// Makes GitHub-style heading ids, unique within one page: `Sending messages` → `sending-messages`,
/// a second `Intro` → `intro-1`.
struct HeadingSlugger {
    private var used: Set<String> = []
    private var counts: [String: Int] = [:]

    /// The base slug of `text`: lowercased letters, digits, `-` and `_` kept, spaces as `-`,
    /// everything else dropped; `section` when nothing is left.
    static func baseSlug(_ text: String) -> String {
        var slug = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII {
                switch scalar {
                case " ": slug.append("-")
                case "a"..."z", "0"..."9", "-", "_": slug.append(scalar)
                default: break
                }
            } else if scalar.properties.isAlphabetic
                || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark
            {
                slug.append(scalar)
            }
        }
        return slug.isEmpty ? "section" : String(slug)
    }

    /// The next unused slug for `text`.
    mutating func slug(for text: String) -> String {
        let base = Self.baseSlug(text)
        var candidate = base
        var count = counts[base] ?? 0
        while used.contains(candidate) {
            count += 1
            candidate = "\(base)-\(count)"
        }
        counts[base] = count
        used.insert(candidate)
        return candidate
    }
}

import Foundation
import Synchronization

/// ULIDs: 26 characters of Crockford base32, a 48-bit millisecond timestamp then 80 random bits,
/// so ids sort by creation time (the sort key of the production single-table design). Ids made
/// in the same millisecond increment the random part, so they stay ordered within one process.
public final class TimeOrderedID: Sendable {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    private let state = Mutex<(milliseconds: UInt64, random: (UInt16, UInt64))>((0, (0, 0)))

    public init() {}

    /// A new id, later than every id this generator made before.
    public func next(now: Date = Date()) -> String {
        let milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        let (time, random) = state.withLock { state -> (UInt64, (UInt16, UInt64)) in
            if milliseconds > state.milliseconds {
                state = (milliseconds, (UInt16.random(in: 0...UInt16.max), UInt64.random(in: 0...UInt64.max)))
            } else {
                let (low, overflow) = state.random.1.addingReportingOverflow(1)
                state.random = (state.random.0 &+ (overflow ? 1 : 0), low)
            }
            return (state.milliseconds, state.random)
        }
        return Self.encode(time: time, high: random.0, low: random.1)
    }

    /// Whether `text` has the shape of an id this type makes.
    public static func isValid(_ text: String) -> Bool {
        text.utf8.count == 26 && text.utf8.allSatisfy { alphabet.contains($0) } && text.utf8.first! <= UInt8(ascii: "7")
    }

    static func encode(time: UInt64, high: UInt16, low: UInt64) -> String {
        // 128 bits: 48 time | 16 high | 64 low, written as 26 five-bit digits (the first holds 3 bits).
        var digits = [UInt8](repeating: 0, count: 26)
        var value = (time: time, high: UInt64(high), low: low)
        for index in stride(from: 25, through: 0, by: -1) {
            digits[index] = alphabet[Int(value.low & 31)]
            value.low = (value.low >> 5) | ((value.high & 31) << 59)
            value.high = (value.high >> 5) | ((value.time & 31) << 11)
            value.time >>= 5
        }
        return String(decoding: digits, as: UTF8.self)
    }
}

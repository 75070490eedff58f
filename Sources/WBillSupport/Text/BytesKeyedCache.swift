#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers remembered by the exact bytes of a short text — a name as a file writes it — and found
/// again without making a string: for a loop that meets the same few names a million times. The
/// numbers are the caller's (an id, an index into its own table).
///
/// A miss costs the caller a look-up the slow way, never a wrong answer: two texts whose hashes
/// collide replace each other, and a look-up compares the bytes too. At most `capacity` texts are
/// kept; beyond that new ones are not remembered. (Not generic: unspecialised across modules, a
/// generic cache spent more in type metadata than in hashing.)
///
/// ```swift
/// var groups = BytesKeyedCache()
/// if let id = groups.value(for: bytes) { … } else { let id = lookUp(String(decoding: bytes, as: UTF8.self)); groups.remember(id, for: bytes) }
/// ```
package struct BytesKeyedCache {
    private struct Entry {
        let key: [UInt8]
        let value: Int
    }

    private var entries: [UInt64: Entry] = [:]
    private let capacity: Int

    /// An empty cache keeping at most `capacity` texts.
    package init(capacity: Int = 1024) {
        self.capacity = capacity
    }

    /// The number remembered for exactly these bytes, or nil.
    package func value(for bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let entry = entries[Self.hash(bytes)], entry.key.count == bytes.count else { return nil }
        let same = entry.key.withUnsafeBufferPointer { key in
            bytes.isEmpty || memcmp(key.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        }
        return same ? entry.value : nil
    }

    /// Remembers `value` for these bytes (a copy of them), unless the cache is full.
    package mutating func remember(_ value: Int, for bytes: UnsafeBufferPointer<UInt8>) {
        let hash = Self.hash(bytes)
        guard entries.count < capacity || entries[hash] != nil else { return }
        entries[hash] = Entry(key: Array(bytes), value: value)
    }

    /// FNV-1a, 64 bits: short keys, no allocation.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

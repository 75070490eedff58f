#if canImport(Glibc)
import Glibc
#endif

/// A moment on the monotonic clock by which something must have happened: what every wait on a
/// device is bounded by (a serial read, a reply from a card reader).
///
/// ```swift
/// let deadline = Deadline(millisecondsFromNow: 2000)
/// while !deadline.hasPassed { … poll(…, deadline.remainingMilliseconds) … }
/// ```
public struct Deadline: Sendable, Equatable {
    /// Nanoseconds on `CLOCK_MONOTONIC`.
    private let nanoseconds: Int64
    /// How long it was set for, in milliseconds (what a time-out message quotes).
    public let span: Int

    /// The moment `milliseconds` from now.
    public init(millisecondsFromNow milliseconds: Int) {
        nanoseconds = Deadline.now() + Int64(milliseconds) * 1_000_000
        span = milliseconds
    }

    /// Whole milliseconds left, rounded up so that a poll never returns just before the deadline;
    /// 0 once it has passed.
    public var remainingMilliseconds: Int32 {
        let left = nanoseconds - Deadline.now()
        guard left > 0 else { return 0 }
        return Int32(clamping: (left + 999_999) / 1_000_000)
    }

    /// Whether the moment has come.
    public var hasPassed: Bool { Deadline.now() >= nanoseconds }

    private static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}

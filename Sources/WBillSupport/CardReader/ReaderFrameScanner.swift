/// Finds frames in the bytes that come off the line, a byte at a time.
///
/// Bytes outside STX…ETX are line noise and are skipped (and counted); an STX inside a frame starts
/// the frame again (the first one lost its end). A frame that does not decode is reported as an
/// error, and scanning goes on after it.
///
/// ```swift
/// var scanner = ReaderFrameScanner()
/// for byte in received { if let result = scanner.feed(byte) { … } }
/// ```
public struct ReaderFrameScanner: Sendable {
    private var inFrame = false
    private var text: [UInt8] = []
    /// Bytes skipped so far: noise between frames and frames that lost their end.
    public private(set) var skipped = 0

    /// A scanner waiting for an STX.
    public init() {}

    /// Takes one byte; returns a frame or the reason one failed when `byte` ended it, else nil.
    public mutating func feed(_ byte: UInt8) -> Result<ReaderFrame, ReaderFrameError>? {
        switch byte {
        case ReaderFrame.start:
            if inFrame { skipped += 1 + text.count }
            inFrame = true
            text.removeAll(keepingCapacity: true)
            return nil
        case ReaderFrame.end where inFrame:
            inFrame = false
            do {
                return .success(try ReaderFrame(text: text))
            } catch {
                return .failure(error)
            }
        default:
            guard inFrame else {
                skipped += 1
                return nil
            }
            guard text.count < ReaderFrame.maximumTextLength else {
                inFrame = false
                skipped += text.count
                return .failure(.tooLong)
            }
            text.append(byte)
            return nil
        }
    }
}

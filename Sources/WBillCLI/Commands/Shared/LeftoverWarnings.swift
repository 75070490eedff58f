import WBillSupport

extension CommandContext {
    /// Says on stderr (unless `--quiet`) which temporary files of killed runs were removed from
    /// beside an output file before writing it (`AtomicFile.removedLeftovers`).
    func warnRemoved(_ leftovers: [Leftover]) {
        for leftover in leftovers {
            warn("removed \(leftover.path), a temporary file left by process \(leftover.processID), which is no longer running")
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import WBillCLI
import WBillSupport

// A file that reaches the file size limit (`ulimit -f`) must fail its write with EFBIG, which wbill
// reports (exit 74), instead of killing the process without a word.
signal(SIGXFSZ, SIG_IGN)

var count = 0
while environ[count] != nil { count += 1 }
// Sized once: growing the dictionary entry by entry was a visible part of every command's start-up.
var environment = [String: String](minimumCapacity: count)
var pointer = environ
while let entry = pointer.pointee {
    let text = String(cString: entry)
    if let equals = text.firstIndex(of: "=") {
        environment[String(text[..<equals])] = String(text[text.index(after: equals)...])
    }
    pointer += 1
}
exit(Runner(environment: environment).run(Array(CommandLine.arguments.dropFirst())))

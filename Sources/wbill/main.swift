#if canImport(Glibc)
import Glibc
#endif
import WBillCLI
import WBillSupport

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

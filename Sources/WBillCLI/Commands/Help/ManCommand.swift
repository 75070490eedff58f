import WaterBilling
#if canImport(Glibc)
import Glibc
#endif
import WBillSupport

/// `wbill man DIRECTORY` (or `--page NAME`): write the man pages generated from the command table (used by `make docs`).
enum ManCommand {
    static let commands: [CommandSpec] = [
        CommandSpec(
            ["man"], summary: "write the man pages generated from the command table",
            discussion: """
                Writes wbill.1 and one wbill-GROUP.1 per command group into DIRECTORY (the
                project's man/ folder is made this way by `make docs`). With --page, prints one page
                to standard output instead.
                """,
            options: [.value("page", .text, placeholder: "NAME", help: "print only this page (e.g. wbill-db.1) to standard output")],
            arguments: [ArgumentSpec("DIRECTORY", .outputFile, optional: true, help: "where to write the pages")],
            requirements: .open,
            examples: ["wbill man man/", "wbill man --page wbill-db.1 | man -l -"],
            handler: run),
    ]

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let pages = ManPageGenerator(table: context.table).pages()
        if let name = context.arguments.value("page") {
            guard let page = pages.first(where: { $0.name == name }) else {
                var message = "no man page named '\(name)'; the pages are \(pages.map(\.name).joined(separator: ", "))"
                if let near = closestMatch(to: name, among: pages.map(\.name)) { message += "; did you mean '\(near)'?" }
                throw context.usageError(message)
            }
            return .text(page.text)
        }
        guard let directory = context.arguments.argument("DIRECTORY") else {
            throw context.usageError("give a DIRECTORY to write the pages into, or --page NAME")
        }
        try FileSystem.makeDirectories(parentOf: directory + "/x")
        for page in pages {
            context.warnRemoved(try TextFile.write(page.text, to: directory + "/" + page.name))
        }
        return .message("wrote \(pages.count) man pages to \(directory)")
    }
}

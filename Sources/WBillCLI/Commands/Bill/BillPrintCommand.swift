import WaterBilling
import WBillSupport

/// `wbill bill print`: the bill as issued, as text or as an HTML page, to stdout or a file.
enum BillPrintCommand {
    static let command = CommandSpec(
        ["bill", "print"], summary: "print a bill as issued: text, or a self-contained HTML page to print or mail",
        discussion: """
            Prints the bill as it was issued, from what was stored then — the holder's name and
            address at the time, the readings it rests on, its lines and total — so a reprint is the
            same, byte for byte, whenever it is made; its status and payments since are in bill
            show. --html (or an -o file ending in .html or .htm) gives one HTML page with its
            styles inside, UTF-8, ready to print or mail (names in any script render). -o FILE
            writes the file whole or not at all (a temporary file beside it, renamed into place).
            """,
        options: [
            .flag("html", help: "an HTML page instead of text"),
            .value("output", short: "o", .outputFile, placeholder: "FILE", help: "write to FILE instead of standard output"),
        ],
        arguments: [BillCommands.numberArgument], requirements: .readDatabase,
        examples: ["wbill bill print B00000001", "wbill bill print B00000001 --html -o B00000001.html"],
        handler: run)

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let details = try BillStore(database: context.database).details(arguments.requiredArgument("NUMBER"))
        let document = BillViews.printed(details, unit: try context.volumeUnit())
        let output = arguments.value("output")
        let lowered = output?.lowercased() ?? ""
        let html = arguments.has("html") || lowered.hasSuffix(".html") || lowered.hasSuffix(".htm")
        let title = "Water bill \(details.bill.number)"
        let text = html ? HTMLPage.render(document, title: title)
            : title + "\n\n" + TableRenderer.render(document, as: .table, style: TableStyle(boldHeader: false, maximumCellWidth: nil))
        guard let output else { return .text(text) }
        let file = try AtomicFile(path: output)
        context.warnRemoved(file.removedLeftovers)
        do {
            try file.write(text)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
        return .nothing
    }
}

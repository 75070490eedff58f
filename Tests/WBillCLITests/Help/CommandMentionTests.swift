@testable import WBillCLI
import XCTest

/// Every `wbill …` that help, messages, the README and the man pages mention names a real command
/// or group of the command table, so no text points a user to a command that does not exist.
///
/// Only code-like mentions count (in backticks or quotes, in parentheses, example and code lines),
/// so prose such as "a wbill database" is not taken for a command.
final class CommandMentionTests: XCTestCase {
    let table = CommandTable.standard

    /// Commands that texts may mention before they exist, each as its words (`["card", "recharge"]`).
    /// Keep it empty: a text should describe what exists, and say what is coming without a command name.
    static let coming: [[String]] = []

    // MARK: - The check itself

    func testTheCheckKnowsRealAndMadeUpCommands() {
        for mention in ["wbill", "wbill --version", "wbill help", "wbill help exit-codes", "wbill db backup /srv/b.db",
                        "wbill --db x --quiet tariff list", "wbill --format=json meter group list", "wbill meter",
                        "wbill meter group", "wbill meter <command>", "wbill account refund \\(number) --amount X"] {
            XCTAssertNil(problem(with: mention), mention)
        }
        for mention in ["wbill card frobnicate", "wbill card swipe AC1", "wbill account frobnicate", "wbill --db x reading frobnicate f.csv",
                        "wbill meter group rename G", "wbill invoice run."] {
            XCTAssertNotNil(problem(with: mention), mention)
        }
        XCTAssertEqual(Self.codeMentions(in: "see `wbill card recharge AC1`, 'wbill db x' and (wbill meter) in a wbill database"),
                       ["wbill card recharge AC1", "wbill db x", "wbill meter"])
        XCTAssertEqual(Self.lineMentions(in: "wbill does not know it\n  wbill tariff list\n", indented: true), ["wbill tariff list"])
    }

    // MARK: - The texts

    func testHelpTextsMentionOnlyRealCommands() {
        let help = HelpRenderer(table: table)
        var texts: [(String, String)] = [("wbill --help", help.topLevel())]
        for path in groupPaths() {
            texts.append(("wbill \(path.joined(separator: " ")) --help", help.group(path)))
            for section in table.group(at: path)?.manualSections ?? [] {
                texts.append(("manual section '\(section.title)' of \(path.joined(separator: " "))", section.text))
            }
        }
        for command in table.commands {
            texts.append(("\(command.fullName) --help", help.command(command)))
            for example in command.examples {
                assertReal(example, in: "an example of \(command.fullName)")
            }
        }
        for topic in table.topics {
            texts.append(("wbill help \(topic.name)", help.topic(topic)))
        }
        XCTAssertGreaterThan(texts.count, table.commands.count)
        for (place, text) in texts {
            for mention in Self.codeMentions(in: text) + Self.lineMentions(in: text, indented: true) {
                assertReal(mention, in: place)
            }
        }
    }

    func testMessagesAndOtherStringsInTheSourcesMentionOnlyRealCommands() throws {
        let root = packageRoot + "/Sources"
        let files = try XCTUnwrap(FileManager.default.subpathsOfDirectory(atPath: root)).filter { $0.hasSuffix(".swift") }.sorted()
        XCTAssertTrue(files.contains("WBillCLI/Errors/ErrorWording.swift"))
        var count = 0
        for file in files {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            // String literals are what users read; doc comments (`///`) are what the next programmer
            // reads about a command, so both must name real ones. Plain `//` comments are left out.
            let code = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { line in
                    let trimmed = line.drop { $0 == " " }
                    return !trimmed.hasPrefix("//") || trimmed.hasPrefix("///")
                }.joined(separator: "\n")
            for mention in Self.codeMentions(in: code) {
                assertReal(mention, in: "Sources/" + file)
                count += 1
            }
        }
        XCTAssertGreaterThan(count, 10, "the scan finds the sources' mentions")
    }

    func testTheReadmeMentionsOnlyRealCommands() throws {
        let readme = try XCTUnwrap(packageFile("README.md"))
        var inCode = false
        var count = 0
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                inCode.toggle()
                continue
            }
            var mentions = Self.codeMentions(in: line)
            if inCode { mentions += Self.lineMentions(in: line, indented: false) }
            for mention in mentions {
                assertReal(mention, in: "README.md: \(line)")
                count += 1
            }
        }
        XCTAssertGreaterThan(count, 5, "the scan finds the README's mentions")
    }

    func testTheManPagesMentionOnlyRealCommands() throws {
        let directory = packageRoot + "/man"
        let pages = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".1") }.sorted()
        XCTAssertTrue(pages.contains("wbill.1"))
        for page in pages {
            let roff = try String(contentsOfFile: directory + "/" + page, encoding: .utf8)
            var paragraph: [String] = []
            var verbatim = false
            var mentions: [String] = []
            func endParagraph() {
                mentions += Self.codeMentions(in: paragraph.joined(separator: " "))
                paragraph = []
            }
            for line in roff.split(separator: "\n").map({ Self.plain(String($0)) }) {
                if line.hasPrefix(".") {
                    endParagraph()
                    if line == ".nf" { verbatim = true } else if line == ".fi" { verbatim = false }
                    // `.B wbill db backup …` and `.SS "wbill db backup"` name commands.
                    for macro in [".B ", ".SS "] where line.hasPrefix(macro) {
                        let argument = line.dropFirst(macro.count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                        mentions += Self.lineMentions(in: argument, indented: false)
                    }
                } else if verbatim {
                    mentions += Self.lineMentions(in: line, indented: false) + Self.codeMentions(in: line)
                } else {
                    paragraph.append(line)
                }
            }
            endParagraph()
            XCTAssertFalse(mentions.isEmpty, "no mention found in man/\(page)")
            for mention in mentions { assertReal(mention, in: "man/\(page)") }
        }
    }

    // MARK: - Finding mentions

    /// Mentions in backticks, single quotes and parentheses. (Not double quotes: in source text they
    /// delimit every literal, prose included, such as "wbill does not know …".)
    static func codeMentions(in text: String) -> [String] {
        let patterns = [#"`(wbill( [^`\n]*)?)`"#, #"'(wbill( [^'\n]*)?)'"#, #"\((wbill( [^)\n]*)?)\)"#]
        var found: [(String.Index, String)] = []
        for pattern in patterns {
            let expression = try! NSRegularExpression(pattern: pattern)
            let range = NSRange(text.startIndex..., in: text)
            for match in expression.matches(in: text, range: range) {
                guard let whole = Range(match.range, in: text), let mention = Range(match.range(at: 1), in: text) else { continue }
                found.append((whole.lowerBound, String(text[mention])))
            }
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Lines that are a command line: `wbill …` at the start (after some indentation, if `indented`).
    static func lineMentions(in text: String, indented: Bool) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let body = line.drop { $0 == " " }
            guard body.hasPrefix("wbill ") || body == "wbill" else { return nil }
            if indented && line.count - body.count < 2 { return nil }
            return String(body)
        }
    }

    /// A man page line without roff escapes and font changes.
    static func plain(_ roff: String) -> String {
        var text = roff
        for (escape, plain) in [("\\fB", ""), ("\\fI", ""), ("\\fR", ""), ("\\&", ""), ("\\-", "-"), ("\\(em", "—"), ("\\e", "\\")] {
            text = text.replacingOccurrences(of: escape, with: plain)
        }
        return text
    }

    // MARK: - Checking a mention

    /// Why `mention` does not name a command or group of the table, or nil when it does.
    ///
    /// Global options may come first (`wbill --db x tariff list`); the words after them are walked
    /// down the table while each is a child of the group reached. A command reached may be followed
    /// by anything (its arguments); a group (or the program alone) only by something that is not a
    /// command word, such as a placeholder (`<command>`).
    func problem(with mention: String) -> String? {
        let words = mention.split(separator: " ").map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".,;:")) }
        guard words.first == "wbill" else { return "does not start with wbill" }
        var index = 1
        while index < words.count, words[index].hasPrefix("-") {
            let name = String(words[index].drop { $0 == "-" })
            let takesValue = !name.contains("=") && table.globalOptions.contains { $0.long == name && $0.kind != nil }
            index += takesValue ? 2 : 1
        }
        let start = index
        var path: [String] = []
        while index < words.count, table.children(of: path).contains(words[index]) {
            path.append(words[index])
            index += 1
        }
        if table.command(at: path) != nil { return nil }
        let rest = Array(words[start...])
        if Self.coming.contains(where: { rest.starts(with: $0) }) { return nil }
        guard index < words.count, words[index].range(of: "^[a-z][a-z0-9-]*$", options: .regularExpression) != nil else {
            return nil
        }
        let reached = (["wbill"] + path).joined(separator: " ")
        return "'\(words[index])' is not a command of '\(reached)' (it has: \(table.children(of: path).joined(separator: ", ")))"
    }

    func assertReal(_ mention: String, in place: String, file: StaticString = #filePath, line: UInt = #line) {
        if let problem = problem(with: mention) {
            XCTFail("\(place) mentions `\(mention)`: \(problem)", file: file, line: line)
        }
    }

    /// Every group path of the table (`["meter"]`, `["meter", "group"]` …).
    func groupPaths() -> [[String]] {
        var paths: [[String]] = []
        for command in table.commands {
            for length in 1..<max(command.path.count, 1) {
                let prefix = Array(command.path.prefix(length))
                if table.isGroup(prefix) && !paths.contains(prefix) { paths.append(prefix) }
            }
        }
        return paths
    }
}

/// Quoting helpers for the generated shell scripts.
enum ShellWords {
    /// `text` in single quotes for bash and zsh.
    static func single(_ text: String) -> String {
        "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// `text` in single quotes for fish (which escapes with a backslash inside quotes).
    static func fish(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "'" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "'" + escaped + "'"
    }
}

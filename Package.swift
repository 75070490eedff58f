// swift-tools-version:6.0
// wbill — the back office of a water utility as one command-line tool.
import PackageDescription

let package = Package(
    name: "wbill",
    products: [
        .executable(name: "wbill", targets: ["wbill"]),
        // The card reader simulator: an ACR30-style reader with an SLE4442 card on a pseudo-terminal.
        .executable(name: "wbill-cardsim", targets: ["wbill-cardsim"]),
        .library(name: "WaterBilling", targets: ["WaterBilling"]),
        .library(name: "WBillSupport", targets: ["WBillSupport"]),
    ],
    targets: [
        // System C libraries (Debian packages named in `providers`; `make deps` installs them).
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CXlsxWriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // The Excel readers of every bulk import: xlsx is a zip archive (minizip, over zlib) of XML
        // parts (expat); old .xls is BIFF (freexl). The release build links all four from their
        // static archives (scripts/static-archives.sh), so they cost a command's start-up nothing.
        .systemLibrary(
            name: "CMinizip",
            pkgConfig: "minizip",
            providers: [.apt(["libminizip-dev", "zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CExpat",
            pkgConfig: "expat",
            providers: [.apt(["libexpat1-dev"])]
        ),
        .systemLibrary(
            name: "CFreeXL",
            pkgConfig: "freexl",
            providers: [.apt(["libfreexl-dev"])]
        ),
        // Support: the machinery with no water in it — SQLite connections and bulk writes, TOML, CSV
        // and Excel readers, text files and atomic files, system calls, civil time, error kinds, JSON, SHA-256.
        // CXlsxWriter gives the xlsx writer libxlsxwriter's types only; the library itself is loaded
        // with dlopen when an xlsx file is written: linked, it would pull libcrypto, minizip and zlib
        // into every process, which costs every command start-up.
        .target(
            name: "WBillSupport",
            dependencies: ["CSQLite", "CMinizip", "CExpat", "CFreeXL", "CXlsxWriter"]
        ),
        // The domain: exact numbers, the schema, tariffs, meters, customers, accounts, audit — every
        // rule and every audit write. Knows nothing of the command line.
        .target(
            name: "WaterBilling",
            dependencies: ["WBillSupport"]
        ),
        // The command line: the command table, parsing, help, man pages, completions, rendering,
        // error wording, and one folder of handlers per command group.
        .target(
            name: "WBillCLI",
            dependencies: ["WaterBilling", "WBillSupport"]
        ),
        // The thin executable.
        .executableTarget(
            name: "wbill",
            dependencies: ["WBillCLI"]
        ),
        // The card reader simulator (training, demos, tests): the reader's side of the protocol,
        // the card's rules, card image files, the control language and the simulated meter, which
        // reads cards with WaterBilling's card layout.
        .target(
            name: "CardSimulator",
            dependencies: ["WaterBilling", "WBillSupport"]
        ),
        .executableTarget(
            name: "wbill-cardsim",
            dependencies: ["CardSimulator", "WBillSupport"]
        ),
        // Helpers every test target shares (a seeded generator for property tests, scratch directories).
        .target(name: "WBillTestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "WBillSupportTests", dependencies: ["WBillSupport", "WBillTestSupport"]),
        .testTarget(name: "WaterBillingTests", dependencies: ["WaterBilling", "WBillSupport", "WBillTestSupport"]),
        .testTarget(name: "WBillCLITests", dependencies: ["WBillCLI", "WaterBilling", "WBillSupport", "WBillTestSupport"]),
        .testTarget(name: "CardSimulatorTests", dependencies: ["CardSimulator", "WaterBilling", "WBillSupport", "WBillTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["wbill", "wbill-cardsim", "WBillCLI", "WaterBilling", "WBillSupport", "WBillTestSupport"]),
    ]
)

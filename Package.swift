// swift-tools-version:6.0
// wbill — the back office of a water utility as one command-line tool.
import PackageDescription

let package = Package(
    name: "wbill",
    products: [
        .executable(name: "wbill", targets: ["wbill"]),
        .library(name: "WaterBilling", targets: ["WaterBilling"]),
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
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // The domain: exact numbers, storage, tariffs, meters, customers, accounts, exporters, card driver.
        .target(
            name: "WaterBilling",
            dependencies: ["CSQLite", "CXlsxWriter"]
        ),
        // The command kernel: the command table, parsing, help, man pages, completions, rendering, handlers.
        .target(
            name: "WBillCLI",
            dependencies: ["WaterBilling"]
        ),
        // The thin executable.
        .executableTarget(
            name: "wbill",
            dependencies: ["WBillCLI"]
        ),
        .testTarget(name: "WaterBillingTests", dependencies: ["WaterBilling"]),
        .testTarget(name: "WBillCLITests", dependencies: ["WBillCLI", "WaterBilling"]),
        .testTarget(name: "EndToEndTests", dependencies: ["wbill", "WaterBilling"]),
    ]
)

#if canImport(Glibc)
import Glibc
#endif
import XCTest
import WBillSupport

/// Meter types, customer types, meters and meter groups through the real binary.
final class CatalogueEndToEndTests: SandboxTestCase {
    override class var start: Start { .initialised }

    func ok(_ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try sandbox.wbill(arguments)
        XCTAssertEqual(result.status, 0, "\(result)", file: file, line: line)
    }

    func addMeterTypes() throws {
        try ok("meter-type", "add", "DN20 mechanical", "--kind", "mechanical", "--payment-model", "postpaid", "--caliber", "20", "--caliber", "15")
        try ok("meter-type", "add", "IC card DN15", "--kind", "ic-card", "--payment-model", "prepaid", "--caliber", "15", "--valve", "yes")
    }

    func testMeterTypes() throws {
        XCTAssertRun(try sandbox.wbill("meter-type", "add", "DN20 mechanical", "--kind", "mechanical", "--payment-model", "postpaid",
                                       "--caliber", "20", "--caliber", "15"),
                     status: 0, stdout: "added meter type 'DN20 mechanical'\n")
        try ok("meter-type", "add", "IC card DN15", "--kind", "ic-card", "--payment-model", "prepaid", "--caliber", "15", "--valve", "yes")
        XCTAssertRun(try sandbox.wbill("meter-type", "add", "X", "--kind", "mechanical", "--payment-model", "postpaid"), status: 64,
                     stderr: "wbill: error: missing option --caliber MM\nRun 'wbill meter-type add --help' for usage.\n")
        XCTAssertRun(try sandbox.wbill("meter-type", "add", "X", "--kind", "mechanicle", "--payment-model", "postpaid", "--caliber", "20"),
                     status: 64, stderr: "wbill: error: invalid value 'mechanicle' for --kind: expected one of mechanical, ic-card, remote, ultrasonic, large-caliber; did you mean 'mechanical'?\nRun 'wbill meter-type add --help' for usage.\n")
        XCTAssertRun(try sandbox.wbill("meter-type", "list"), status: 0, stdout: """
            NAME             KIND        PAYMENT MODEL  CALIBERS  VALVE  READING  DIGITS  METERS
            DN20 mechanical  mechanical  postpaid       15,20     no     manual        5       0
            IC card DN15     ic-card     prepaid        15        yes    card          5       0

            """)
        XCTAssertRun(try sandbox.wbill("meter-type", "show", "ic card dn15", "--format", "json"), status: 0, stdout: """
            {
              "name": "IC card DN15",
              "kind": "ic-card",
              "payment_model": "prepaid",
              "calibers": "15",
              "valve": "yes",
              "reading_method": "card",
              "register_digits": "5",
              "meters": 0
            }

            """)
        try ok("meter", "add", "WM-1", "--type", "DN20 mechanical", "--caliber", "20")
        XCTAssertRun(try sandbox.wbill("meter-type", "edit", "DN20 mechanical", "--digits", "6", "--caliber", "20"), status: 1,
                     stderr: "wbill: error: meter type 'DN20 mechanical' has 1 meter; its register digits, calibers (only new ones can be added) can no longer change\n")
        XCTAssertRun(try sandbox.wbill("meter-type", "edit", "DN20 mechanical", "--rename", "DN15-25 mechanical", "--caliber", "15",
                                       "--caliber", "20", "--caliber", "25"),
                     status: 0, stdout: "updated meter type 'DN15-25 mechanical'\n")
        XCTAssertRun(try sandbox.wbill("meter-type", "delete", "DN15-25 mechanical"), status: 1,
                     stderr: "wbill: error: meter type 'DN15-25 mechanical' is in use by 1 meter\n")
        XCTAssertRun(try sandbox.wbill("meter-type", "delete", "IC card DN1"), status: 1,
                     stderr: "wbill: error: no meter type named 'IC card DN1'; did you mean 'IC card DN15'?\n")
        XCTAssertRun(try sandbox.wbill("meter-type", "delete", "IC card DN15"), status: 0, stdout: "deleted meter type 'IC card DN15'\n")
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase,
                                          "SELECT action || ' ' || entity_id FROM audit_log WHERE entity = 'meter-type' ORDER BY id"),
                       "create DN20 mechanical\ncreate IC card DN15\nupdate DN15-25 mechanical\ndelete IC card DN15\n")
    }

    func testCustomerTypesFollowTheRules() throws {
        try addMeterTypes()
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/tariffs").path
        try ok("tariff", "add", "--file", examples + "/residential-annual.toml")
        try ok("tariff", "add", "--file", examples + "/prepaid-card.toml")
        XCTAssertRun(try sandbox.wbill("customer-type", "add", "Residential", "--water-nature", "residential", "--business-mode", "postpaid",
                                       "--meter-type", "IC card DN15", "--tariff", "residential-annual", "--channel", "cash"), status: 1,
                     stderr: "wbill: error: meter type 'IC card DN15' is prepaid, but business mode postpaid needs postpaid meter types; choose a postpaid meter type, or business mode meter-prepaid for this one\n")
        XCTAssertRun(try sandbox.wbill("customer-type", "add", "Residential", "--water-nature", "residential", "--business-mode", "postpaid",
                                       "--meter-type", "DN20 mechanical", "--tariff", "prepaid-card", "--channel", "cash"), status: 1,
                     stderr: "wbill: error: tariff 'prepaid-card' is a meter-prepaid tariff, but business mode postpaid needs a postpaid tariff\n")
        XCTAssertRun(try sandbox.wbill("customer-type", "add", "Residential", "--water-nature", "residential", "--business-mode", "postpaid",
                                       "--meter-type", "DN20 mechanical", "--tariff", "residential-annual"), status: 1,
                     stderr: "wbill: error: a customer type that charges needs at least one payment channel (--channel: cash, bank-transfer, bank-collection, wechat, alipay, unionpay-pos)\n")
        XCTAssertRun(try sandbox.wbill("customer-type", "add", "Residential", "--water-nature", "residential", "--business-mode", "postpaid",
                                       "--meter-type", "DN20 mechanical", "--tariff", "residential-annual", "--channel", "cash", "--channel", "wechat"),
                     status: 0, stdout: "added customer type 'Residential'\n")
        XCTAssertRun(try sandbox.wbill("customer-type", "add", "District", "--water-nature", "statistical", "--business-mode", "postpaid",
                                       "--meter-type", "DN20 mechanical", "--charge", "no", "--count-consumption", "no"),
                     status: 0, stdout: "added customer type 'District'\n")
        XCTAssertRun(try sandbox.wbill("customer-type", "list", "--format", "csv"), status: 0, stdout:
            "name,water_nature,business_mode,meter_types,count_consumption,charge,tariff,channels,accounts\r\n"
            + "District,statistical,postpaid,DN20 mechanical,no,no,,,0\r\n"
            + "Residential,residential,postpaid,DN20 mechanical,yes,yes,residential-annual,\"cash, wechat\",0\r\n")
        XCTAssertRun(try sandbox.wbill("customer-type", "edit", "Residential", "--channel", "alipay"), status: 0,
                     stdout: "updated customer type 'Residential'\n")
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT changes FROM audit_log WHERE entity = 'customer-type' AND action = 'update'"),
                       #"{"channels":{"old":"cash, wechat","new":"alipay"}}"# + "\n")
        // Rule 5: once an account uses it, the type is locked.
        try ok("meter", "add", "WM-1", "--type", "DN20 mechanical", "--caliber", "20")
        try ok("customer", "open", "--type", "Residential", "--name", "Li Wei", "--id-number", "110101199003071234",
               "--phone", "13800138000", "--address", "Building 3", "--persons", "3", "--meter", "WM-1")
        XCTAssertRun(try sandbox.wbill("customer-type", "edit", "Residential", "--channel", "cash"), status: 1,
                     stderr: "wbill: error: customer type 'Residential' is bound to 1 account and can no longer be modified\n")
        XCTAssertRun(try sandbox.wbill("customer-type", "delete", "residential"), status: 1,
                     stderr: "wbill: error: customer type 'Residential' is bound to 1 account and can no longer be deleted\n")
        XCTAssertRun(try sandbox.wbill("customer-type", "delete", "District"), status: 0, stdout: "deleted customer type 'District'\n")
    }

    func testMeterLifeAndHistory() throws {
        try addMeterTypes()
        XCTAssertRun(try sandbox.wbill("meter", "add", " wm-1 ", "--type", "dn20 mechanical"), status: 65,
                     stderr: "wbill: error: caliber '': required: meter type 'DN20 mechanical' comes in 15, 20 mm\n")
        XCTAssertRun(try sandbox.wbill("meter", "add", " wm-1 ", "--type", "dn20 mechanical", "--caliber", "20", "--location", "北京 3号楼"),
                     status: 0, stdout: "added meter WM-1 (DN20 mechanical, DN20) to stock\n")
        XCTAssertRun(try sandbox.wbill("meter", "add", "WM-1", "--type", "IC card DN15"), status: 1,
                     stderr: "wbill: error: a meter named 'WM-1' already exists\n")
        try ok("meter", "edit", "wm-1", "--state", "faulty")
        try ok("meter", "edit", "wm-1", "--state", "in-stock", "--location", "Block 2")
        XCTAssertRun(try sandbox.wbill("meter", "retire", "wm-1", "--reason", "broken glass"), status: 0, stdout: "retired meter WM-1\n")
        XCTAssertRun(try sandbox.wbill("meter", "edit", "wm-1", "--state", "faulty"), status: 1,
                     stderr: "wbill: error: meter WM-1 is removed; edit moves a meter only between in-stock and faulty (installing and removing go through the customer's account, retiring through `wbill meter retire`)\n")
        let now = Sandbox.now
        XCTAssertRun(try sandbox.wbill("meter", "show", "WM-1"), status: 0, stdout: """
            Serial:        WM-1
            Type:          DN20 mechanical
            Caliber:       20
            Manufacturer:
            Model:
            Initial m3:    0.000
            Location:      Block 2
            State:         removed
            Group:
            Created at:    \(now)
            Created by:    clerk

            History:
              AT                        OPERATOR  EVENT          FROM      TO        DETAIL
              \(now)  clerk     added                    in-stock
              \(now)  clerk     marked faulty  in-stock  faulty
              \(now)  clerk     edited                             location: 北京 3号楼 → Block 2
              \(now)  clerk     repaired       faulty    in-stock
              \(now)  clerk     retired        in-stock  removed   broken glass

            """)
    }

    func testMeterListFiltersAndPages() throws {
        try addMeterTypes()
        for index in 1...5 {
            try ok("meter", "add", "WM-\(index)", "--type", "DN20 mechanical", "--caliber", index % 2 == 0 ? "15" : "20",
                   "--manufacturer", index <= 3 ? "Ningbo" : "Sanchuan")
        }
        try ok("meter", "add", "IC-1", "--type", "IC card DN15")
        func serials(_ arguments: String...) throws -> String {
            let result = try sandbox.wbill(["meter", "list", "--format", "tsv"] + arguments)
            XCTAssertEqual(result.status, 0, "\(result)")
            return result.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }.joined(separator: " ")
        }
        XCTAssertEqual(try serials(), "IC-1 WM-1 WM-2 WM-3 WM-4 WM-5")
        XCTAssertEqual(try serials("--type", "ic card dn15"), "IC-1")
        XCTAssertEqual(try serials("--manufacturer", "sanchuan"), "WM-4 WM-5")
        XCTAssertEqual(try serials("--prefix", "wm-"), "WM-1 WM-2 WM-3 WM-4 WM-5")
        XCTAssertEqual(try serials("--limit", "2", "--offset", "2"), "WM-2 WM-3")
        XCTAssertEqual(try serials("--state", "installed"), "")
        XCTAssertRun(try sandbox.wbill("meter", "list", "--limit", "0"), status: 64,
                     stderr: "wbill: error: invalid value '0' for --limit: expected 1 or more\nRun 'wbill meter list --help' for usage.\n")
    }

    func testMeterGroups() throws {
        try addMeterTypes()
        for serial in ["WM-1", "WM-2", "WM-3"] { try ok("meter", "add", serial, "--type", "DN20 mechanical", "--caliber", "20") }
        XCTAssertRun(try sandbox.wbill("meter", "group", "add", "Route 7", "--reader", "Li Wei", "--master", "wm-3"), status: 0,
                     stdout: "added meter group 'Route 7'\n")
        _ = try sandbox.directory.write(Array("WM-2\n\n wm-1 \n".utf8), to: "serials.txt")
        XCTAssertRun(try sandbox.wbill("meter", "group", "assign", "route 7", "--file", "serials.txt"), status: 0,
                     stdout: "assigned 2 meter(s) to group 'route 7'\n")
        XCTAssertRun(try sandbox.wbill("meter", "group", "assign", "Route 7", "WM-9"), status: 1,
                     stderr: "wbill: error: no meter named 'WM-9'\n")
        XCTAssertRun(try sandbox.wbill("meter", "group", "list"), status: 0, stdout: """
            NAME     READER  MASTER  METERS
            Route 7  Li Wei  WM-3         2

            """)
        XCTAssertRun(try sandbox.wbill("meter", "group", "unassign", "Route 7", "WM-3"), status: 1,
                     stderr: "wbill: error: meter WM-3 is not in group 'Route 7'\n")
        XCTAssertRun(try sandbox.wbill("meter", "group", "delete", "Route 7"), status: 1,
                     stderr: "wbill: error: meter group 'Route 7' has 2 meters; use --force to delete it and leave them ungrouped\n")
        XCTAssertRun(try sandbox.wbill("meter", "group", "unassign", "Route 7", "WM-2"), status: 0,
                     stdout: "unassigned 1 meter(s) from group 'Route 7'\n")
        XCTAssertRun(try sandbox.wbill("meter", "group", "delete", "Route 7", "--force"), status: 0,
                     stdout: "deleted meter group 'Route 7'\n")
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT count(*) FROM meters WHERE group_id IS NOT NULL"), "0\n")
        let history = try sandbox.wbill("meter", "show", "WM-1", "--format", "csv")
        XCTAssertTrue(history.stdout.hasSuffix("\(Sandbox.now),clerk,joined group,,,Route 7\r\n\(Sandbox.now),clerk,left group,,,Route 7\r\n"),
                      history.stdout)
    }
}

import WaterBilling
import XCTest
import WBillSupport

final class CustomerStoreTests: XCTestCase {
    func testEditingKeepsEveryChangedFieldInTheHistory() throws {
        let fixture = try CustomerFixture()
        let opened = try fixture.open(meters: ["WM-1"])
        let store = CustomerStore(database: fixture.database)
        fixture.advance(days: 1)
        let (after, changed) = try store.edit(opened.customer.id, CustomerDraft([.phone: "13900001111", .persons: "4", .name: "Wang Fang"]),
                                              nature: .residential, audit: fixture.audit)
        XCTAssertEqual(after.phone, "13900001111")
        XCTAssertEqual(after.persons, 4)
        XCTAssertEqual(changed.map(\.field), [.phone, .persons])
        let history = try store.changes(of: after)
        XCTAssertEqual(history.map { "\($0.field.column): \($0.oldValue ?? "-") → \($0.newValue ?? "-")" },
                       ["phone: 13800138000 → 13900001111", "persons: 3 → 4"])
        XCTAssertEqual(history.first?.at, fixture.time.description)
        XCTAssertEqual(try store.edit(opened.customer.id, CustomerDraft([.phone: "13900001111"]), nature: .residential,
                                      audit: fixture.audit).changed, [])
        XCTAssertThrowsEqual(try store.edit(opened.customer.id, CustomerDraft([.phone: "x"]), nature: .residential, audit: fixture.audit),
                             CustomerError.invalidInformation([CustomerFieldProblem(field: .phone, value: "x", reason: "a phone number: digits, spaces and + - ( ), at least 3 digits")]))
        XCTAssertEqual(try store.changes(of: after).count, 2)
        XCTAssertThrowsEqual(try store.find(99), CustomerError.notFound(99))
    }
}

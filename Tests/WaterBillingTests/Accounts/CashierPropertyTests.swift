import WaterBilling
import WBillTestSupport
import XCTest
import WBillSupport

/// Random sequences of recharges, refunds, adjustments and retries (with the same reference, and
/// with a reference reused for something else) against a model: the balance always equals the
/// ledger's sum and the model's, a refund never takes it below zero, a retry returns the
/// original receipt and writes nothing, a mismatched retry is refused and writes nothing.
final class CashierPropertyTests: XCTestCase {
    private struct Recorded {
        let request: MoneyRequest
        let entry: LedgerEntry
    }

    private func text(_ minorUnits: Int64) -> String {
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    func testRandomSequencesKeepTheBalanceEqualToTheLedgerSum() throws {
        for seed: UInt64 in 1...12 {
            try run(seed: seed, steps: 150)
        }
    }

    private func run(seed: UInt64, steps: Int) throws {
        var random = SplitMix64(seed: seed)
        let fixture = try CustomerFixture(meters: 1)
        let number = try fixture.open(meters: ["WM-1"]).account.number
        var model: Int64 = 0
        var recorded: [String: Recorded] = [:]  // by "kind/reference"
        var nextReference = 0
        let channels: [PaymentChannel] = [.cash, .alipay]

        for step in 0..<steps {
            let context = "seed \(seed), step \(step)"
            let entriesBefore = try fixture.count("ledger_entries")
            switch random.next() % 10 {
            case 0...3, 4...5:
                // A new recharge (0–3), refund (4) or adjustment (5); half of them with a reference.
                let choice = random.next() % 10
                let action: CashierAction = choice < 5 ? .recharge : choice < 8 ? .refund : .adjust
                var amount = Int64.random(in: 1...50_000, using: &random)
                if action == .adjust && random.next() % 2 == 0 { amount = -amount }
                if action == .refund && random.next() % 3 == 0 { amount = model + Int64.random(in: -5...5, using: &random) }
                var request = MoneyRequest(action: action, accountNumber: number, amount: text(amount),
                                           channel: action == .adjust ? nil : channels[Int(random.next() % 2)],
                                           reason: action == .adjust ? "correction \(step)" : nil)
                if random.next() % 2 == 0 {
                    nextReference += 1
                    request.reference = "REF-\(nextReference)"
                }
                let signed = action == .refund ? -amount : amount
                if action == .refund && (amount <= 0 || amount > model) {
                    XCTAssertThrowsError(try fixture.perform(request), context)
                    XCTAssertEqual(try fixture.count("ledger_entries"), entriesBefore, context)
                    continue
                }
                let outcome = try fixture.perform(request)
                XCTAssertFalse(outcome.isRetry, context)
                model += signed
                XCTAssertEqual(outcome.entry.amount.minorUnits, signed, context)
                XCTAssertEqual(outcome.entry.balanceAfter.minorUnits, model, context)
                if action == .refund { XCTAssertGreaterThanOrEqual(model, 0, context) }
                if let reference = request.reference {
                    recorded["\(action.kind.rawValue)/\(reference)"] = Recorded(request: request, entry: outcome.entry)
                }
            case 6, 7:
                // A retry of a recorded movement: the original entry, nothing written.
                guard let key = recorded.keys.sorted().randomElement(using: &random), let original = recorded[key] else { continue }
                fixture.advance(days: 1)
                let outcome = try fixture.perform(original.request)
                XCTAssertTrue(outcome.isRetry, context)
                XCTAssertEqual(outcome.entry, original.entry, context)
            case 8:
                // The reference of a recorded movement with another amount: refused, nothing written.
                guard let key = recorded.keys.sorted().randomElement(using: &random), let original = recorded[key] else { continue }
                var changed = original.request
                changed.amount = text(original.entry.amount.minorUnits.magnitude == 1 ? 2 : 1)
                XCTAssertThrowsError(try fixture.perform(changed), context) { error in
                    guard case AccountError.referenceReused = error else { return XCTFail("\(context): \(error)") }
                }
            default:
                // An amount with too many decimals: refused, nothing written.
                let request = MoneyRequest(action: .recharge, accountNumber: number, amount: "1.001", channel: .cash)
                XCTAssertThrowsError(try fixture.perform(request), context)
            }
            if random.next() % 8 == 0 || step == steps - 1 {
                let account = try AccountStore(database: fixture.database).find(number)
                XCTAssertEqual(try Ledger(database: fixture.database).balance(of: account).minorUnits, model, context)
                XCTAssertEqual(try fixture.ledgerSum(number), model, context)
                let entries = try Ledger(database: fixture.database).entries(of: account)
                var running: Int64 = 0
                for entry in entries {
                    running += entry.amount.minorUnits
                    XCTAssertEqual(entry.balanceAfter.minorUnits, running, context)
                    if entry.kind == .refund { XCTAssertGreaterThanOrEqual(running, 0, context) }
                }
            }
        }
    }
}

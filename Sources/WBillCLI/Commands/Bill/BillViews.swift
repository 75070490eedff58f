import WaterBilling
import WBillSupport

/// How bills read: one row of a list, and the bill as a document (its fields, the readings it
/// rests on, its lines and total) that `bill show` and `bill print` render. Everything in the
/// printed document is stored with the bill, so a reprint equals the original.
enum BillViews {
    static func listColumns(_ unit: VolumeUnit) -> [Column] {
        [Column("bill"), Column("account"), Column("name"), Column("period"), Column("issued"), Column("due"),
         Column("volume", title: VolumeLabels.header("VOLUME", unit)), Column("total"), Column("paid"), Column("currency"),
         Column("status")]
    }

    static func listRow(_ bill: Bill) -> [Cell] {
        [.text(bill.number), .text(bill.accountNumber), .text(bill.customerName), .text(bill.period),
         .text(bill.issueDate.description), .text(bill.dueDate.description), .decimal(bill.volume.description),
         .decimal(bill.total.description), .decimal(bill.paidAmount.description), .text(bill.total.currency.code),
         .text(bill.status.rawValue)]
    }

    /// The bill as issued: what `bill print` prints, every time the same.
    static func printed(_ details: BillDetails, unit: VolumeUnit) -> DataDocument {
        DataDocument(record: issuedFields(details.bill, unit: unit), sections: sections(details, unit: unit))
    }

    /// The bill as issued and where it stands now (status, payments, cancellation, replacement).
    static func shown(_ details: BillDetails, unit: VolumeUnit) -> DataDocument {
        let bill = details.bill
        var record = issuedFields(bill, unit: unit)
        record.append("status", .text(bill.status.rawValue))
        record.append("paid", .decimal(bill.paidAmount.description))
        record.append("outstanding", .decimal(bill.outstanding.description))
        record.append("issued_at", .text(bill.issuedAt))
        record.append("issued_by", .text(bill.issuedBy))
        record.append("run", bill.runID.map(Cell.integer) ?? .null)
        record.append("replaces", bill.replacesNumber.map(Cell.text) ?? .null)
        record.append("replaced_by", bill.replacedByNumber.map(Cell.text) ?? .null)
        record.append("cancelled_at", bill.cancelledAt.map(Cell.text) ?? .null)
        record.append("cancelled_by", bill.cancelledBy.map(Cell.text) ?? .null)
        record.append("cancel_reason", bill.cancelReason.map(Cell.text) ?? .null)
        var payments = DataTable(columns: [Column("at"), Column("amount"), Column("source"), Column("receipt"), Column("operator")])
        for payment in details.payments {
            payments.append([.text(payment.at), .decimal(payment.amount.description), .text(payment.source.rawValue),
                             payment.receipt.map(Cell.integer) ?? .null, .text(payment.operatorName)])
        }
        var fees = DataTable(columns: [Column("from"), Column("to"), Column("days"), Column("owed"), Column("rate_per_mille"),
                                       Column("fee"), Column("receipt"), Column("at")])
        for fee in details.lateFees {
            fees.append([.text(fee.days.first.description), .text(fee.days.last.description), .integer(Int64(fee.days.days)),
                         .decimal(fee.base.description), .decimal(fee.rate.description), .decimal(fee.amount.description),
                         fee.receipt.map(Cell.integer) ?? .null, .text(fee.at)])
        }
        return DataDocument(record: record, sections: sections(details, unit: unit) + [
            DataDocument.Section(key: "payments", title: "Payments", table: payments),
            DataDocument.Section(key: "late_fees", title: "Late fees", table: fees),
        ])
    }

    private static func issuedFields(_ bill: Bill, unit: VolumeUnit) -> DataRecord {
        var record = DataRecord()
        record.append("bill", .text(bill.number))
        record.append("account", .text(bill.accountNumber))
        record.append("name", .text(bill.customerName))
        record.append("address", bill.address.map(Cell.text) ?? .null)
        record.append("period", .text(bill.period))
        record.append("from", .text(bill.periodSpan.first.description))
        record.append("to", .text(bill.periodSpan.last.description))
        record.append("days_billed", .text(bill.span.description))
        record.append("issued", .text(bill.issueDate.description))
        record.append("due", .text(bill.dueDate.description))
        record.append("tariff", .text(bill.tariff))
        record.append("persons", bill.persons.map { .integer(Int64($0)) } ?? .null)
        record.append("caliber", bill.caliber.map { .integer(Int64($0)) } ?? .null)
        record.append("volume", .decimal(bill.volume.description), title: VolumeLabels.header("VOLUME", unit))
        record.append("sewage_volume", bill.sewageVolume.map { .decimal($0.description) } ?? .null,
                      title: VolumeLabels.header("SEWAGE VOLUME", unit))
        record.append("total", .decimal(bill.total.description))
        record.append("currency", .text(bill.total.currency.code))
        return record
    }

    private static func sections(_ details: BillDetails, unit: VolumeUnit) -> [DataDocument.Section] {
        var readings = DataTable(columns: [
            Column("meter"), Column("reading"), Column("from"), Column("to"), Column("start"), Column("end"),
            Column("volume", title: VolumeLabels.header("VOLUME", unit)), Column("kind"),
        ])
        for record in details.consumptions {
            readings.append([.text(record.serial), .integer(record.readingID), .text(record.from), .text(record.to),
                             record.fromValue.map { .decimal($0.description) } ?? .null, .decimal(record.toValue.description),
                             .decimal(record.volume.description), .text(record.kind.rawValue)])
        }
        return [DataDocument.Section(key: "readings", title: "Readings", table: readings),
                DataDocument.Section(key: "lines", title: "Charges", table: lines(details, unit: unit))]
    }

    /// The lines with the columns of `tariff quote`, then the total.
    static func lines(_ details: BillDetails, unit: VolumeUnit) -> DataTable {
        PriceLinesTable.table(details.lines, tariff: details.bill.tariff, total: details.bill.total, unit: unit)
    }
}

import WBillSupport

/// One meter group's non-revenue water over a span: what its master (district) meter measured
/// less what the group's other meters did.
public struct NonRevenueWaterLine: Sendable, Equatable {
    public let group: String
    public let masterSerial: String
    /// The master meter's records in the span, reversals included.
    public let master: Volume
    /// Whether the master meter has a record in the span.
    public let masterRead: Bool
    /// The members' records in the span: the group's meters other than the master.
    public let members: Volume
    /// `master − members`: negative when the members measured more than the master (readings taken
    /// on other days than the master's, a master that under-registers); never clamped.
    public let nonRevenue: Volume
    /// `nonRevenue` as a percentage of `master` (one decimal, half-up); nil when the master measured nothing.
    public let percentOfMaster: FixedDecimal?
    /// Members with a measured record (a real reading, not an estimate) in the span, and all members:
    /// those installed on an account now and those with a record in the span.
    public let membersRead: Int
    public let membersTotal: Int
}

/// Non-revenue water per meter group with a master meter, computed once.
public struct NonRevenueWaterReport: Sendable, Equatable {
    public let span: DateSpan
    /// The groups with a master meter, by name.
    public let lines: [NonRevenueWaterLine]
    /// The groups without one, by name: they have no line.
    public let groupsWithoutMaster: [String]
}

/// Computes non-revenue water: for each meter group with a master meter, the master's consumption
/// in the span less the consumption of the group's other meters, each the sum of its records whose
/// `to_at` date (UTC) is one of the span's days, reversals included. The master counts whatever its
/// customer type (a statistical type that does not count consumption is the usual one) and whether
/// or not it is itself a member of the group. Membership is the meters' group now. One range
/// search of `consumptions_to_at` over the span's records, one index search of `meters_group` per
/// group; `meter_groups` is read whole.
public struct NonRevenueWater {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The report over `span`.
    /// - Throws: `NumberError.overflow` when a sum does not fit; `SQLiteError`.
    public func report(over span: DateSpan) throws -> NonRevenueWaterReport {
        let groups = try database.query("""
            SELECT g.id, g.name, g.master_meter_id, mm.serial FROM meter_groups g LEFT JOIN meters mm ON mm.id = g.master_meter_id
            ORDER BY g.name COLLATE NOCASE
            """) { (id: $0.int64(0), name: $0.text(1), masterID: $0.optionalInt64(2), masterSerial: $0.optionalText(3)) }
        // What each meter of a group, or master of one, measured in the span.
        let uses = try database.query("""
            SELECT c.meter_id, m.group_id, sum(c.volume), max(c.kind = 'measured')
            FROM consumptions c JOIN meters m ON m.id = c.meter_id
            WHERE c.to_at >= ? AND c.to_at < ?
              AND (m.group_id IS NOT NULL OR m.id IN (SELECT master_meter_id FROM meter_groups WHERE master_meter_id IS NOT NULL))
            GROUP BY c.meter_id
            """, [span.first.description, span.last.adding(days: 1).description]) {
            (meterID: $0.int64(0), groupID: $0.optionalInt64(1), volume: $0.int64(2), measured: $0.bool(3))
        }
        var lines: [NonRevenueWaterLine] = []
        for group in groups {
            guard let masterID = group.masterID, let masterSerial = group.masterSerial else { continue }
            let installed = try database.query("SELECT id FROM meters WHERE group_id = ? AND state = 'installed'", [group.id]) {
                $0.int64(0)
            }
            let memberUses = uses.filter { $0.groupID == group.id && $0.meterID != masterID }
            let masterUse = uses.first { $0.meterID == masterID }
            let master = masterUse?.volume ?? 0
            let members = try Self.sum(memberUses.map(\.volume))
            let (nonRevenue, overflow) = master.subtractingReportingOverflow(members)
            guard !overflow else { throw NumberError.overflow("non-revenue water") }
            let everyMember = Set(installed.filter { $0 != masterID }).union(memberUses.map(\.meterID))
            lines.append(NonRevenueWaterLine(
                group: group.name, masterSerial: masterSerial, master: Volume(litres: master), masterRead: masterUse != nil,
                members: Volume(litres: members), nonRevenue: Volume(litres: nonRevenue),
                percentOfMaster: try ReportPercentage.of(nonRevenue, in: master),
                membersRead: memberUses.filter(\.measured).count, membersTotal: everyMember.count))
        }
        return NonRevenueWaterReport(span: span, lines: lines, groupsWithoutMaster: groups.filter { $0.masterID == nil }.map(\.name))
    }

    /// The exact sum of `volumes`.
    static func sum(_ volumes: [Int64]) throws -> Int64 {
        try volumes.reduce(0) { total, next in
            let (sum, overflow) = total.addingReportingOverflow(next)
            guard !overflow else { throw NumberError.overflow("non-revenue water") }
            return sum
        }
    }
}

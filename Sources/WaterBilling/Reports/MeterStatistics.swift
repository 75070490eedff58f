import WBillSupport

/// What a meter report groups meters by.
public enum MeterDimension: String, Sendable, CaseIterable {
    /// The meter type's name.
    case type
    /// The meter's state now (in-stock, installed, removed, faulty).
    case state
    /// The manufacturer as recorded (none when left empty).
    case manufacturer
    /// The caliber in millimetres.
    case caliber
    /// The meter group (reading route) the meter is in now (none when in no group).
    case group
}

/// One value of the dimension: the meters now, what happened to them in the period, and how
/// completely those on an account in the period were read.
public struct MeterStatisticsLine: Sendable, Equatable {
    /// The dimension's value (`DN20 mechanical`, `installed`, `20` …); nil: none (no manufacturer, no group).
    public let group: String?
    /// Every meter, then by state now.
    public let meters: Int
    public let inStock: Int
    public let installed: Int
    public let removed: Int
    public let faulty: Int
    /// In the period: meters put on an account (opening an account, an exchange's new meter).
    public let installs: Int
    /// In the period: meters exchanged (counted on the meter taken off).
    public let exchanges: Int
    /// In the period: meters taken off an account without a replacement (the account closed).
    public let removals: Int
    /// Meters on an account at some time in the period with an actual reading dated in it.
    public let read: Int
    /// … with no actual reading in it but an estimated one.
    public let estimated: Int
    /// … with no reading in it at all.
    public let missing: Int
}

/// A meter report: one line per value of the dimension, ordered by it (none first).
public struct MeterStatisticsReport: Sendable, Equatable {
    public let span: DateSpan
    public let dimension: MeterDimension
    public let lines: [MeterStatisticsLine]
}

/// Meters by type, state, manufacturer, caliber or group: the stock as it stands, the installs,
/// exchanges and removals recorded in a span of UTC days (`meter_events` by time,
/// `meter_events_at`), and the reading completeness of the meters on an account during the span.
///
/// The stock counts every meter, and completeness every meter on an account in the span: what
/// they read grows with the meters counted (one pass over `meters`, one over `account_meters`),
/// while each meter's readings in the span are an index search (`meter_readings_meter`) and the
/// events an index range search over the span.
public struct MeterStatistics {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The reading sources that are not an actual reading of the period's use: an estimate, and
    /// the register's value when a meter was put on.
    static let notActual: [ReadingSource] = [.estimated, .initial]

    /// The report over `span`, one line per value of `dimension`.
    public func report(span: DateSpan, by dimension: MeterDimension) throws -> MeterStatisticsReport {
        let start = span.first.description, end = span.last.adding(days: 1).description
        let (value, joins) = Self.grouping(dimension)
        var counts: [String?: [String: Int]] = [:]
        func count(_ group: String?, _ column: String, _ number: Int) {
            counts[group, default: [:]][column, default: 0] += number
        }

        let stock = try database.query("""
            SELECT \(value), m.state, count(*) FROM meters m \(joins) GROUP BY 1, 2
            """) { (group: $0.optionalText(0), state: try $0.stored(1, as: MeterState.self), count: $0.int(2)) }
        for row in stock {
            count(row.group, "meters", row.count)
            count(row.group, row.state.rawValue, row.count)
        }

        let events = try database.query("""
            SELECT \(value), e.event, count(*) FROM meter_events e JOIN meters m ON m.id = e.meter_id \(joins)
            WHERE e.at >= ? AND e.at < ?
              AND (e.event = 'installed' OR e.event = 'exchanged' OR e.event = 'removed' OR e.event = 'returned to stock')
            GROUP BY 1, 2
            """, [start, end]) { (group: $0.optionalText(0), event: $0.text(1), count: $0.int(2)) }
        for row in events {
            switch row.event {
            case "installed": count(row.group, "installs", row.count)
            case "exchanged": count(row.group, "exchanges", row.count)
            default: count(row.group, "removals", row.count)
            }
        }

        let notActual = Self.notActual.map { "r.source <> '\($0.rawValue)'" }.joined(separator: " AND ")
        let readings = try database.query("""
            SELECT \(value),
              EXISTS (SELECT 1 FROM meter_readings r WHERE r.meter_id = m.id AND r.at >= ? AND r.at < ?
                      AND r.voided_at IS NULL AND \(notActual)),
              EXISTS (SELECT 1 FROM meter_readings r WHERE r.meter_id = m.id AND r.at >= ? AND r.at < ?
                      AND r.voided_at IS NULL AND r.source = '\(ReadingSource.estimated.rawValue)')
            FROM meters m \(joins)
            WHERE m.id IN (SELECT am.meter_id FROM account_meters am
                           WHERE am.installed_at < ? AND (am.removed_at IS NULL OR am.removed_at >= ?))
            """, [start, end, start, end, end, start]) { (group: $0.optionalText(0), read: $0.bool(1), estimated: $0.bool(2)) }
        for row in readings {
            count(row.group, row.read ? "read" : row.estimated ? "estimated" : "missing", 1)
        }

        let groups = counts.keys.sorted { lhs, rhs in
            switch (lhs, rhs) {
            case (nil, _): return rhs != nil
            case (_, nil): return false
            case let (l?, r?): return dimension == .caliber ? (Int(l) ?? 0, l) < (Int(r) ?? 0, r) : l < r
            }
        }
        let lines = groups.map { group -> MeterStatisticsLine in
            let of = counts[group] ?? [:]
            return MeterStatisticsLine(
                group: group, meters: of["meters"] ?? 0, inStock: of[MeterState.inStock.rawValue] ?? 0,
                installed: of[MeterState.installed.rawValue] ?? 0, removed: of[MeterState.removed.rawValue] ?? 0,
                faulty: of[MeterState.faulty.rawValue] ?? 0, installs: of["installs"] ?? 0, exchanges: of["exchanges"] ?? 0,
                removals: of["removals"] ?? 0, read: of["read"] ?? 0, estimated: of["estimated"] ?? 0, missing: of["missing"] ?? 0)
        }
        return MeterStatisticsReport(span: span, dimension: dimension, lines: lines)
    }

    /// The SQL value a meter `m` has for the dimension (text, NULL for none), and the joins it needs.
    static func grouping(_ dimension: MeterDimension) -> (value: String, joins: String) {
        switch dimension {
        case .type: return ("t.name", "JOIN meter_types t ON t.id = m.meter_type_id")
        case .state: return ("m.state", "")
        case .manufacturer: return ("nullif(m.manufacturer, '')", "")
        case .caliber: return ("CAST(m.caliber AS TEXT)", "")
        case .group: return ("g.name", "LEFT JOIN meter_groups g ON g.id = m.group_id")
        }
    }
}

/// An exact volume of water in the utility's volume unit (`VolumeUnit`: m³ unless it chose CCF,
/// kgal or gal) with exactly 3 decimals, stored as whole thousandths of the unit.
///
/// Nothing is converted between units: the unit only names the numbers. The smallest volume is one
/// thousandth of the unit, 0.001 (one litre when the unit is m³, hence the names `litres` and
/// `init(cubicMetres:)`, which count thousandths and whole units of any unit). Negative volumes
/// are allowed (corrections, reversals); check `isNegative` where a volume must not be negative.
///
/// ```swift
/// let used = try Volume(parsing: "12.5")   // 12500 thousandths (litres in m³)
/// print(used)                              // "12.500"
/// print(used.formattedTrimmed)             // "12.5"
/// ```
public struct Volume: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The number of decimals of a volume: 3 (a thousandth of the unit; one litre in m³).
    public static let scale = 3

    /// Thousandths in one unit (litres in one cubic metre): 1000.
    public static let litresPerCubicMetre: Int64 = 1000

    /// No water.
    public static let zero = Volume(litres: 0)

    /// The volume in thousandths of the volume unit (litres when the unit is m³).
    public let litres: Int64

    /// Creates a volume from thousandths of the volume unit.
    ///
    /// - Parameter litres: The volume in thousandths of the unit, e.g. `12500` for 12.5 (litres in m³).
    public init(litres: Int64) {
        self.litres = litres
    }

    /// Creates a volume of whole units (cubic metres when the unit is m³).
    ///
    /// - Parameter cubicMetres: The volume in whole units.
    /// - Throws: `NumberError.overflow` if the volume in thousandths does not fit in `Int64`.
    public init(cubicMetres: Int64) throws {
        let (litres, overflow) = cubicMetres.multipliedReportingOverflow(by: Volume.litresPerCubicMetre)
        guard !overflow else { throw NumberError.overflow("converting \(cubicMetres) m³ to litres") }
        self.init(litres: litres)
    }

    /// Parses a volume in the unit with at most 3 decimals, exactly: `"300"`, `"12.5"`, `"0.001"`, `"-1.250"`.
    ///
    /// The syntax is `FixedDecimal(parsing:)`'s; decimals are counted as written.
    ///
    /// - Parameter text: The volume in the unit.
    /// - Throws: `NumberError.tooManyDecimals` (e.g. `"0.0001"`), `.malformed`, `.overflow`.
    public init(parsing text: String) throws {
        let value = try FixedDecimal(parsing: text, maxScale: Volume.scale)
        let exact = try value.rescaled(to: Volume.scale, rounding: .down)  // only adds zeros: exact
        self.init(litres: exact.units)
    }

    /// The volume as a decimal with scale 3.
    public var asFixedDecimal: FixedDecimal {
        FixedDecimal(uncheckedUnits: litres, scale: Volume.scale)
    }

    /// The volume with exactly 3 decimals: `"300.000"`, `"0.001"`, `"-12.500"`.
    public var description: String { asFixedDecimal.description }

    /// The volume without trailing zeros or a bare point: `"300"`, `"12.5"`, `"0.001"`, `"0"`.
    public var formattedTrimmed: String { asFixedDecimal.normalized().description }

    /// Whether the volume is zero.
    public var isZero: Bool { litres == 0 }

    /// Whether the volume is strictly negative.
    public var isNegative: Bool { litres < 0 }

    /// The exact sum.
    ///
    /// - Parameter other: The volume to add.
    /// - Throws: `NumberError.overflow`.
    public func adding(_ other: Volume) throws -> Volume {
        let (sum, overflow) = litres.addingReportingOverflow(other.litres)
        guard !overflow else { throw NumberError.overflow("volume addition") }
        return Volume(litres: sum)
    }

    /// The exact difference `self - other`, e.g. current reading minus previous reading.
    ///
    /// - Parameter other: The volume to subtract.
    /// - Throws: `NumberError.overflow`.
    public func subtracting(_ other: Volume) throws -> Volume {
        let (difference, overflow) = litres.subtractingReportingOverflow(other.litres)
        guard !overflow else { throw NumberError.overflow("volume subtraction") }
        return Volume(litres: difference)
    }

    /// The volume with the opposite sign.
    ///
    /// - Throws: `NumberError.overflow` when `litres == Int64.min`.
    public func negated() throws -> Volume {
        let (negative, overflow) = Int64(0).subtractingReportingOverflow(litres)
        guard !overflow else { throw NumberError.overflow("volume negation") }
        return Volume(litres: negative)
    }

    /// The exact total of `volumes` (zero for an empty sequence).
    ///
    /// - Parameter volumes: The volumes to add.
    /// - Throws: `NumberError.overflow` if the total does not fit.
    public static func sum<S: Sequence>(_ volumes: S) throws -> Volume where S.Element == Volume {
        var total: Int128 = 0
        for volume in volumes {
            let (next, overflow) = total.addingReportingOverflow(Int128(volume.litres))
            guard !overflow else { throw NumberError.overflow("volume sum") }
            total = next
        }
        return Volume(litres: try narrow(total, operation: "volume sum"))
    }

    /// Splits the volume into parts proportional to `weights` that always add up exactly to the volume.
    ///
    /// Rule (largest remainder, in litres): every part first gets its exact share rounded toward
    /// zero; the litres still missing go one each to the parts whose dropped remainder is largest,
    /// ties going to the earlier part. A negative volume splits as the mirror image of the positive
    /// one. A zero weight gets zero; every part is within one litre of its exact share.
    ///
    /// - Parameter weights: Non-negative weights, at least one positive (e.g. days in each period).
    /// - Returns: One volume per weight, in order.
    /// - Throws: `NumberError.invalidWeights` for empty, negative or all-zero weights.
    ///
    /// ```swift
    /// try Volume(parsing: "10").split(byWeights: [10, 20])   // 3.333, 6.667
    /// try Volume(parsing: "100").split(byWeights: [31, 28, 31])   // 34.445, 31.111, 34.444 (tie → earlier)
    /// ```
    public func split(byWeights weights: [Int64]) throws -> [Volume] {
        try LargestRemainder.split(litres, byWeights: weights).map(Volume.init(litres:))
    }

    /// Whether `lhs` is a smaller volume than `rhs`.
    public static func < (lhs: Volume, rhs: Volume) -> Bool {
        lhs.litres < rhs.litres
    }
}

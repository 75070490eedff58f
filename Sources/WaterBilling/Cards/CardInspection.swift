import WBillSupport

/// What is on the reader, read and decoded, and how it agrees with the database: what
/// `wbill card status` and `card read` show. Reading presents no code and writes nothing.
public struct CardInspection: Sendable {
    /// What the card holds, as far as it could be read.
    public enum Contents: Sendable, Equatable {
        /// No card in the reader.
        case noCard
        /// A card of a type wbill does not use.
        case wrongType(ReaderCardType)
        /// A blank SLE4442: ready to be opened.
        case blank
        /// Data that is not a wbill card.
        case foreign
        /// A wbill card whose layout could not be read (another version, damage).
        case unreadable(CardError)
        /// A wbill card.
        case wbill(CardRecord)
    }

    /// The reader's port.
    public let port: String
    /// The reader's name and version.
    public let firmware: String
    /// The card's answer to reset, when it is an SLE4442.
    public let answerToReset: [UInt8]?
    /// Security code tries left, when it is an SLE4442.
    public let triesLeft: Int?
    /// What the card holds.
    public let contents: Contents
    /// Where the card and the database disagree; empty when they agree (or there is nothing to compare).
    public let findings: [CardFinding]
}

/// A way a wbill card disagrees with the database.
public enum CardFinding: Sendable, Equatable {
    /// The card was issued by another utility (its utility code is not this database's).
    case otherUtility(found: UInt32)
    /// No account has the card's number.
    case unknownAccount(String)
    /// The account is closed.
    case accountClosed(String)
    /// The account is not a card-meter (meter-side prepaid) account.
    case notCardMeterAccount(account: String, businessMode: BusinessMode)
    /// The card's meter is not installed on the account.
    case meterNotOnAccount(meter: String, account: String)
    /// The card was issued before wbill knew its tries: fewer than 3 are left, so it cannot be written.
    case triesUsed(Int)
    /// No card with the card's number was issued in this database.
    case unknownCard(UInt32)
    /// The card number was issued for another account or meter than the card says.
    case boundElsewhere(cardNumber: UInt32, account: String, meter: String)
    /// The card number's issue is not active (opening, failed, abandoned, lost, replaced).
    case cardNotActive(cardNumber: UInt32, state: CardState)

    /// The finding in words.
    public var description: String {
        switch self {
        case .otherUtility(let found):
            return "issued by another utility (utility code \(found))"
        case .unknownAccount(let number):
            return "no account \(number) in this database"
        case .accountClosed(let number):
            return "account \(number) is closed"
        case .notCardMeterAccount(let account, let mode):
            return "account \(account) is \(mode.rawValue), not a card-meter (meter-prepaid) account"
        case .meterNotOnAccount(let meter, let account):
            return "meter \(meter) is not installed on account \(account)"
        case .triesUsed(let left):
            return "only \(left) of 3 security code tries left: the card cannot be written"
        case .unknownCard(let number):
            return "card \(number) was not issued in this database"
        case .boundElsewhere(let number, let account, let meter):
            return "card \(number) was issued for account \(account), meter \(meter)"
        case .cardNotActive(let number, let state):
            return "card \(number) is \(state.rawValue), not active"
        }
    }
}

/// Reads the card on a reader and compares it with the database.
public struct CardInspector {
    let database: Database

    /// An inspector over `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Reads what is on `reader`: the card's type, its memory and tries, decoded and checked.
    /// - Throws: `CardReaderError` and `SerialPortError` when the reader or the line fails (not for
    ///   no card or the wrong type, which are contents), `CardError.noSecret`.
    public func inspect(_ reader: CardReader) throws -> CardInspection {
        let keys = try CardKeys.stored(in: database)
        let state = try reader.state()
        func result(_ contents: CardInspection.Contents, answer: [UInt8]? = nil, tries: Int? = nil,
                    findings: [CardFinding] = []) -> CardInspection {
            CardInspection(port: reader.port, firmware: state.firmware, answerToReset: answer, triesLeft: tries,
                           contents: contents, findings: findings)
        }
        guard state.cardPresent else { return result(.noCard) }
        guard state.cardType == .sle4442 else { return result(.wrongType(state.cardType)) }
        let session: SLE4442Session
        do {
            session = try SLE4442Session.start(on: reader)
        } catch CardReaderError.wrongCardType {
            return result(.wrongType(.unknown))
        }
        defer { session.powerOff() }
        let memory = try session.readAll()
        let tries = try session.triesLeft()
        let contents: CardInspection.Contents
        do {
            switch try CardLayout.decode(memory) {
            case .blank: contents = .blank
            case .foreign: contents = .foreign
            case .wbill(let record): contents = .wbill(record)
            }
        } catch let error as CardError {
            contents = .unreadable(error)
        }
        var findings: [CardFinding] = []
        if case .wbill(let record) = contents {
            findings = try check(record, keys: keys)
        }
        if tries < SLE4442Session.allTries, contents != .foreign { findings.append(.triesUsed(tries)) }
        return result(contents, answer: session.answerToReset, tries: tries, findings: findings)
    }

    /// Where `record` disagrees with the database.
    func check(_ record: CardRecord, keys: CardKeys) throws -> [CardFinding] {
        let identity = record.identity
        guard identity.utilityCode == keys.utilityCode else { return [.otherUtility(found: identity.utilityCode)] }
        let store = AccountStore(database: database)
        let account: Account
        do {
            account = try store.find(identity.accountNumber)
        } catch AccountError.notFound {
            return [.unknownAccount(identity.accountNumber)]
        }
        var findings: [CardFinding] = []
        if let issued = try CardStore(database: database).card(numbered: identity.cardNumber) {
            if issued.accountNumber != identity.accountNumber || issued.meterSerial != identity.meterSerial {
                findings.append(.boundElsewhere(cardNumber: issued.number, account: issued.accountNumber, meter: issued.meterSerial))
            } else if issued.state != .active {
                findings.append(.cardNotActive(cardNumber: issued.number, state: issued.state))
            }
        } else {
            findings.append(.unknownCard(identity.cardNumber))
        }
        if account.status == .closed { findings.append(.accountClosed(account.number)) }
        if !account.isCardMeter { findings.append(.notCardMeterAccount(account: account.number, businessMode: account.businessMode)) }
        if try !store.installedMeters(of: account).contains(where: { $0.serial == identity.meterSerial }) {
            findings.append(.meterNotOnAccount(meter: identity.meterSerial, account: account.number))
        }
        return findings
    }
}

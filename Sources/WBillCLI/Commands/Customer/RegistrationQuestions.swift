import WaterBilling
import WBillSupport

/// The questions of an interactive registration, one per missing step.
struct RegistrationQuestions {
    let prompter: Prompter
    let database: Database

    /// How many eligible meters are listed at most.
    static let meterListLimit = 30

    /// Step 1: lists the customer types and asks for one.
    func chooseType() throws -> CustomerType {
        let types = try CustomerTypeStore(database: database).all()
        guard !types.isEmpty else {
            throw CatalogueError.noCustomerTypes
        }
        prompter.io.write("Customer types:\n")
        return try prompter.choose("Customer type (number or name): ", items: types,
                                   line: { "\($0.name) (\($0.waterNature.rawValue), \($0.businessMode.rawValue))" }, name: \.name)
    }

    /// Step 2: asks for one field until its value is acceptable.
    func ask(_ field: CustomerField) throws -> String {
        let label = field.label.prefix(1).uppercased() + field.label.dropFirst()
        return try prompter.ask("\(label): ") { answer in
            switch BasicInformation.check(answer, as: field) {
            case .success(let value): return .success(value)
            case .failure(let problem): return .failure(PromptRejection(problem.reason))
            }
        }
    }

    /// Step 3: lists the eligible meters and asks for one or more, by number or serial.
    func chooseMeters(for type: CustomerType) throws -> [String] {
        let registrar = CustomerRegistrar(database: database)
        let total = try registrar.eligibleMeterCount(for: type)
        guard total > 0 else {
            throw CatalogueError.noEligibleMeters(customerType: type.name, meterTypes: type.meterTypes)
        }
        let meters = try registrar.eligibleMeters(for: type, limit: RegistrationQuestions.meterListLimit)
        let shown = total > meters.count ? "the first \(meters.count) of \(total)" : "\(total)"
        prompter.io.write("In-stock meters customer type '\(type.name)' allows (\(shown)):\n")
        for (index, meter) in meters.enumerated() {
            prompter.io.write("  \(index + 1)) \(meter.serial)  \(meter.typeName)\(meter.location.isEmpty ? "" : "  \(meter.location)")\n")
        }
        return try prompter.ask("Meters (numbers or serials, separated by spaces): ") { answer in
            var serials: [String] = []
            for word in answer.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }) {
                if let number = Int(word) {
                    guard (1...meters.count).contains(number) else {
                        return .failure(PromptRejection("\(number) is not in the list (1 to \(meters.count))"))
                    }
                    serials.append(meters[number - 1].serial)
                } else {
                    serials.append(String(word))
                }
            }
            return serials.isEmpty ? .failure(PromptRejection("name at least one meter")) : .success(serials)
        }
    }
}

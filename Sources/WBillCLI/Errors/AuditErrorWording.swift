import WaterBilling

extension DatedBeforeExistenceError: CommandLineWording {
    var commandLineMessage: String {
        clockOverridden ? description + "; the time comes from WBILL_NOW" : description
    }
}

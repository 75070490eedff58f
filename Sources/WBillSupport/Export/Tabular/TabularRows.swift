/// What an exporter hands each row to, a row at a time (one value per column, in order), so that
/// a table of any length is written with flat memory. It throws when the row cannot be written
/// (a value the output format cannot hold, a full disk); the exporter stops there.
public typealias TabularRowConsumer = ([TabularValue]) throws -> Void

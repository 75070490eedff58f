import WBillSupport

/// Puts a handler's output where the `OutputPlan` says, in its format: text on standard output
/// as ever; a table, a report or a stream in a file written atomically (committed only once
/// whole), or in the typed formats (xlsx, dbf, sql) through their `TableWriter`s. Runs after the
/// command's transaction committed.
struct OutputDelivery {
    let streams: OutputStreams
    let settings: Settings
    let plan: OutputPlan
    let command: CommandSpec
    /// Says on stderr which leftovers of killed runs were removed beside the output file.
    let warn: (String) -> Void

    private var style: TableStyle { TableStyle(boldHeader: settings.color && plan.path == nil) }
    private var provenance: ReportProvenance {
        ReportProvenance(generatedAt: settings.now, generatedBy: settings.operatorName)
    }

    /// Delivers `output`.
    func deliver(_ output: CommandOutput) throws {
        switch output {
        case .nothing:
            break
        case .message(let text):
            if !settings.quiet { streams.out(text.hasSuffix("\n") ? text : text + "\n") }
        case .table(let table):
            try deliver(table: table, heading: heading(name: defaultName, title: command.summary))
        case .record(let record):
            if plan.path == nil {
                streams.out(TableRenderer.render(record, as: settings.format, style: style))
            } else {
                let table = DataTable(columns: record.fields.map(\.0), rows: [record.fields.map(\.1)])
                try deliver(table: table, heading: heading(name: defaultName, title: command.summary))
            }
        case .document(let document):
            if case .file(let format) = plan.choice {
                // A record with lists is no one table: the typed formats hold one.
                throw UsageError("'\(command.fullName)' prints a record with lists (\(document.sections.map(\.key).joined(separator: ", "))), "
                    + "which has no \(format.rawValue) form: write it as json, csv, tsv or txt", command: command.fullName)
            }
            try deliverText(TableRenderer.render(document, as: settings.format, style: style))
        case .report(let report):
            let heading = TableHeading(name: report.name, title: report.title, parameters: report.parameters,
                                       notes: report.notes, charts: report.charts, provenance: provenance)
            switch plan.choice {
            case .text(let format):
                try deliverText(TableRenderer.render(report, provenance: provenance, as: format, style: style))
            case .file:
                let converted = TabularConversion(report.table)
                try write(heading: heading, columns: converted.columns) { emit in
                    for row in converted.rows { try emit(row) }
                }
            }
        case .stream(let stream):
            let heading = TableHeading(name: stream.name, title: stream.title, parameters: stream.parameters,
                                       notes: stream.notes, provenance: provenance)
            try write(heading: heading, columns: stream.columns, rows: stream.produce)
        case .text(let text):
            streams.out(text)
        case .sequence(let outputs):
            for output in outputs { try deliver(output) }
        case .failed(let output, _):
            try deliver(output)
        }
    }

    /// `meter-list` for `wbill meter list`.
    private var defaultName: String { command.path.joined(separator: "-") }

    private func heading(name: String, title: String) -> TableHeading {
        TableHeading(name: name, title: title, provenance: provenance)
    }

    private func deliver(table: DataTable, heading: TableHeading) throws {
        switch plan.choice {
        case .text(let format):
            try deliverText(TableRenderer.render(table, as: format, style: style))
        case .file:
            let converted = TabularConversion(table)
            try write(heading: heading, columns: converted.columns) { emit in
                for row in converted.rows { try emit(row) }
            }
        }
    }

    /// Text to standard output or to the file, after the byte-order mark when one is asked for.
    private func deliverText(_ text: String) throws {
        let output = try plan.path.map { ByteOutput(file: try openFile($0)) } ?? ByteOutput(streams: streams)
        if plan.byteOrderMark { try output.write(bytes: [0xEF, 0xBB, 0xBF]) }
        try output.write(text)
        try output.finish()
    }

    /// Rows through the writer of the plan's format.
    private func write(heading: TableHeading, columns: [TabularColumn],
                       rows: (TabularRowConsumer) throws -> Void) throws {
        let writer = try makeWriter()
        try Self.namingFile(plan.path) {
            try writer.begin(heading, columns: columns)
            try rows { row in try writer.append(row) }
            try writer.finish()
        }
    }

    private func makeWriter() throws -> TableWriter {
        let file = try plan.path.map(openFile)
        let output = file.map(ByteOutput.init(file:)) ?? ByteOutput(streams: streams)
        switch plan.choice {
        case .text(.csv): return DelimitedTableWriter(output: output, format: .csv, byteOrderMark: plan.byteOrderMark)
        case .text(.tsv): return DelimitedTableWriter(output: output, format: .tsv, byteOrderMark: plan.byteOrderMark)
        case .text(.json): return JSONTableWriter(output: output)
        case .text(.table): return AlignedTableWriter(output: output, style: style)
        case .file(.sql): return SQLTableWriter(output: output, dialect: plan.dialect)
        case .file(let format):
            guard let file else { preconditionFailure("a file format has a file: OutputPlan requires --output") }
            switch format {
            case .xlsx: return XLSXTableWriter(file: file)
            case .dbf: return DBFTableWriter(file: file, encoding: plan.encoding, truncatesText: plan.truncatesText,
                                             lastUpdate: settings.now.date)
            case .sql: preconditionFailure("handled above: a script goes to a file or to standard output")
            }
        }
    }

    private func openFile(_ path: String) throws -> AtomicFile {
        let file = try AtomicFile(path: path)
        for leftover in file.removedLeftovers {
            warn("removed \(leftover.path), a temporary file left by process \(leftover.processID), which is no longer running")
        }
        return file
    }
}

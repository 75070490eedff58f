/*
 * The baseline of bench-export.sh's xlsx row: the least a program can do to write what
 * `wbill export meters -o FILE.xlsx` writes. It runs the same query on the same database through
 * SQLite's C API and writes the same cells with libxlsxwriter in constant-memory mode: a bold
 * header of the column titles, text as strings, the caliber as a number ("#,##0"), the initial
 * reading as a number with 3 decimals ("#,##0.000"), the time added as a date-time
 * ("yyyy-mm-dd hh:mm:ss"), frozen header, autofilter, fixed column widths, and an About sheet.
 *
 *   cc -O2 -o xlsx-baseline bench-export-xlsx-baseline.c -lxlsxwriter -lsqlite3
 *   ./xlsx-baseline DATABASE "SQL" OUTPUT.xlsx
 */
#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <xlsxwriter.h>

static const char *titles[] = {"Serial", "Meter type", "Caliber", "Manufacturer", "Model", "Location", "State",
                               "Group", "Account", "Initial reading", "Added at"};

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s DATABASE SQL OUTPUT.xlsx\n", argv[0]);
        return 64;
    }
    sqlite3 *db;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 66;
    }
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v2(db, argv[2], -1, &statement, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s\n", sqlite3_errmsg(db));
        return 65;
    }
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE};
    lxw_workbook *workbook = workbook_new_opt(argv[3], &options);
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "meters");
    lxw_format *bold = workbook_add_format(workbook);
    format_set_bold(bold);
    lxw_format *whole = workbook_add_format(workbook);
    format_set_num_format(whole, "#,##0");
    lxw_format *thousandths = workbook_add_format(workbook);
    format_set_num_format(thousandths, "#,##0.000");
    lxw_format *moment = workbook_add_format(workbook);
    format_set_num_format(moment, "yyyy-mm-dd hh:mm:ss");
    for (int column = 0; column < 11; column++) worksheet_write_string(sheet, 0, column, titles[column], bold);
    lxw_row_t row = 1;
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    while (sqlite3_step(statement) == SQLITE_ROW) {
        for (int column = 0; column < 11; column++) {
            if (sqlite3_column_type(statement, column) == SQLITE_NULL) continue;
            if (column == 2) {
                worksheet_write_number(sheet, row, column, (double)sqlite3_column_int64(statement, column), whole);
            } else if (column == 9) {
                worksheet_write_number(sheet, row, column, sqlite3_column_int64(statement, column) / 1000.0, thousandths);
            } else if (column == 10) {
                lxw_datetime value = {0};
                int seconds = 0;
                sscanf((const char *)sqlite3_column_text(statement, column), "%d-%d-%dT%d:%d:%d", &value.year, &value.month,
                       &value.day, &value.hour, &value.min, &seconds);
                value.sec = seconds;
                worksheet_write_datetime(sheet, row, column, &value, moment);
            } else {
                worksheet_write_string(sheet, row, column, (const char *)sqlite3_column_text(statement, column), NULL);
            }
        }
        row++;
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_autofilter(sheet, 0, 0, row - 1, 10);
    for (int column = 0; column < 11; column++) worksheet_set_column(sheet, column, column, column == 10 ? 20 : 16, NULL);
    lxw_worksheet *about = workbook_add_worksheet(workbook, "About");
    worksheet_write_string(about, 0, 0, "Field", bold);
    worksheet_write_string(about, 0, 1, "Value", bold);
    worksheet_write_string(about, 1, 0, "Report", NULL);
    worksheet_write_string(about, 1, 1, "meters", NULL);
    worksheet_write_string(about, 2, 0, "Rows", NULL);
    worksheet_write_number(about, 2, 1, row - 1, whole);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return workbook_close(workbook) == LXW_NO_ERROR ? 0 : 74;
}

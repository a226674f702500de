package io.seatpilot.doorlistprint;

import io.seatpilot.core.doorlist.PrintedList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** {@code doorlist.csv}: SPEC §15's columns, RFC 4180, safe to open in a spreadsheet. */
final class DoorListCsv {

    static final String[] HEADER = {"last_name", "first_name", "household", "table_label", "seat_label", "zone", "pmr", "vip", "rsvp"};
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER).get();

    private DoorListCsv() {
    }

    static byte[] write(PrintedList.Sheet sheet) {
        StringBuilder out = new StringBuilder(64 * (sheet.rows().size() + 1));
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            for (PrintedList.Row row : sheet.rows()) {
                printer.printRecord(safe(row.lastName()), safe(row.firstName()), safe(row.household()), safe(row.tableLabel()),
                        safe(row.seatLabel()), safe(row.zone()), row.pmr(), row.vip(), row.rsvp());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A cell a spreadsheet would evaluate (a formula, or a DDE call) is prefixed with an apostrophe: planners
     * import guest lists from anywhere, and a name like {@code =HYPERLINK(…)} must print as text (OWASP, CSV injection).
     */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }
}

package io.seatpilot.doorlistprint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.core.doorlist.PrintedList;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class DoorListCsvTest {

    private static List<CSVRecord> read(List<PrintedList.Row> rows) throws Exception {
        String csv = new String(DoorListCsv.write(new PrintedList.Sheet(null, rows)), StandardCharsets.UTF_8);
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }

    @Test
    void aRowKeepsItsTextAccentsCommasAndQuotes() throws Exception {
        var record = read(List.of(new PrintedList.Row("Núñez, \"Pepa\"", "María José", "Casa Núñez", "Mesa 3", "3-4", "B",
                true, false, "confirmed"))).get(0);
        assertEquals("Núñez, \"Pepa\"", record.get("last_name"));
        assertEquals("María José", record.get("first_name"));
        assertEquals("true", record.get("pmr"));
        assertEquals("false", record.get("vip"));
        assertEquals("confirmed", record.get("rsvp"));
    }

    /** OWASP's CSV injection: a spreadsheet must show these as text, not evaluate them. */
    @Test
    void cellsASpreadsheetWouldEvaluateArePrefixedWithAnApostrophe() throws Exception {
        var record = read(List.of(new PrintedList.Row("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tT", "\rZ",
                false, false, "invited"))).get(0);
        assertEquals("'=HYPERLINK(\"http://x\")", record.get("last_name"));
        assertEquals("'+1", record.get("first_name"));
        assertEquals("'-2", record.get("household"));
        assertEquals("'@SUM(A1)", record.get("table_label"));
        assertEquals("'\tT", record.get("seat_label"));
        assertEquals("'\rZ", record.get("zone"));
    }

    @Test
    void missingCellsAreEmptyAndTheHeaderIsSpecsColumns() throws Exception {
        var record = read(List.of(new PrintedList.Row("Lee", "Ana", null, null, "", null, false, true, "invited"))).get(0);
        assertEquals("", record.get("household"));
        assertEquals("", record.get("table_label"));
        assertEquals(List.of("last_name", "first_name", "household", "table_label", "seat_label", "zone", "pmr", "vip", "rsvp"),
                record.getParser().getHeaderNames());
    }
}

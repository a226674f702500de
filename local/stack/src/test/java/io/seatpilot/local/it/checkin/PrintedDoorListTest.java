package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The door list on paper (SPEC §15): a 300-guest wedding's PDF holds every name, the CSV is safe to open. */
class PrintedDoorListTest {

    private static final String EVENT = "boda-300";
    private static final List<String> LAST = List.of("García", "Núñez", "Ortiz", "López", "Martín", "Sánchez", "Pérez",
            "Gómez", "Ruiz", "Díaz", "Álvarez", "Moreno", "Muñoz", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres",
            "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega",
            "Delgado");
    private static final List<String> FIRST = List.of("José", "Ana", "Lucía", "Íñigo", "Sofía", "Martín", "Begoña",
            "Raúl", "Nuria", "Óscar");
    private static Tenant tenant;
    private static final List<String[]> names = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        tenant = Tenant.create("printed");
        put("/v1/events/" + EVENT, Map.of("name", "Boda de Ana y José", "kind", "wedding", "default_locale", "es",
                "zones", List.of(Map.of("id", "za", "name", "Jardín", "letter", "A", "color", "#2E8B57"))), 201);
        List<Map<String, Object>> tables = new ArrayList<>();
        for (int t = 1; t <= 30; t++) {
            tables.add(Map.of("id", "t" + t, "label", "A-" + t, "zone", "za", "capacity", 10));
        }
        put("/v1/events/" + EVENT + "/tables", Map.of("tables", tables), 200);
        List<Map<String, Object>> guests = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String last = LAST.get(i % LAST.size());
            String first = FIRST.get(i / LAST.size());
            names.add(new String[] {last, first});
            Map<String, Object> guest = new HashMap<>(Map.of("id", "g" + i, "first_name", first, "last_name", last,
                    "rsvp", i % 50 == 7 ? "pending" : "confirmed", "table_id", "t" + (1 + i % 30), "seat", Integer.toString(1 + i / 30)));
            if (i % 3 == 0) {
                guest.put("household_id", "h" + (i / 3));
            }
            if (i % 40 == 0) {
                guest.put("tags", List.of("pmr"));
            }
            guests.add(guest);
        }
        guests.add(new HashMap<>(Map.of("id", "evil", "first_name", "=HYPERLINK(\"http://x\")", "last_name", "+Zed",
                "rsvp", "confirmed")));
        put("/v1/events/" + EVENT + "/guests", Map.of("guests", guests), 200);
    }

    @Test
    void thePdfIsA4AndHoldsEveryGuestByLastName() throws Exception {
        Api.Bytes pdf = tenant.api().bytes("/v1/events/" + EVENT + "/doorlist.pdf", Map.of("authorization", "Bearer " + tenant.volunteer(1, "ops")));
        assertEquals(200, pdf.status(), new String(pdf.body(), StandardCharsets.UTF_8));
        assertEquals("application/pdf", pdf.headers().firstValue("content-type").orElseThrow());
        assertEquals("no-store", pdf.headers().firstValue("cache-control").orElseThrow());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            PDRectangle box = document.getPage(0).getMediaBox();
            assertEquals(PDRectangle.A4.getWidth(), box.getWidth(), 0.5);
            assertEquals(PDRectangle.A4.getHeight(), box.getHeight(), 0.5);
            assertTrue(document.getNumberOfPages() >= 6, "300 lines do not fit on " + document.getNumberOfPages() + " pages");
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Lista de puerta: Boda de Ana y José"), "the event's default_locale (es): " + text.substring(0, 200));
            assertTrue(text.contains("Apellidos"), "Spanish column titles");
            List<String> lines = text.lines().map(String::strip).toList();
            List<Integer> positions = new ArrayList<>();
            for (String[] name : names) {
                String line = name[0] + " " + name[1];
                int at = indexOfLineStarting(lines, line);
                assertTrue(at >= 0, "the PDF lacks " + line);
                positions.add(at);
            }
            List<String> sortedLastNames = new ArrayList<>(LAST);
            Collator collator = Collator.getInstance(Locale.forLanguageTag("es"));
            collator.setStrength(Collator.PRIMARY);
            sortedLastNames.sort(collator);
            int previous = -1;
            for (String last : sortedLastNames) {
                int first = indexOfLineStarting(lines, last + " ");
                assertTrue(first > previous, last + " is out of order");
                previous = first;
            }
        }
    }

    @Test
    void theCsvHasSpecColumnsAndCannotRunFormulas() {
        var csv = tenant.api().withToken(tenant.volunteer(1, "planner"), "GET", "/v1/events/" + EVENT + "/doorlist.csv", null);
        assertEquals(200, csv.status(), csv.body());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        List<String> lines = csv.body().lines().toList();
        assertEquals("last_name,first_name,household,table_label,seat_label,zone,pmr,vip,rsvp", lines.get(0));
        assertEquals(302, lines.size(), "a header and one line per guest");
        assertTrue(lines.contains("'+Zed,\"'=HYPERLINK(\"\"http://x\"\")\",,,,,false,false,confirmed"), csv.body());
        assertTrue(lines.contains("García,José,h0,A-1,1,A,true,false,confirmed"), "household, seat and pmr: " + csv.body());
        assertTrue(lines.contains("Álvarez,José,,A-11,1,A,false,false,confirmed"), csv.body());
        assertTrue(lines.contains("Gómez,José,,A-8,1,A,false,false,pending"), csv.body());
    }

    @Test
    void onlyAdminsPlannersAndOpsPrintItAndOnlyTheirOwnEvents() {
        String path = "/v1/events/" + EVENT + "/doorlist.csv";
        for (String role : List.of("staff", "viewer")) {
            var refused = tenant.api().withToken(tenant.volunteer(1, role), "GET", path, null);
            assertEquals(403, refused.status(), role + ": " + refused.body());
        }
        Tenant other = Tenant.create("printed-other");
        var hidden = other.api().withToken(other.adminToken(), "GET", path, null);
        assertEquals(404, hidden.status(), hidden.body());
        assertEquals("not_found", hidden.reason());
        Api.Bytes pdf = other.api().bytes("/v1/events/" + EVENT + "/doorlist.pdf", Map.of("authorization", "Bearer " + other.adminToken()));
        assertEquals(404, pdf.status());
    }

    private static int indexOfLineStarting(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static void put(String path, Object body, int expected) {
        var answer = tenant.api().withToken(tenant.adminToken(), "PUT", path, body);
        assertEquals(expected, answer.status(), answer.body());
    }
}

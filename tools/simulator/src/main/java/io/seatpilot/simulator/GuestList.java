package io.seatpilot.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A plausible guest list: accented names, households of two to five, a few VIPs and guests with reduced
 * mobility, some declined, and tables of ten in four lettered, coloured zones with households kept together.
 */
record GuestList(List<Party> households, List<Map<String, Object>> guestRows, List<Map<String, Object>> tables,
                 List<Map<String, Object>> zones) {

    /** A guest as the simulator knows them (it planned the seating, so it knows their table). */
    record Guest(String id, String firstName, String lastName, String householdId, String tableId, boolean declined) {
    }

    /** Guests who come through the door together; a household of one is a single guest. */
    record Party(String householdId, List<Guest> members) {
    }

    private static final String[] FIRST = {"José", "María", "Sofía", "Zoë", "Ángel", "Chloé", "Björn", "Łukasz",
        "Ana", "Luis", "Inés", "Noé", "Lucía", "Hugo", "Álvaro", "Élodie", "Jürgen", "Ximena", "Mateo", "Renée",
        "Carmen", "Diego", "Olga", "Núria", "Pilar", "Tomás", "Iñaki", "Amélie", "Søren", "Valentina"};
    private static final String[] LAST = {"Núñez", "García", "O'Brien", "Müller", "Dubois", "Ruiz", "Kowalski",
        "Smith", "Fernández", "Peña", "López", "Schröder", "Martín", "Sánchez", "Ibáñez", "Castaño", "Moreau",
        "Nowak", "Jiménez", "Ortega", "Díaz", "Larsen", "Gómez", "Álvarez"};
    private static final String[][] ZONES = {{"A", "green"}, {"B", "blue"}, {"C", "orange"}, {"D", "purple"}};
    private static final int TABLE_SIZE = 10;

    static GuestList generate(int guestCount, Random random) {
        List<Party> parties = new ArrayList<>();
        int made = 0;
        int household = 0;
        while (made < guestCount) {
            int size = random.nextDouble() < 0.55 ? 1 : 2 + random.nextInt(4);
            size = Math.min(size, guestCount - made);
            String householdId = size > 1 ? "h" + (++household) : null;
            String last = LAST[random.nextInt(LAST.length)];
            List<Guest> members = new ArrayList<>();
            boolean declined = random.nextDouble() < 0.05;
            for (int i = 0; i < size; i++) {
                members.add(new Guest("g" + (++made), FIRST[random.nextInt(FIRST.length)],
                        size > 1 ? last : LAST[random.nextInt(LAST.length)], householdId, null, declined));
            }
            parties.add(new Party(householdId, members));
        }
        // seat parties in order, a table of ten at a time, never splitting a household across tables
        List<Party> seated = new ArrayList<>();
        int table = 1;
        int used = 0;
        for (Party party : parties) {
            if (used + party.members().size() > TABLE_SIZE) {
                table++;
                used = 0;
            }
            used += party.members().size();
            String tableId = "t" + table;
            seated.add(new Party(party.householdId(), party.members().stream().map(g -> new Guest(g.id(), g.firstName(),
                    g.lastName(), g.householdId(), tableId, g.declined())).toList()));
        }
        List<Map<String, Object>> zones = new ArrayList<>();
        for (String[] zone : ZONES) {
            zones.add(Map.of("id", "z" + zone[0].toLowerCase(), "name", "Zone " + zone[0], "letter", zone[0], "color", zone[1]));
        }
        // the tables of guests with reduced mobility are accessible, so a solved plan can seat them (SPEC §8)
        java.util.Set<String> accessible = new java.util.HashSet<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Party party : seated) {
            for (Guest g : party.members()) {
                var row = new java.util.HashMap<String, Object>(Map.of("id", g.id(), "first_name", g.firstName(),
                        "last_name", g.lastName(), "rsvp", g.declined() ? "declined" : "confirmed", "table_id", g.tableId()));
                if (g.householdId() != null) {
                    row.put("household_id", g.householdId());
                }
                double tag = random.nextDouble();
                if (tag < 0.05) {
                    row.put("tags", List.of("vip"));
                } else if (tag < 0.08) {
                    row.put("tags", List.of("pmr"));
                    accessible.add(g.tableId());
                }
                rows.add(row);
            }
        }
        List<Map<String, Object>> tables = new ArrayList<>();
        for (int t = 1; t <= table; t++) {
            String letter = ZONES[(t - 1) % ZONES.length][0];
            List<String> seats = new ArrayList<>();
            for (int s = 1; s <= TABLE_SIZE; s++) {
                seats.add(Integer.toString(s));
            }
            tables.add(Map.of("id", "t" + t, "label", letter + "-" + t, "zone", "z" + letter.toLowerCase(),
                    "capacity", TABLE_SIZE, "shape", "round", "seats", seats,
                    "tags", accessible.contains("t" + t) ? List.of("accessible") : List.of()));
        }
        return new GuestList(seated, rows, tables, zones);
    }
}

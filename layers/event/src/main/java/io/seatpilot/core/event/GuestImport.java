package io.seatpilot.core.event;

import io.seatpilot.core.store.Ids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a guest list (SPEC §6) from JSON ({@code {"guests":[…],"households":[…]}}) or CSV with a header row.
 * Every row is checked on its own: a bad row is reported with its CSV line (or JSON position) and never stops
 * the good rows.
 */
public final class GuestImport {

    public static final int MAX_ROWS = 5_000;

    private static final Set<String> GUEST_FIELDS = Set.of("id", "first_name", "last_name", "household_id", "tags",
            "rsvp", "dietary", "notes", "table_id", "seat", "email", "phone", "locale", "max_companions", "stops");
    private static final Set<String> HOUSEHOLD_FIELDS = Set.of("id", "name", "members");
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,100}");
    private static final Pattern RSVP = Pattern.compile("(?i)pending|confirmed|declined");
    private static final Pattern SEAT = Pattern.compile("[A-Za-z0-9 _.-]{1,16}");
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES).build();

    private GuestImport() {
    }

    /** {@code position} is where the row stood in the request, for its error report. */
    public record HouseholdRow(String id, String name, List<String> members, String position) {
    }

    /** The rows that passed, and one error per row that did not. */
    public record Parsed(List<Guest> guests, List<HouseholdRow> households, List<RowError> errors) {
    }

    public static Parsed json(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw new ApiException(Reason.VALIDATION_FAILED, "Body must be a JSON object");
        }
        object.fieldNames().forEachRemaining(name -> {
            if (!name.equals("guests") && !name.equals("households")) {
                throw ApiException.field(Reason.VALIDATION_FAILED, name, "Unknown field " + name);
            }
        });
        JsonNode guests = array(object, "guests");
        JsonNode households = array(object, "households");
        Collector collector = new Collector();
        for (int i = 0; i < guests.size(); i++) {
            collector.guest(guests.get(i), null, "guests[" + i + "]");
        }
        for (int i = 0; i < households.size(); i++) {
            collector.household(households.get(i), "households[" + i + "]");
        }
        return collector.done();
    }

    public static Parsed csv(String text) {
        Collector collector = new Collector();
        try (MappingIterator<List<String>> rows = CSV.readerForListOf(String.class).readValues(text)) {
            if (!rows.hasNextValue()) {
                throw new ApiException(Reason.VALIDATION_FAILED, "CSV needs a header row");
            }
            List<String> header = rows.nextValue().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
            for (String column : header) {
                if (!GUEST_FIELDS.contains(column)) {
                    throw ApiException.field(Reason.VALIDATION_FAILED, column, "Unknown CSV column " + column);
                }
            }
            if (!header.contains("id")) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "id", "CSV header needs an id column");
            }
            // the reader stands at the start of the next record once the previous one is read: that is its line
            int line = rows.getParser().currentLocation().getLineNr();
            while (rows.hasNextValue()) {
                List<String> cells = rows.nextValue();
                int recordLine = line;
                line = rows.getParser().currentLocation().getLineNr();
                if (cells.size() == 1 && cells.getFirst().isBlank()) {
                    continue;
                }
                ObjectNode row = Json.MAPPER.createObjectNode();
                for (int c = 0; c < Math.min(cells.size(), header.size()); c++) {
                    row.put(header.get(c), cells.get(c));
                }
                if (cells.size() != header.size()) {
                    collector.error(recordLine, null, RowReader.idOf(row), null,
                            "Row has " + cells.size() + " cells; the header has " + header.size());
                    continue;
                }
                collector.guest(row, recordLine, null);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            // An unreadable CSV (an unclosed quote swallows the rest) keeps the rows read so far and says where.
            collector.error(null, null, null, null, "CSV unreadable after the rows above: " + firstLine(e.getMessage()));
        }
        return collector.done();
    }

    private static String firstLine(String message) {
        return message == null ? "syntax error" : message.lines().findFirst().orElse("syntax error");
    }

    private static JsonNode array(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Json.MAPPER.createArrayNode();
        }
        if (!node.isArray()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, field, field + " must be a list");
        }
        if (node.size() > MAX_ROWS) {
            throw ApiException.field(Reason.PAYLOAD_TOO_LARGE, field, "At most " + MAX_ROWS + " rows per request");
        }
        return node;
    }

    private static final class Collector {
        private final Map<String, Guest> guests = new java.util.LinkedHashMap<>();
        private final List<HouseholdRow> households = new ArrayList<>();
        private final Set<String> householdIds = new HashSet<>();
        private final List<RowError> errors = new ArrayList<>();
        private int rows;

        void guest(JsonNode node, Integer line, String position) {
            if (++rows > MAX_ROWS) {
                throw new ApiException(Reason.PAYLOAD_TOO_LARGE, "At most " + MAX_ROWS + " rows per request");
            }
            String id = RowReader.idOf(node);
            try {
                RowReader row = new RowReader(node, GUEST_FIELDS);
                id = row.required("id", Ids.ITEM);
                if (guests.containsKey(id)) {
                    throw new RowReader.Refused("id", "Guest " + id + " appears twice");
                }
                String rsvp = row.optional("rsvp", RSVP);
                String firstName = row.required("first_name", NAME);
                String lastName = row.optional("last_name", NAME);
                if (!Names.fitsIndex(firstName, lastName)) {
                    throw new RowReader.Refused(Names.fitsIndex(firstName, null) ? "last_name" : "first_name",
                            "The name is too long for the name index once accents and compatibility characters are"
                                    + " expanded (at most " + Names.MAX_KEY_BYTES + " bytes)");
                }
                guests.put(id, new Guest(id, firstName, lastName,
                        row.optional("household_id", Ids.ITEM), row.tags("tags"),
                        rsvp == null ? Guest.Rsvp.PENDING : Guest.Rsvp.valueOf(rsvp.toUpperCase(Locale.ROOT)),
                        row.optionalText("dietary", 200), row.optionalText("notes", 500),
                        row.optional("table_id", Ids.ITEM), row.optional("seat", SEAT), contact(row)));
            } catch (RowReader.Refused refused) {
                error(line, position, id, refused.field, refused.getMessage());
            }
        }

        /** A bad e-mail or phone refuses the row (it would only fail later, at every send), never the import. */
        private static Guest.Invitation contact(RowReader row) {
            String email = row.optionalText("email", ContactFormats.MAX_EMAIL_LENGTH);
            String phone = row.optionalText("phone", 32);
            String locale = row.optionalText("locale", 35);
            Integer companions = row.optionalInt("max_companions", 0, ContactFormats.MAX_COMPANIONS);
            List<String> stops = row.list("stops", 20);
            stops.stream().filter(id -> !Ids.ITEM.matcher(id).matches()).findFirst().ifPresent(bad -> {
                throw new RowReader.Refused("stops", "stops holds a malformed stop id");
            });
            return new Guest.Invitation(
                    email == null ? null : ContactFormats.email(email).orElseThrow(() -> new RowReader.Refused("email",
                            "email is not a deliverable address (name@domain.tld)")),
                    phone == null ? null : ContactFormats.phone(phone).orElseThrow(() -> new RowReader.Refused("phone",
                            "phone must be a valid number in E.164 form, with its country code (+34…)")),
                    locale == null ? null : ContactFormats.locale(locale).orElseThrow(() -> new RowReader.Refused("locale",
                            "locale must be a language tag of " + ContactFormats.LANGUAGES)),
                    companions == null ? 0 : companions, stops);
        }

        void household(JsonNode node, String position) {
            String id = RowReader.idOf(node);
            try {
                RowReader row = new RowReader(node, HOUSEHOLD_FIELDS);
                id = row.required("id", Ids.ITEM);
                if (!householdIds.add(id)) {
                    throw new RowReader.Refused("id", "Household " + id + " appears twice");
                }
                households.add(new HouseholdRow(id, row.optionalText("name", 100), row.list("members", 100), position));
            } catch (RowReader.Refused refused) {
                error(null, position, id, refused.field, refused.getMessage());
            }
        }

        void error(Integer line, String position, String id, String field, String message) {
            errors.add(new RowError(line, position, id, field, message));
        }

        /**
         * A household row's members join it unless their own row names another household; a member who is not
         * in the same request (or names another household) makes the household row an error, not the guests.
         */
        Parsed done() {
            List<HouseholdRow> accepted = new ArrayList<>();
            for (HouseholdRow household : households) {
                String problem = null;
                for (String member : household.members()) {
                    Guest guest = guests.get(member);
                    if (guest == null) {
                        problem = "Member " + member + " is not among this request's guests";
                    } else if (guest.householdId() != null && !guest.householdId().equals(household.id())) {
                        problem = "Member " + member + " belongs to household " + guest.householdId();
                    }
                }
                if (problem != null) {
                    errors.add(new RowError(null, household.position(), household.id(), "members", problem));
                    continue;
                }
                accepted.add(household);
                for (String member : household.members()) {
                    guests.put(member, guests.get(member).withHousehold(household.id()));
                }
            }
            return new Parsed(List.copyOf(guests.values()), accepted, List.copyOf(errors));
        }
    }
}

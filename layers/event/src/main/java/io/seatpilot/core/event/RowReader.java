package io.seatpilot.core.event;

import io.seatpilot.core.store.Ids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of one bulk row, JSON object or CSV record (CSV cells arrive as text, so lists may also be
 * written {@code vip;pmr}). A bad field ends the row with a {@link Refused} naming it, so the caller can report
 * the row and keep the others.
 */
final class RowReader {

    private static final Pattern LIST_SEPARATOR = Pattern.compile("[;|,\\s]+");
    private static final Pattern TAG = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    static final class Refused extends RuntimeException {
        final String field;

        Refused(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private final ObjectNode row;

    RowReader(JsonNode row, Set<String> allowed) {
        if (!(row instanceof ObjectNode object)) {
            throw new Refused(null, "A row must be an object");
        }
        this.row = object;
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new Refused(name, "Unknown field " + name);
            }
        }
    }

    /** The row's id if it is readable, for error reports. */
    static String idOf(JsonNode row) {
        JsonNode id = row == null ? null : row.get("id");
        return id != null && id.isTextual() && Ids.ITEM.matcher(id.asText()).matches() ? id.asText() : null;
    }

    String required(String field, Pattern format) {
        String value = optional(field, format);
        if (value == null) {
            throw new Refused(field, field + " is required");
        }
        return value;
    }

    String optional(String field, Pattern format) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        String text = value.isTextual() ? value.asText().strip() : value.isNumber() ? value.asText() : null;
        if (text == null || !format.matcher(text).matches()) {
            throw new Refused(field, field + " is malformed");
        }
        return text;
    }

    String optionalText(String field, int maxLength) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > maxLength) {
            throw new Refused(field, field + " must be text of at most " + maxLength + " characters");
        }
        return value.asText().isBlank() ? null : value.asText().strip();
    }

    Integer optionalInt(String field, int min, int max) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        try {
            int n = value.isTextual() ? Integer.parseInt(value.asText().strip()) : value.intValue();
            if (!value.isTextual() && !value.canConvertToExactIntegral() || n < min || n > max) {
                throw new Refused(field, field + " must be an integer from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Refused(field, field + " must be an integer from " + min + " to " + max);
        }
    }

    Double optionalNumber(String field) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        try {
            double n = value.isTextual() ? Double.parseDouble(value.asText().strip()) : value.doubleValue();
            if (!value.isTextual() && !value.isNumber() || !Double.isFinite(n)) {
                throw new Refused(field, field + " must be a number");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Refused(field, field + " must be a number");
        }
    }

    Set<String> tags(String field) {
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : list(field, 32)) {
            if (!TAG.matcher(tag).matches()) {
                throw new Refused(field, field + " holds a malformed tag");
            }
            tags.add(tag);
        }
        return tags;
    }

    List<String> list(String field, int maxItems) {
        JsonNode value = row.get(field);
        List<String> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (value.isTextual()) {
            for (String part : LIST_SEPARATOR.split(value.asText().strip())) {
                if (!part.isEmpty()) {
                    items.add(part);
                }
            }
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw new Refused(field, field + " must be a list of text");
                }
                items.add(item.asText());
            }
        } else {
            throw new Refused(field, field + " must be a list");
        }
        if (items.size() > maxItems) {
            throw new Refused(field, field + " holds more than " + maxItems + " items");
        }
        return items;
    }
}

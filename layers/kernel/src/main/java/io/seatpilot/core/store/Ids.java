package io.seatpilot.core.store;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every id rule of the contract, once. Ids end up in keys ({@code T#<tenant>#EVENT#<event>#…}), logs and URLs, so
 * none holds {@code #}, a space or a control character. Where schemas/ declare the same field, IdsTest checks that
 * the schema says the same as the rule here.
 */
public final class Ids {

    /** SPEC §6: the party's id, chosen by the admin (schemas: {@code event}). */
    public static final Pattern EVENT = Pattern.compile("[a-z0-9-]{3,64}");
    /** Guests, households, tables, zones, exits, muster points: chosen by whoever imports them (schemas: {@code guest_id}). */
    public static final Pattern ITEM = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    /** A device, named by the admin who issues its key: the same alphabet as the items it meets at the door. */
    public static final Pattern DEVICE = ITEM;
    /**
     * Ids the client makes up to make a write idempotent (check-ins, check-outs, walk-ins, alert requests, envelope
     * event ids): a UUID, any case (schemas: {@code checkin_id}, {@code event_id}).
     */
    public static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /**
     * An id or code that starts with a letter or digit (incident ids, categories, reason codes in facts; schemas:
     * {@code table_id}, {@code category} and the other "id or code" fields).
     */
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    /** What a pass token or short code can look like (SPEC §6): URL-safe base64 characters (schemas: {@code pass}). */
    public static final Pattern PASS = Pattern.compile("[A-Za-z0-9_-]{4,256}");
    /** A client's {@code x-request-id}, echoed and logged: kept only when it is this short and plain. */
    public static final Pattern REQUEST = ITEM;

    private Ids() {
    }

    public static boolean isEvent(String eventId) {
        return eventId != null && EVENT.matcher(eventId).matches();
    }

    /** An event id that cannot exist answers as a missing event: 404, not a hint about the id's rules. */
    public static String requireEvent(String eventId) {
        if (!isEvent(eventId)) {
            throw new ApiException(Reason.NOT_FOUND, "No such event");
        }
        return eventId;
    }

    public static boolean isItem(String id) {
        return id != null && ITEM.matcher(id).matches();
    }

    public static boolean isUuid(String id) {
        return id != null && UUID.matcher(id).matches();
    }

    /** A query's comma-separated ids: 1 to {@code max} distinct ones, each matching {@code rule}; empty when it is not. */
    public static Optional<List<String>> list(String commaSeparated, int max, Pattern rule) {
        List<String> ids = List.of(commaSeparated.split(",", -1));
        boolean valid = ids.size() <= max && ids.stream().allMatch(id -> rule.matcher(id).matches())
                && ids.stream().distinct().count() == ids.size();
        return valid ? Optional.of(ids) : Optional.empty();
    }
}

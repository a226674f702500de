package io.seatpilot.core.doorlist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.seatpilot.core.checkin.DoorCard;
import io.seatpilot.core.event.CodeHashing;
import java.util.List;

/**
 * The door list (SPEC §15): what an offline kiosk needs to check passes, codes and names and to show the door card,
 * and nothing more — no last names, notes, tokens or codes in clear. {@code version} is made of the counters every
 * change of the list raises (see {@link DoorLists}), so it and the ETag made from it change whenever something a
 * kiosk shows changes, and can be read without building the list. Beside SPEC §15's fields
 * each guest carries the door card's {@code direction} in every language (the card offline is the card online) and
 * the list carries the event's {@code code_hashing} (salt and cost of {@code code_hash}). With stops (SPEC §16) the
 * list carries the event's {@code stops} (a stop with {@code seated: false} shows no table), each guest the ids of
 * the stops they are expected at (invited to, less those they answered the RSVP "no" for), and {@code checked_in} is the check-ins of one stop, {@code stop_id} (the stop asked for,
 * else the kiosk's, else the first).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DoorList(@JsonProperty("event_id") String eventId,
                       @JsonProperty("version") String version,
                       @JsonProperty("generated_at") long generatedAt,
                       @JsonProperty("code_hashing") CodeHashing codeHashing,
                       @JsonProperty("stops") List<io.seatpilot.core.event.EventDefinition.Stop> stops,
                       @JsonProperty("stop_id") String stopId,
                       @JsonProperty("guests") List<Entry> guests,
                       @JsonProperty("households") List<HouseholdEntry> households,
                       @JsonProperty("checked_in") List<String> checkedIn) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(@JsonProperty("guest_id") String guestId,
                        @JsonProperty("first_name") String firstName,
                        @JsonProperty("last_initial") String lastInitial,
                        @JsonProperty("household_id") String householdId,
                        @JsonProperty("table_label") String tableLabel,
                        @JsonProperty("seat_label") String seatLabel,
                        @JsonProperty("zone") DoorCard.ZoneMark zone,
                        @JsonProperty("direction") java.util.Map<String, String> direction,
                        @JsonProperty("pmr") boolean pmr,
                        @JsonProperty("attention") List<String> attention,
                        @JsonProperty("pass_hashes") List<String> passHashes,
                        @JsonProperty("code_hash") String codeHash,
                        @JsonProperty("name_keys") List<String> nameKeys,
                        @JsonProperty("stops") List<String> stops) {
    }

    /** A household pass opens its members (guest ids of those expected); it has its own code. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HouseholdEntry(@JsonProperty("id") String id,
                                 @JsonProperty("pass_hashes") List<String> passHashes,
                                 @JsonProperty("code_hash") String codeHash,
                                 @JsonProperty("members") List<String> members) {
    }

    /** The ETag of this version (RFC 9110: a quoted opaque tag). */
    public String etag() {
        return etag(version);
    }

    public static String etag(String version) {
        return "\"" + version + "\"";
    }
}

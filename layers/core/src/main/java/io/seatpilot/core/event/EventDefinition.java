package io.seatpilot.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** An event's set-up (SPEC §6): what the door needs to route guests (zones) and what safety needs (exits, muster). */
public record EventDefinition(
        @JsonProperty("name") String name,
        @JsonProperty("kind") String kind,
        @JsonProperty("starts_at") Long startsAt,
        @JsonProperty("timezone") String timezone,
        @JsonProperty("zones") List<Zone> zones,
        @JsonProperty("exits") List<Exit> exits,
        @JsonProperty("muster_points") List<MusterPoint> musterPoints,
        @JsonProperty("on_call") List<OnCallContact> onCall) {

    public static final List<String> KINDS = List.of("wedding", "quinceanera", "gala", "conference", "corporate",
            "birthday", "other");

    public EventDefinition {
        zones = zones == null ? List.of() : List.copyOf(zones);
        exits = exits == null ? List.of() : List.copyOf(exits);
        musterPoints = musterPoints == null ? List.of() : List.copyOf(musterPoints);
        onCall = onCall == null ? List.of() : List.copyOf(onCall);
    }

    /** Tables name their zone by id; a planner may also have typed the zone's letter. */
    public Optional<Zone> zone(String idOrLetter) {
        if (idOrLetter == null) {
            return Optional.empty();
        }
        return zones.stream().filter(z -> z.id().equals(idOrLetter)).findFirst()
                .or(() -> zones.stream().filter(z -> z.letter().equalsIgnoreCase(idOrLetter)).findFirst());
    }

    public record Zone(@JsonProperty("id") String id, @JsonProperty("name") String name,
                       @JsonProperty("letter") String letter, @JsonProperty("color") String color,
                       @JsonProperty("capacity") Integer capacity) {
    }

    public record Exit(@JsonProperty("id") String id, @JsonProperty("name") String name,
                       @JsonProperty("status") String status) {
    }

    /**
     * Who is paged when an alert of this event escalates or an evacuation starts: a phone (E.164, by SMS) or an
     * e-mail address — exactly one of the two per entry.
     */
    public record OnCallContact(@JsonProperty("phone") String phone, @JsonProperty("email") String email) {
    }

    public record MusterPoint(@JsonProperty("id") String id, @JsonProperty("name") String name,
                              @JsonProperty("zone") String zone) {
    }
}

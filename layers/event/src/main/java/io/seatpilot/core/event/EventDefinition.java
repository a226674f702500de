package io.seatpilot.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * An event's set-up (SPEC §6): what the door needs to route guests (zones) and what safety needs (exits, muster);
 * the venue the guest's pass page names, and the language guests read when their browser does not say
 * ({@code default_locale}: {@code es} or {@code en}, SPEC §15).
 */
public record EventDefinition(
        @JsonProperty("name") String name,
        @JsonProperty("kind") String kind,
        @JsonProperty("starts_at") Long startsAt,
        @JsonProperty("timezone") String timezone,
        @JsonProperty("zones") List<Zone> zones,
        @JsonProperty("exits") List<Exit> exits,
        @JsonProperty("muster_points") List<MusterPoint> musterPoints,
        @JsonProperty("venue") String venue,
        @JsonProperty("default_locale") String defaultLocale,
        @JsonProperty("stops") List<Stop> stops,
        @JsonProperty("rsvp_deadline") Long rsvpDeadline,
        @JsonProperty("on_call") List<OnCallContact> onCall) {

    public static final List<String> KINDS = List.of("wedding", "quinceanera", "gala", "conference", "corporate",
            "birthday", "other");

    public EventDefinition {
        zones = zones == null ? List.of() : List.copyOf(zones);
        exits = exits == null ? List.of() : List.copyOf(exits);
        musterPoints = musterPoints == null ? List.of() : List.copyOf(musterPoints);
        stops = stops == null ? List.of() : List.copyOf(stops);
        onCall = onCall == null ? List.of() : List.copyOf(onCall);
    }

    /** The id of the one stop of an event that names none: the event itself. */
    public static final String MAIN_STOP = "main";

    /** The event's stops; an event that names none has one, the event itself (SPEC §16). */
    public List<Stop> effectiveStops() {
        return stops.isEmpty() ? List.of(new Stop(MAIN_STOP, name, startsAt, venue, null)) : stops;
    }

    /** The stops a guest is invited to: those named, or every stop when none are. */
    public List<Stop> stopsOf(Guest guest) {
        List<String> named = guest.invitation().stops();
        return named.isEmpty() ? effectiveStops() : effectiveStops().stream().filter(s -> named.contains(s.id())).toList();
    }

    /** Answers change until the deadline (inclusive); no deadline, no end. */
    public boolean rsvpOpen(long now) {
        return rsvpDeadline == null || now <= rsvpDeadline;
    }

    /**
     * The stop in progress at {@code now}: the latest whose {@code starts_at} has come (of two starting together, the
     * one listed later), else the first — the rule the dashboard's stop picker starts at (ops-state.mjs
     * {@code stopInProgress}), so an alert raised without naming a stop is for the stop the screens show.
     */
    public Stop stopInProgress(long now) {
        Stop latest = null;
        for (Stop stop : effectiveStops()) {
            boolean started = stop.startsAt() != null && stop.startsAt() <= now;
            if (started && (latest == null || stop.startsAt() >= latest.startsAt())) {
                latest = stop;
            }
        }
        return latest != null ? latest : effectiveStops().getFirst();
    }

    /** The stop of this id, if the event has it. */
    public Optional<Stop> stop(String stopId) {
        return effectiveStops().stream().filter(s -> s.id().equals(stopId)).findFirst();
    }

    /**
     * One part of the event a guest may be invited to: the ceremony, the reception… {@code seated: false} marks a
     * stop where guests sit where they like (a ceremony), so the door shows no table there; absent, the seating
     * plan holds at the stop, as it did before events had stops.
     */
    public record Stop(@JsonProperty("id") String id, @JsonProperty("name") String name,
                       @JsonProperty("starts_at") Long startsAt, @JsonProperty("venue") String venue,
                       @JsonProperty("address") String address,
                       @JsonProperty("seated") @com.fasterxml.jackson.annotation.JsonInclude(
                               com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Boolean seated) {

        public Stop(String id, String name, Long startsAt, String venue, String address) {
            this(id, name, startsAt, venue, address, null);
        }

        /** How people name the stop in alerts and pages: its name, its id when unnamed. */
        public String label() {
            return name != null ? name : id;
        }

        /** Whether the seating plan holds here. */
        public boolean hasSeating() {
            return seated == null || seated;
        }
    }

    public EventDefinition(String name, String kind, Long startsAt, String timezone, List<Zone> zones, List<Exit> exits,
                           List<MusterPoint> musterPoints) {
        this(name, kind, startsAt, timezone, zones, exits, musterPoints, null, null, null, null, null);
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

        /** An event pages at most this many people: each is an SNS subscription of the stage's topic. */
        public static final int MAX_PER_EVENT = 20;

        /**
         * The SNS endpoint of this contact: its phone in E.164 (as SNS needs it; the admin may have typed spaces),
         * or its e-mail address lower-cased. The contact was validated with {@link ContactFormats} when the event
         * was saved.
         */
        public String endpoint() {
            return phone != null ? ContactFormats.phone(phone).orElseThrow() : email.strip().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record MusterPoint(@JsonProperty("id") String id, @JsonProperty("name") String name,
                              @JsonProperty("zone") String zone) {
    }
}

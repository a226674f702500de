package io.seatpilot.core.auth;

import java.util.List;
import java.util.Set;

/**
 * Who is calling. The tenant always comes from here — the verified credential — never from a body or path.
 * An empty {@code events} set means every event of the tenant.
 */
public sealed interface Principal permits Principal.User, Principal.Device {

    String tenantId();

    Set<Role> roles();

    Set<String> events();

    /** Identifies the actor in audit trails and conflict reports without naming a person. */
    String actorId();

    default boolean hasAnyRole(Role... wanted) {
        for (Role role : wanted) {
            if (roles().contains(role)) {
                return true;
            }
        }
        return false;
    }

    default boolean mayTouchEvent(String eventId) {
        return events().isEmpty() || events().contains(eventId);
    }

    /**
     * Whether this credential covers all of {@code eventIds}, where an empty set stands for every event of the
     * tenant (a key without events, a refusal that names no event): only an unscoped credential covers that.
     */
    default boolean mayTouchEvents(Set<String> eventIds) {
        return events().isEmpty() || !eventIds.isEmpty() && events().containsAll(eventIds);
    }

    record User(String subject, String tenantId, Set<Role> roles, Set<String> events) implements Principal {
        public User {
            roles = Set.copyOf(roles);
            events = Set.copyOf(events);
        }

        @Override
        public String actorId() {
            return "user:" + subject;
        }
    }

    /**
     * {@code stopId}: the stop of its events a kiosk is set to (SPEC §16), null when it was set to none;
     * {@code stops}: where it was set before, as its key record says (empty: always at {@code stopId}). The record
     * was read to verify the signature, so what it says travels with the device instead of being read again.
     */
    record Device(String keyId, String deviceId, String tenantId, Role role, Set<String> events, String stopId,
                  StopHistory stops) implements Principal {
        public Device {
            events = Set.copyOf(events);
            stops = stops == null ? new StopHistory(List.of()) : stops;
        }

        public Device(String keyId, String deviceId, String tenantId, Role role, Set<String> events, String stopId) {
            this(keyId, deviceId, tenantId, role, events, stopId, null);
        }

        public Device(String keyId, String deviceId, String tenantId, Role role, Set<String> events) {
            this(keyId, deviceId, tenantId, role, events, null, null);
        }

        /** The stop the device was set to at {@code time} (server time; null: none, each event's first stop). */
        public String stopAt(long time) {
            return stops.isEmpty() ? stopId : stops.stopAt(time);
        }

        @Override
        public Set<Role> roles() {
            return Set.of(role);
        }

        @Override
        public String actorId() {
            return "device:" + deviceId;
        }
    }
}

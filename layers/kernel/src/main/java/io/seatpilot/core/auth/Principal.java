package io.seatpilot.core.auth;

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

    /** {@code stopId}: the stop of its events a kiosk is set to (SPEC §16), null when it was set to none. */
    record Device(String keyId, String deviceId, String tenantId, Role role, Set<String> events, String stopId)
            implements Principal {
        public Device {
            events = Set.copyOf(events);
        }

        public Device(String keyId, String deviceId, String tenantId, Role role, Set<String> events) {
            this(keyId, deviceId, tenantId, role, events, null);
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

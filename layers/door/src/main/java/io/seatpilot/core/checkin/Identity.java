package io.seatpilot.core.checkin;

import java.util.List;

/**
 * How the door identified whom to check in (SPEC §7): a pass, a guest picked by name, a household pass, or a
 * pass's short code (SPEC §15).
 */
public sealed interface Identity {

    /**
     * A short code as typed, in canonical form; {@code guestIds} are the members ticked when it is a household's
     * code (empty for a guest's). The code is a secret: {@link #toString()} never shows it.
     */
    record ByCode(String code, List<String> guestIds) implements Identity {
        public ByCode {
            guestIds = List.copyOf(guestIds);
        }

        @Override
        public String toString() {
            return "ByCode[code=<redacted>, guestIds=" + guestIds + "]";
        }
    }

    record ByPass(String token) implements Identity {
    }

    record ByGuest(String guestId) implements Identity {
    }

    /**
     * Walk-ins created at the door a moment ago (SPEC §17): the guest and their companions as just written (an
     * eventually consistent read could miss them), with their household when they came with companions.
     */
    record ByWalkIn(List<io.seatpilot.core.event.Guest> guests, io.seatpilot.core.event.Household household) implements Identity {
        public ByWalkIn {
            guests = List.copyOf(guests);
        }
    }

    /** A household pass with the members who arrived ticked. */
    record ByHousehold(String token, List<String> guestIds) implements Identity {
        public ByHousehold {
            guestIds = List.copyOf(guestIds);
        }
    }
}

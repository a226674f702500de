package io.seatpilot.core.checkin;

import java.util.List;

/** How the door identified whom to check in (SPEC §7): a pass, a guest picked by name, or a household pass. */
public sealed interface Identity {

    record ByPass(String token) implements Identity {
    }

    record ByGuest(String guestId) implements Identity {
    }

    /** A household pass with the members who arrived ticked. */
    record ByHousehold(String token, List<String> guestIds) implements Identity {
        public ByHousehold {
            guestIds = List.copyOf(guestIds);
        }
    }
}

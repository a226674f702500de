package io.seatpilot.core.invite;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a message reaches a guest: e-mail through Amazon SES, SMS through Amazon SNS. */
public enum Channel {
    EMAIL, SMS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromWire(String value) {
        return Arrays.stream(values()).filter(c -> c.wire().equals(value)).findFirst();
    }
}

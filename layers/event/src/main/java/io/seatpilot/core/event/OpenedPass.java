package io.seatpilot.core.event;

import java.util.Optional;

/** A pass and its short code, opened with the token that presented it. */
public record OpenedPass(Pass pass, Optional<String> code) {
}

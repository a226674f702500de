package io.seatpilot.core.live;

import io.seatpilot.core.auth.Principal;

/**
 * An Ops Live WebSocket connection and who opened it: a person whose token, or a screen whose signed key, was
 * verified at {@code $connect}. Later messages carry only the connection id, so this record is what ties them
 * to a tenant — never anything the client sends.
 */
public record LiveConnection(String connectionId, Principal principal, long connectedAtMillis) {
}

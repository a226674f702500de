package io.seatpilot.core.live;

import io.seatpilot.core.auth.Principal;

/**
 * An Ops Live WebSocket connection and who opened it. The person (and so the tenant) is the one whose token was
 * verified at {@code $connect}; later messages carry only the connection id, so this record is what ties them
 * to a tenant — never anything the client sends.
 */
public record LiveConnection(String connectionId, Principal.User user, long connectedAtMillis) {
}

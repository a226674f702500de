package io.seatpilot.core.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The kiosk side of SPEC §4: signs one request with a device key. The secret is used as the UTF-8 bytes of
 * the base64url text the admin API returned; it is never decoded.
 */
public final class RequestSigner {

    private final String keyId;
    private final String secret;
    private final Clock clock;

    public RequestSigner(String keyId, String secret, Clock clock) {
        this.keyId = keyId;
        this.secret = secret;
        this.clock = clock;
    }

    public RequestSigner(String keyId, String secret) {
        this(keyId, secret, Clock.systemUTC());
    }

    /** Headers for a request; {@code path} is the contract path without query string or stage. */
    public Map<String, String> sign(String method, String path, byte[] body) {
        return sign(method, path, body, Long.toString(clock.millis()), UUID.randomUUID().toString());
    }

    public Map<String, String> sign(String method, String path, String body) {
        return sign(method, path, body.getBytes(StandardCharsets.UTF_8));
    }

    public Map<String, String> sign(String method, String path, byte[] body, String ts, String nonce) {
        return Map.of(
                SignatureHeaders.KEY, keyId,
                SignatureHeaders.TIMESTAMP, ts,
                SignatureHeaders.NONCE, nonce,
                SignatureHeaders.SIGNATURE, StringToSign.signature(secret, method, path, ts, nonce, body));
    }
}

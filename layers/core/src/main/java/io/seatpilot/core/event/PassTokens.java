package io.seatpilot.core.event;

import io.seatpilot.core.auth.TenantIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Pass tokens: 192 random bits as 32 base64url characters, followed by the tenant id. The guest's pass view is
 * opened without any other credential, so the token itself must say whose table to look in (the same idea as
 * device key ids); only the SHA-256 of a token is stored, so a table dump reveals no usable pass.
 */
public final class PassTokens {

    private static final int RANDOM_BYTES = 24;
    private static final int RANDOM_CHARS = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PassTokens() {
    }

    public static String issue(String tenantId) {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + tenantId;
    }

    /** The tenant a token was issued for, if it is shaped like a token at all. */
    public static Optional<String> tenantOf(String token) {
        if (token == null || token.length() <= RANDOM_CHARS) {
            return Optional.empty();
        }
        String tenant = token.substring(RANDOM_CHARS);
        return TenantIds.isValid(tenant) ? Optional.of(tenant) : Optional.empty();
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

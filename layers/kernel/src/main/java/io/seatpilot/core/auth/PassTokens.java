package io.seatpilot.core.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.auth.TenantIds;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.snapstart.FreshRandom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pass tokens: 192 random bits as 32 base64url characters, followed by the tenant id. The guest's pass view is
 * opened without any other credential, so the token itself must say whose table to look in (the same idea as
 * device key ids); only the SHA-256 of a token is stored, so a table dump reveals no usable pass.
 */
public final class PassTokens {

    private static final int RANDOM_BYTES = 24;
    private static final int RANDOM_CHARS = 32;
    private static final String STORED_PREFIX = "sha256-";
    /** What is kept of a value that cannot be an issued pass (see {@link #stored}). */
    static final String UNRESOLVABLE = "unresolvable-pass";
    private static final Pattern STORED = Pattern.compile("sha256-[0-9a-f]{64}");
    /** Trailing text would otherwise be dropped from what is kept, not redacted. */
    private static final ObjectReader WHOLE_BODY = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> PASS_FIELDS = List.of("pass", "household_pass");
    /** A pass field in text that did not parse: its value runs to the next quote (or the end, if unclosed). */
    private static final Pattern PASS_IN_TEXT = Pattern.compile("(\"(?:pass|household_pass)\"\\s*:\\s*\")([^\"\\\\]+)");

    private PassTokens() {
    }

    public static String issue(String tenantId, FreshRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
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

    /**
     * The form a pass takes wherever a fact is kept (raw events, quarantine; SPEC §6, §14): its hash, marked. It
     * keeps a token's alphabet so a kept envelope still passes its schema when an operator replays it; the door
     * hashes whatever it is given, so presenting this form opens nothing, and only the offline path reads it back.
     * A value not shaped like an issued token (a short code typed into the pass field, a guess) opens no pass, so
     * nothing reads it back — and a hash would not hide it: 40 bits of a short code fall to brute force. It is
     * kept as a marker only.
     */
    public static String stored(String token) {
        return tenantOf(token).isPresent() ? STORED_PREFIX + hash(token) : UNRESOLVABLE;
    }

    /** The hash inside a value in {@link #stored} form. */
    public static Optional<String> hashOfStored(String value) {
        return value != null && STORED.matcher(value).matches() ? Optional.of(value.substring(STORED_PREFIX.length()))
                : Optional.empty();
    }

    /**
     * A copy of {@code node} with every pass a door fact may carry ({@code pass}, {@code household_pass}, at any
     * depth: one envelope, a batch, a payload) in {@link #stored} form. Applied to a copy: the worker's
     * projections still read the envelope as sent, so they resolve the pass by its token as the door does.
     */
    public static JsonNode redacted(JsonNode node) {
        JsonNode copy = node.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    /** As {@link #redacted(JsonNode)} for a body as received; text that is not JSON is redacted by its shape. */
    public static String redacted(String body) {
        try {
            return redacted(WHOLE_BODY.readTree(body)).toString();
        } catch (IOException | RuntimeException notJson) {
            return PASS_IN_TEXT.matcher(body).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + stored(m.group(2))));
        }
    }

    private static void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String field : PASS_FIELDS) {
                JsonNode value = object.get(field);
                if (value != null && value.isTextual() && hashOfStored(value.asText()).isEmpty()) {
                    object.put(field, stored(value.asText()));
                }
            }
        }
        node.forEach(PassTokens::redactInPlace);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

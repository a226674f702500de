package io.seatpilot.core.signing;

import io.seatpilot.core.devices.DeviceKeyIssuer;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.Reason;
import java.util.Optional;
import io.seatpilot.core.text.CharRunPattern;

/**
 * The four signature headers. {@code x-ts}, {@code x-nonce} and {@code x-sig} are parsed strictly (malformed is
 * {@code signature_missing}); {@code x-key} only has to be present: the shape of a key id is the server's
 * business, so an id it could never have issued is simply a key it does not know (SPEC §4 check 4).
 */
public record SignatureHeaders(String keyId, String ts, long tsMillis, String nonce, String signature) {

    public static final String KEY = "x-key";
    public static final String TIMESTAMP = "x-ts";
    public static final String NONCE = "x-nonce";
    public static final String SIGNATURE = "x-sig";

    // checked on every signed request: tables, not regular expressions, whose matchers were a third of verifying
    private static final CharRunPattern DIGITS = CharRunPattern.whole("[0-9]{1,15}");
    private static final CharRunPattern NONCE_FORMAT = CharRunPattern.whole("[A-Za-z0-9_-]{16,64}");
    private static final CharRunPattern HEX_SHA256 = CharRunPattern.whole("[0-9a-f]{64}");

    public static SignatureHeaders parse(ApiRequest request) {
        // the headers map is keyed in lower case, as these names are: no lower-casing and Optional per lookup
        String keyId = request.headers().get(KEY);
        if (keyId == null || keyId.isEmpty()) {
            throw ApiException.field(Reason.SIGNATURE_MISSING, KEY, "Header " + KEY + " is missing");
        }
        String ts = required(request, TIMESTAMP, DIGITS);
        String nonce = required(request, NONCE, NONCE_FORMAT);
        String signature = required(request, SIGNATURE, HEX_SHA256);
        return new SignatureHeaders(keyId, ts, Long.parseLong(ts), nonce, signature);
    }

    private static String required(ApiRequest request, String header, CharRunPattern format) {
        String value = request.headers().get(header);
        if (value == null || !format.test(value)) {
            throw ApiException.field(Reason.SIGNATURE_MISSING, header,
                    value == null ? "Header " + header + " is missing" : "Header " + header + " is malformed");
        }
        return value;
    }

    /**
     * The tenant part of a key id: key ids are issued as {@code <tenant>.<random>} so lookups stay tenant-keyed.
     * Empty for an id not of that shape, which names no key.
     */
    public Optional<String> tenantOfKey() {
        return DeviceKeyIssuer.isKeyId(keyId) ? Optional.of(keyId.substring(0, keyId.indexOf('.'))) : Optional.empty();
    }
}

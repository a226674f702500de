package io.seatpilot.core.signing;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.Reason;
import java.util.regex.Pattern;

/** The four signature headers, parsed strictly: anything malformed is {@code signature_missing}. */
public record SignatureHeaders(String keyId, String ts, long tsMillis, String nonce, String signature) {

    public static final String KEY = "x-key";
    public static final String TIMESTAMP = "x-ts";
    public static final String NONCE = "x-nonce";
    public static final String SIGNATURE = "x-sig";

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}\\.[A-Za-z0-9_-]{16,64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");
    private static final Pattern NONCE_FORMAT = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    public static SignatureHeaders parse(ApiRequest request) {
        String keyId = required(request, KEY, KEY_ID);
        String ts = required(request, TIMESTAMP, DIGITS);
        String nonce = required(request, NONCE, NONCE_FORMAT);
        String signature = required(request, SIGNATURE, HEX_SHA256);
        return new SignatureHeaders(keyId, ts, Long.parseLong(ts), nonce, signature);
    }

    private static String required(ApiRequest request, String header, Pattern format) {
        String value = request.header(header).orElse(null);
        if (value == null || !format.matcher(value).matches()) {
            throw ApiException.field(Reason.SIGNATURE_MISSING, header,
                    value == null ? "Header " + header + " is missing" : "Header " + header + " is malformed");
        }
        return value;
    }

    /** The tenant part of a key id: key ids are issued as {@code <tenant>.<random>} so lookups stay tenant-keyed. */
    public String tenantOfKey() {
        return keyId.substring(0, keyId.indexOf('.'));
    }
}

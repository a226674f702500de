package io.seatpilot.core.signing;

import java.nio.charset.StandardCharsets;

/** {@code METHOD|PATH|x-ts|x-nonce|RAW_BODY}, byte for byte (SPEC §4): the body is appended as received. */
public final class StringToSign {

    private StringToSign() {
    }

    public static byte[] prefix(String method, String path, String ts, String nonce) {
        return (method + "|" + path + "|" + ts + "|" + nonce + "|").getBytes(StandardCharsets.UTF_8);
    }

    public static String signature(String secret, String method, String path, String ts, String nonce, byte[] body) {
        return HmacSha256.hex(HmacSha256.mac(secret.getBytes(StandardCharsets.UTF_8), prefix(method, path, ts, nonce), body));
    }
}

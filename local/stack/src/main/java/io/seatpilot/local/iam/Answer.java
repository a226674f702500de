package io.seatpilot.local.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the gate answers itself instead of the stand-in: an AWS error in the service's own shape. */
record Answer(int status, Map<String, String> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An AWS JSON-protocol error ({@code __type} plus a message field, named as the service names it). */
    static Answer jsonError(int status, String type, String messageField, String message, Map<String, String> headers) {
        try {
            byte[] body = JSON.writeValueAsBytes(Map.of("__type", type, messageField, message));
            var all = new java.util.LinkedHashMap<>(headers);
            all.put("content-type", "application/x-amz-json-1.0");
            all.put("x-amzn-requestid", java.util.UUID.randomUUID().toString());
            return new Answer(status, all, body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A REST-JSON error (API Gateway's management API): the type in {@code x-amzn-ErrorType}, the text in the body. */
    static Answer restError(int status, String type, String message) {
        String body = "{\"message\":" + quote(message) + "}";
        return new Answer(status, Map.of("content-type", "application/json", "x-amzn-ErrorType", type),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** A Query-protocol (SNS) error: XML naming the code, which the SDK maps to its exception class. */
    static Answer xmlError(int status, String code, String message) {
        String escaped = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String body = "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>"
                + code + "</Code><Message>" + escaped + "</Message></Error><RequestId>" + java.util.UUID.randomUUID()
                + "</RequestId></ErrorResponse>";
        return new Answer(status, Map.of("content-type", "text/xml"), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.seatpilot.local.kms;

/**
 * An error as AWS KMS reports it over the JSON 1.1 protocol. The SDK chooses its exception class from
 * {@link #type()}, so the names here must match the AWS API reference exactly.
 */
final class KmsError extends RuntimeException {

    private final String type;
    private final int status;

    KmsError(String type, int status, String message) {
        // Client errors are expected traffic; a stack trace per rejected request would only cost time.
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    static KmsError of(String type, String message) {
        return new KmsError(type, 400, message);
    }

    static KmsError validation(String message) {
        return of("ValidationException", message);
    }

    /**
     * Worded like AWS's own constraint messages so callers grepping logs see the familiar text.
     * {@code shownValue} is null where AWS does not echo the value, as for blobs.
     */
    static KmsError constraint(String field, String shownValue, String rule) {
        String value = shownValue == null ? "" : shownValue + " ";
        return validation("1 validation error detected: Value " + value + "at '" + lowerCamel(field)
                + "' failed to satisfy constraint: Member must " + rule);
    }

    static KmsError missing(String field) {
        return constraint(field, "null", "not be null");
    }

    static KmsError serialization(String message) {
        return of("SerializationException", message);
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }

    private static String lowerCamel(String field) {
        return Character.toLowerCase(field.charAt(0)) + field.substring(1);
    }
}

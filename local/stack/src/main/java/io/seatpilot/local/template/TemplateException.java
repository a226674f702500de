package io.seatpilot.local.template;

/** The template cannot be read, or a value the local stack needs cannot be resolved from it. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.seatpilot.local.messaging;

/**
 * How a carrier would carry an SMS text: GSM-7 when every character is in the GSM 03.38 alphabet (characters of
 * its extension table take two septets), UCS-2 otherwise; 160 / 70 units in one message, 153 / 67 per part once
 * it must be split. SNS refuses a Publish to a phone number over {@link #MAX_CHARACTERS}.
 */
record SmsText(boolean gsm7, int units, int segments) {

    /** SNS's limit for one Publish to a phone number (it splits longer texts into parts up to this). */
    static final int MAX_CHARACTERS = 1600;

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    static SmsText of(String text) {
        int septets = 0;
        boolean gsm7 = true;
        for (int i = 0; i < text.length() && gsm7; i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                gsm7 = false;
            }
        }
        int units = gsm7 ? septets : text.length(); // UCS-2 counts UTF-16 code units: an emoji takes two
        int single = gsm7 ? 160 : 70;
        int part = gsm7 ? 153 : 67;
        return new SmsText(gsm7, units, units <= single ? 1 : (units + part - 1) / part);
    }
}

package io.seatpilot.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactFormatsTest {

    @ParameterizedTest
    @CsvSource({"+34 612 34 56 78, +34612345678", "+1 (415) 555-2671, +14155552671", "+442079460958, +442079460958",
            "' +52 55 1234 5678 ', +525512345678"})
    void validNumbersAreKeptInE164(String written, String e164) {
        assertEquals(Optional.of(e164), ContactFormats.phone(written));
    }

    @ParameterizedTest
    @ValueSource(strings = {"612345678", "+34 123", "+1 555 0100", "+999 1234567", "+34 612 34 56 78 ext", "++34612345678", ""})
    void numbersThatCannotBeDialledAreRefused(String written) {
        assertEquals(Optional.empty(), ContactFormats.phone(written));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana@example.org", "ana.ortiz+boda@mail.example.co.uk", "o'brien@example.ie"})
    void deliverableAddressesAreKept(String address) {
        assertEquals(Optional.of(address), ContactFormats.email(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana", "ana@localhost", "ana@@example.org", "ana @example.org", ".ana@example.org",
            "ana@example..org", "ana@-example.org", "\"ana\"@example.org"})
    void undeliverableAddressesAreRefused(String address) {
        assertEquals(Optional.empty(), ContactFormats.email(address));
    }

    @ParameterizedTest
    @CsvSource({"es, es", "en, en", "es-mx, es-MX", "en-GB, en-GB"})
    void languagesSeatPilotWritesAreKeptCanonical(String tag, String canonical) {
        assertEquals(Optional.of(canonical), ContactFormats.locale(tag));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr", "de-DE", "e", "es_ES!", ""})
    void otherLanguagesAreRefused(String tag) {
        assertEquals(Optional.empty(), ContactFormats.locale(tag));
    }
}

package io.seatpilot.eventsetup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seatpilot.core.http.ApiException;
import org.junit.jupiter.api.Test;

/** The script-free RSVP page posts a form; it must become the same JSON body the API's rules take. */
class RsvpFormTest {

    @Test
    void answersPerGuestAndStopDietaryAndCompanionsBecomeTheApiBody() {
        var body = RsvpForm.toBody("r%7Cg-1%7Cceremony=accepted&r%7Cg-2%7Creception=declined&d%7Cg-1=vegetarian&companions=+2+");
        assertEquals(2, body.get("responses").size());
        assertEquals("g-1", body.get("responses").get(0).get("guest_id").asText());
        assertEquals("ceremony", body.get("responses").get(0).get("stop_id").asText());
        assertEquals("accepted", body.get("responses").get(0).get("status").asText());
        assertEquals("declined", body.get("responses").get(1).get("status").asText());
        assertEquals("vegetarian", body.get("dietary").get("g-1").asText());
        assertEquals(2, body.get("companions").asInt());
    }

    @Test
    void anEmptyFormIsAnEmptyAnswerAndUnknownFieldsAreIgnored() {
        var body = RsvpForm.toBody("");
        assertEquals(0, body.get("responses").size());
        assertFalse(body.has("dietary"));
        assertFalse(RsvpForm.toBody("other=1&r%7Conly-two=x").get("responses").elements().hasNext());
    }

    @Test
    void refusalsNameTheirReason() {
        assertEquals("validation_failed", assertThrows(ApiException.class, () -> RsvpForm.toBody("companions=two")).problem().reason());
        assertEquals("companions", assertThrows(ApiException.class, () -> RsvpForm.toBody("companions=two")).problem().field());
        assertEquals("bad_request", assertThrows(ApiException.class, () -> RsvpForm.toBody("r%7Cg%7Cs=%zz")).problem().reason());
        assertEquals("payload_too_large", assertThrows(ApiException.class, () -> RsvpForm.toBody("a=1&".repeat(401))).problem().reason());
    }
}

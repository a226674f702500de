package io.seatpilot.core.invite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmsLengthTest {

    private static final String LINK = "https://abcdef1234.execute-api.eu-west-1.amazonaws.com/r/AbCdEfGhIjKlMnOpQrStUvWxYz012345acme";

    @Test
    void gsm7HoldsPlainTextAndTheAccentsItHas() {
        assertTrue(SmsLength.isGsm7("Boda de Ana y Pedro: esta invitado. Conteste aqui:"));
        assertTrue(SmsLength.isGsm7("é è ñ Ñ ü Ü à ¿ ¡ €"), "in the alphabet or its extension");
        assertEquals(160, SmsLength.limit("plain"));
        assertFalse(SmsLength.isGsm7("Invitación"), "ó is not in GSM-7: the whole message becomes UCS-2");
        assertEquals(70, SmsLength.limit("Invitación"));
        assertFalse(SmsLength.isGsm7("Boda 💍"), "an emoji forces UCS-2 too");
    }

    @Test
    void extensionCharactersCountTwice() {
        assertEquals(2, SmsLength.units("€"));
        assertTrue(SmsLength.fitsOneMessage("a".repeat(158) + "€"));
        assertFalse(SmsLength.fitsOneMessage("a".repeat(159) + "€"), "159 + 2 septets is over 160");
        assertTrue(SmsLength.fitsOneMessage("a".repeat(160)));
        assertFalse(SmsLength.fitsOneMessage("a".repeat(161)));
        assertTrue(SmsLength.fitsOneMessage("ó".repeat(70)));
        assertFalse(SmsLength.fitsOneMessage("ó".repeat(71)));
    }

    @Test
    void aLongTextIsShortenedAndTheLinkKeptWhole() {
        String sms = SmsLength.compose("Boda de Ana y Pedro en la finca de los abuelos, con cena y baile hasta tarde: "
                + "esta invitado, conteste aqui por favor ", LINK);
        assertTrue(sms.endsWith(LINK), sms);
        assertTrue(sms.length() <= 160 && SmsLength.isGsm7(sms), sms);
        assertTrue(sms.contains("..."), "shortened visibly: " + sms);
    }

    @Test
    void accentsThatWouldForceUcs2AreDroppedWhenTheLinkWouldNotFitOtherwise() {
        String sms = SmsLength.compose("Boda de José y Lucía: está invitado. Conteste aquí: ", LINK);
        assertTrue(SmsLength.isGsm7(sms), sms);
        assertEquals("Boda de José y Lucia: esta invitado. Conteste aqui: " + LINK, sms, "é stays (GSM-7 has it), í and á lose their accent");
        assertEquals("Hola, Lucía", SmsLength.compose("Hola, ", "Lucía"), "a short text keeps its accents (UCS-2, within 70)");
    }

    @Test
    void aProvidersReasonIsKeptWithoutTheGuestsContact() {
        String reason = InvitationSender.reason(new InvitationSender.Refused("MessageRejected",
                "Email address is not verified: invitations@seatpilot.example to ana.vidal@guests.example, +34 600 111 222", false));
        assertTrue(reason.startsWith("MessageRejected: Email address is not verified"), reason);
        assertFalse(reason.contains("ana.vidal") || reason.contains("600 111"), reason);
    }
}

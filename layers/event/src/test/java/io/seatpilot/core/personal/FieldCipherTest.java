package io.seatpilot.core.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seatpilot.core.snapstart.FreshRandom;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class FieldCipherTest {

    private static final SecretKey KEY = new SecretKeySpec(new byte[32], "AES");
    private static final FreshRandom RANDOM = new FreshRandom();
    private static final FieldCipher.Binding ANA_NOTES = new FieldCipher.Binding("t1", "gala", "ana", SealedField.NOTES);

    @Test
    void opensWhatItSealedUnderTheSameBinding() {
        byte[] sealed = FieldCipher.seal(KEY, ANA_NOTES, "silla de ruedas, mesa cerca de la salida", RANDOM);
        assertEquals("silla de ruedas, mesa cerca de la salida", FieldCipher.open(KEY, ANA_NOTES, sealed));
    }

    @Test
    void theSameValueSealsDifferentlyEachTime() {
        assertNotEquals(Arrays.toString(FieldCipher.seal(KEY, ANA_NOTES, "x", RANDOM)),
                Arrays.toString(FieldCipher.seal(KEY, ANA_NOTES, "x", RANDOM)));
    }

    @Test
    void aValueMovedToAnotherGuestFieldEventOrTenantDoesNotOpen() {
        byte[] sealed = FieldCipher.seal(KEY, ANA_NOTES, "alergia al marisco", RANDOM);
        for (var elsewhere : new FieldCipher.Binding[] {
                new FieldCipher.Binding("t1", "gala", "luis", SealedField.NOTES),
                new FieldCipher.Binding("t1", "gala", "ana", SealedField.DIETARY),
                new FieldCipher.Binding("t1", "boda", "ana", SealedField.NOTES),
                new FieldCipher.Binding("t2", "gala", "ana", SealedField.NOTES),
                // lengths are part of the binding: shifting a separator does not make another binding equal
                new FieldCipher.Binding("t1", "gala|", "ana", SealedField.NOTES)}) {
            assertThrows(FieldCipher.Unopenable.class, () -> FieldCipher.open(KEY, elsewhere, sealed), elsewhere.toString());
        }
    }

    @Test
    void aTamperedOrForeignValueDoesNotOpen() {
        byte[] sealed = FieldCipher.seal(KEY, ANA_NOTES, "alergia al marisco", RANDOM);
        sealed[sealed.length - 1] ^= 1;
        assertThrows(FieldCipher.Unopenable.class, () -> FieldCipher.open(KEY, ANA_NOTES, sealed));
        assertThrows(FieldCipher.Unopenable.class, () -> FieldCipher.open(KEY, ANA_NOTES, new byte[8]));
        byte[] underAnotherKey = FieldCipher.seal(new SecretKeySpec(filled(7), "AES"), ANA_NOTES, "x", RANDOM);
        assertThrows(FieldCipher.Unopenable.class, () -> FieldCipher.open(KEY, ANA_NOTES, underAnotherKey));
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}

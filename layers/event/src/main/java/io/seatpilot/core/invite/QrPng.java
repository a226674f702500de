package io.seatpilot.core.invite;

import io.nayuki.qrcodegen.QrCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A QR code as a PNG, for e-mail (mail clients do not show SVG): encoded by Nayuki's qrcodegen, written by the
 * JDK's ImageIO. Black modules on white with the standard four-module quiet zone, scaled without smoothing.
 */
final class QrPng {

    private static final int QUIET_ZONE = 4;
    private static final int SCALE = 8;

    private QrPng() {
    }

    static byte[] of(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = (qr.size + 2 * QUIET_ZONE) * SCALE;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean dark = qr.getModule(x / SCALE - QUIET_ZONE, y / SCALE - QUIET_ZONE);
                image.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
            }
        }
        try (var out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

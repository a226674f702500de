package io.seatpilot.doorlistprint;

import io.seatpilot.core.doorlist.PrintedList;
import io.seatpilot.core.i18n.Messages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * {@code doorlist.pdf}: A4 portrait, one line per guest by last name, a box to tick, name, table, seat, zone and
 * the flags staff act on (PMR, VIP); column titles repeat on every page, pages are numbered "n / total".
 */
final class DoorListPdf {

    private static final float MARGIN = 36;
    private static final float ROW = 17;
    private static final float SIZE = 10.5f;
    private static final PDRectangle PAGE = PDRectangle.A4;
    /** Column x positions: tick box, last name, first name, table, seat, zone, flags. */
    private static final float[] X = {MARGIN, MARGIN + 22, MARGIN + 190, MARGIN + 330, MARGIN + 410, MARGIN + 455, MARGIN + 490};
    private static final float[] WIDTH = {0, 160, 132, 75, 40, 30, 40};

    private DoorListPdf() {
    }

    static byte[] write(PrintedList.Sheet sheet, Messages messages) {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        int perPage = (int) ((PAGE.getHeight() - 2 * MARGIN - 3 * ROW) / ROW);
        List<List<PrintedList.Row>> pages = new ArrayList<>();
        for (int i = 0; i < sheet.rows().size(); i += perPage) {
            pages.add(sheet.rows().subList(i, Math.min(sheet.rows().size(), i + perPage)));
        }
        if (pages.isEmpty()) {
            pages.add(List.of());
        }
        String title = messages.text("doorlist.title", sheet.event().name());
        String[] headings = {"", messages.text("doorlist.last_name"), messages.text("doorlist.first_name"),
                messages.text("doorlist.table"), messages.text("doorlist.seat"), messages.text("doorlist.zone"), ""};
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(printable(regular, title));
            info.setCreator("SeatPilot");
            for (int p = 0; p < pages.size(); p++) {
                PDPage page = new PDPage(PAGE);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    float y = PAGE.getHeight() - MARGIN;
                    text(content, bold, 14, MARGIN, y - 4, title, 400);
                    text(content, regular, 9, PAGE.getWidth() - MARGIN - 60, y - 4,
                            messages.text("doorlist.page", Integer.toString(p + 1), Integer.toString(pages.size())), 60);
                    y -= 2 * ROW;
                    for (int c = 1; c < headings.length; c++) {
                        text(content, bold, SIZE, X[c], y, headings[c], WIDTH[c]);
                    }
                    content.moveTo(MARGIN, y - 4);
                    content.lineTo(PAGE.getWidth() - MARGIN, y - 4);
                    content.stroke();
                    for (PrintedList.Row row : pages.get(p)) {
                        y -= ROW;
                        content.addRect(X[0], y - 2, 10, 10);
                        content.stroke();
                        String flags = String.join(" ", flags(row, messages));
                        String[] cells = {"", row.lastName(), row.firstName(), row.tableLabel(), row.seatLabel(), row.zone(), flags};
                        for (int c = 1; c < cells.length; c++) {
                            text(content, c == 1 ? bold : regular, SIZE, X[c], y, cells[c], WIDTH[c]);
                        }
                    }
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> flags(PrintedList.Row row, Messages messages) {
        List<String> flags = new ArrayList<>();
        if (row.pmr()) {
            flags.add(messages.text("doorlist.pmr"));
        }
        if (row.vip()) {
            flags.add(messages.text("doorlist.vip"));
        }
        if (!"confirmed".equals(row.rsvp())) {
            flags.add(messages.text("doorlist.rsvp." + row.rsvp()));
        }
        return flags;
    }

    /** Writes text cut to {@code width} points (an ellipsis marks the cut), in characters the font can draw. */
    private static void text(PDPageContentStream content, PDType1Font font, float size, float x, float y, String text,
                             float width) throws IOException {
        String shown = printable(font, text);
        if (width > 0 && font.getStringWidth(shown) / 1000 * size > width) {
            while (!shown.isEmpty() && font.getStringWidth(shown + "…") / 1000 * size > width) {
                shown = shown.substring(0, shown.length() - 1);
            }
            shown += "…";
        }
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(shown);
        content.endText();
    }

    /**
     * The standard fonts draw WinAnsi (Latin-1 and a few more): other characters are shown without their accents
     * when that is enough (ő → o), else as '?', so an unusual name prints rather than failing the whole list.
     */
    static String printable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            if (canShow(font, c)) {
                out.append(c);
            } else {
                String base = Normalizer.normalize(c, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
                out.append(!base.isEmpty() && canShow(font, base) ? base : "?");
            }
        });
        return out.toString();
    }

    private static boolean canShow(PDType1Font font, String c) {
        try {
            font.encode(c);
            return !Character.isISOControl(c.codePointAt(0));
        } catch (IOException | IllegalArgumentException notInFont) {
            return false;
        }
    }
}

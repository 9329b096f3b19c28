package app.assets.report.export;

import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Languages;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.util.Matrix;

/**
 * A PDF export (PDFBox): landscape A4 with the Vazirmatn font embedded, a title, the filters
 * applied and the generation time, then a table whose header row repeats on every page, and page
 * numbers. In Persian the table runs right to left (first column at the right, text aligned right),
 * with Jalali dates and Persian digits; every text goes through {@link VisualText} because PDFBox
 * draws glyphs in the order given and does not shape Arabic script. Given a scratch directory, the
 * pages' content goes to a temporary file there rather than staying in memory until the end.
 */
final class PdfReport implements ReportWriter {

    static final String FONT = "/fonts/Vazirmatn-Regular.ttf";

    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 32;
    private static final float TITLE_SIZE = 15;
    private static final float META_SIZE = 9;
    private static final float SIZE = 8;
    private static final float LEADING = 11;
    private static final float PAD = 3;
    private static final int MAX_LINES = 3;
    private static final Color HEADER_FILL = new Color(0xE8, 0xEC, 0xF2);
    private static final Color RULE = new Color(0xC8, 0xCD, 0xD5);
    private static final Color MUTED = new Color(0x55, 0x5B, 0x66);

    private final Heading heading;
    private final boolean rtl;
    private final OutputStream out;
    private final PDDocument document;
    private final TrueTypeFont fontFile;
    private final PDType0Font font;
    private final float[] widths;
    /** Per character of the Basic Multilingual Plane: 1 the font draws it, -1 it does not, 0 not asked yet. */
    private final byte[] bmpGlyphs = new byte[0x10000];

    private final Map<String, Drawn> drawn = new HashMap<>();
    private final Map<String, Float> wordWidths = new HashMap<>();
    private PDPageContentStream content;
    private float y;

    PdfReport(Heading heading, OutputStream out, Path scratch) throws IOException {
        this.heading = heading;
        this.out = out;
        this.rtl = Languages.isRightToLeft(heading.locale());
        float total = heading.columns().stream().map(Column::width).reduce(0f, Float::sum);
        float available = PAGE.getWidth() - 2 * MARGIN;
        widths = new float[heading.columns().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = available * heading.columns().get(i).width() / total;
        }
        document = new PDDocument(
                scratch == null
                        ? IOUtils.createMemoryOnlyStreamCache()
                        : MemoryUsageSetting.setupTempFileOnly().setTempDir(scratch.toFile()).streamCache);
        // Our text is shaped already (VisualText). Without GSUB, PDFBox no longer applies its own
        // substitutions, which rebuilt a regular expression of the font's ligatures for every text drawn:
        // that alone took most of an export's time.
        try {
            fontFile = new TTFParser().parse(new RandomAccessReadBuffer(fontBytes()));
            fontFile.setEnableGsub(false);
            font = PDType0Font.load(document, fontFile, true);
            start();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Document information and the first page with the heading. */
    private void start() throws IOException {
        var info = new PDDocumentInformation();
        info.setTitle(heading.title());
        info.setCreator("Assets");
        document.setDocumentInformation(info);
        newPage(true);
    }

    @Override
    public void row(ReportRow row) throws IOException {
        var cells = new ArrayList<List<String>>();
        int lines = 1;
        for (int i = 0; i < widths.length; i++) {
            var column = heading.columns().get(i);
            var text = ReportCells.display(
                    column, row.value(heading.dataset(), column), heading.locale(), heading.messages());
            var wrapped = wrap(text, widths[i] - 2 * PAD, SIZE);
            cells.add(wrapped);
            lines = Math.max(lines, wrapped.size());
        }
        float height = lines * LEADING + 2 * PAD;
        if (y - height < MARGIN + 20) {
            newPage(false);
        }
        drawCells(cells, SIZE, Color.BLACK);
        y -= height;
        rule(y);
    }

    @Override
    public void finish() throws IOException {
        content.close();
        content = null;
        int pages = document.getNumberOfPages();
        int number = 0;
        for (var page : document.getPages()) {
            int i = number++;
            try (var footer = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true)) {
                String text = heading.messages()
                        .getTranslation(
                                "report.pdf.page",
                                heading.locale(),
                                Formats.number(i + 1, heading.locale()),
                                Formats.number(pages, heading.locale()));
                String visual = visual(text);
                float width = width(visual, META_SIZE);
                write(footer, visual, (PAGE.getWidth() - width) / 2, MARGIN - 14, META_SIZE, MUTED);
            }
        }
        document.save(out);
    }

    @Override
    public void close() throws IOException {
        try (document;
                fontFile) {
            if (content != null) {
                content.close();
                content = null;
            }
        }
    }

    private static volatile byte[] fontBytes;

    /** The font file, read from the classpath once. */
    private static byte[] fontBytes() throws IOException {
        byte[] bytes = fontBytes;
        if (bytes == null) {
            try (var in = PdfReport.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IOException("Font " + FONT + " is missing from the classpath");
                }
                bytes = in.readAllBytes();
            }
            fontBytes = bytes;
        }
        return bytes;
    }

    private void newPage(boolean first) throws IOException {
        if (content != null) {
            content.close();
        }
        var page = new PDPage(PAGE);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = PAGE.getHeight() - MARGIN;
        if (first) {
            line(heading.title(), TITLE_SIZE, Color.BLACK);
            y -= 4;
            line(heading.filters(), META_SIZE, MUTED);
            line(
                    heading.messages()
                            .getTranslation(
                                    "report.pdf.generated",
                                    heading.locale(),
                                    Formats.dateTime(heading.generatedAt(), heading.locale())),
                    META_SIZE,
                    MUTED);
            y -= 6;
        }
        var headers = new ArrayList<List<String>>();
        int lines = 1;
        for (int i = 0; i < widths.length; i++) {
            var wrapped = wrap(
                    heading.messages()
                            .getTranslation(
                                    "report.col." + heading.columns().get(i).key(), heading.locale()),
                    widths[i] - 2 * PAD,
                    SIZE);
            headers.add(wrapped);
            lines = Math.max(lines, wrapped.size());
        }
        float height = lines * LEADING + 2 * PAD;
        content.setNonStrokingColor(HEADER_FILL);
        content.addRect(MARGIN, y - height, PAGE.getWidth() - 2 * MARGIN, height);
        content.fill();
        drawCells(headers, SIZE, Color.BLACK);
        y -= height;
        rule(y);
    }

    /** One line of the page heading, at the start edge of the reading direction. */
    private void line(String text, float size, Color color) throws IOException {
        for (var part : wrap(text, PAGE.getWidth() - 2 * MARGIN, size)) {
            y -= size * 1.35f;
            String visual = visual(part);
            float x = rtl ? PAGE.getWidth() - MARGIN - width(visual, size) : MARGIN;
            write(content, visual, x, y, size, color);
        }
    }

    /** Draws one row of cells as a single text object: a text object per cell made the file and its writing slower. */
    private void drawCells(List<List<String>> cells, float size, Color color) throws IOException {
        float edge = rtl ? PAGE.getWidth() - MARGIN : MARGIN;
        content.beginText();
        content.setFont(font, size);
        content.setNonStrokingColor(color);
        for (int i = 0; i < widths.length; i++) {
            float left = rtl ? edge - widths[i] : edge;
            boolean alignEnd = rtl || heading.columns().get(i).kind().numeric();
            float baseline = y - PAD - SIZE;
            for (var text : cells.get(i)) {
                var drawn = drawn(text);
                if (!drawn.visual().isEmpty()) {
                    float x = alignEnd ? left + widths[i] - PAD - drawn.width() * size : left + PAD;
                    content.setTextMatrix(Matrix.getTranslateInstance(x, baseline));
                    content.showText(drawn.visual());
                }
                baseline -= LEADING;
            }
            edge = rtl ? edge - widths[i] : edge + widths[i];
        }
        content.endText();
    }

    private void rule(float at) throws IOException {
        content.setStrokingColor(RULE);
        content.setLineWidth(0.5f);
        content.moveTo(MARGIN, at);
        content.lineTo(PAGE.getWidth() - MARGIN, at);
        content.stroke();
    }

    private void write(PDPageContentStream stream, String visual, float x, float baseline, float size, Color color)
            throws IOException {
        if (visual.isEmpty()) {
            return;
        }
        stream.beginText();
        stream.setFont(font, size);
        stream.setNonStrokingColor(color);
        stream.newLineAtOffset(x, baseline);
        stream.showText(visual);
        stream.endText();
    }

    /** Splits logical text into at most {@link #MAX_LINES} lines that fit the width, the last one cut with an ellipsis. */
    private List<String> wrap(String text, float width, float size) throws IOException {
        var lines = new ArrayList<String>();
        if (text == null || text.isBlank()) {
            lines.add("");
            return lines;
        }
        if (singleSpaced(text) && drawn(text).width() * size <= width) {
            lines.add(text);
            return lines;
        }
        float space = wordWidth(" ") * size;
        var current = new StringBuilder();
        float currentWidth = 0;
        for (String word : text.strip().split("\\s+")) {
            float w = wordWidth(word) * size;
            if (current.isEmpty() ? w <= width : currentWidth + space + w <= width) {
                currentWidth += current.isEmpty() ? w : space + w;
                current.append(current.isEmpty() ? "" : " ").append(word);
                continue;
            }
            if (!current.isEmpty()) {
                lines.add(current.toString());
                current.setLength(0);
            }
            String rest = word;
            while (wordWidth(rest) * size > width && rest.length() > 1) {
                int cut = rest.length() - 1;
                while (cut > 1 && wordWidth(rest.substring(0, cut)) * size > width) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            current.append(rest);
            currentWidth = wordWidth(rest) * size;
        }
        if (!current.isEmpty()) {
            lines.add(current.toString());
        }
        if (lines.size() > MAX_LINES) {
            var kept = new ArrayList<>(lines.subList(0, MAX_LINES));
            String last = kept.getLast();
            while (!last.isEmpty() && width(visual(last + "…"), size) > width) {
                last = last.substring(0, last.length() - 1);
            }
            kept.set(MAX_LINES - 1, last + "…");
            return kept;
        }
        return lines;
    }

    /** Width of a word at size 1, shaped; measured once per document since report columns repeat the same words. */
    private float wordWidth(String word) throws IOException {
        Float known = wordWidths.get(word);
        if (known == null) {
            known = width(drawableOnly(VisualText.shaped(word)), 1);
            if (wordWidths.size() > 100_000) {
                wordWidths.clear();
            }
            wordWidths.put(word, known);
        }
        return known;
    }

    private float width(String visual, float size) throws IOException {
        return font.getStringWidth(visual) / 1000 * size;
    }

    /** A text as drawn: shaped, reordered and drawable, with its width at size 1. */
    private record Drawn(String visual, float width) {}

    /**
     * A text of the table as drawn, remembered for the document: reports repeat the same names,
     * codes and dates, and shaping, reordering and measuring each once is enough.
     */
    private Drawn drawn(String logical) throws IOException {
        Drawn known = drawn.get(logical);
        if (known == null) {
            String visual = visual(logical);
            known = new Drawn(visual, width(visual, 1));
            if (drawn.size() > 50_000) {
                drawn.clear();
            }
            drawn.put(logical, known);
        }
        return known;
    }

    /** Text without leading, trailing, doubled or other white space than single spaces: what {@link #wrap} would keep as it is. */
    private static boolean singleSpaced(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)
                    && (c != ' ' || i == 0 || i == text.length() - 1 || text.charAt(i - 1) == ' ')) {
                return false;
            }
        }
        return true;
    }

    /** Shaped, reordered, and with any character the font cannot draw replaced, so one odd character never fails an export. */
    private String visual(String logical) {
        return drawableOnly(VisualText.of(logical, rtl));
    }

    private String drawableOnly(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!drawable(text.charAt(i))) {
                var out = new StringBuilder(text.length());
                text.codePoints().forEach(cp -> out.appendCodePoint(drawable(cp) ? cp : '?'));
                return out.toString();
            }
        }
        return text;
    }

    /** Whether the font has a glyph for a character; known answers for the Basic Multilingual Plane kept in {@link #bmpGlyphs}. */
    private boolean drawable(int codePoint) {
        if (codePoint < bmpGlyphs.length && bmpGlyphs[codePoint] != 0) {
            return bmpGlyphs[codePoint] > 0;
        }
        boolean has;
        try {
            font.encode(new String(Character.toChars(codePoint)));
            has = true;
        } catch (IllegalArgumentException | IOException e) {
            has = false;
        }
        if (codePoint < bmpGlyphs.length) {
            bmpGlyphs[codePoint] = (byte) (has ? 1 : -1);
        }
        return has;
    }
}

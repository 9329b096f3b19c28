package app.assets.report.export;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;

/**
 * Turns text in logical order into the glyph order a PDF draws left to right. PDFBox neither shapes
 * Arabic script nor reorders right-to-left text, so Persian is first shaped into its contextual
 * forms (ICU's ArabicShaping, letters joined as in print) and then reordered (ICU's Bidi, with
 * mirrored brackets and without the invisible direction marks a font has no glyphs for).
 */
final class VisualText {

    private static final ArabicShaping SHAPING = new ArabicShaping(
            ArabicShaping.LETTERS_SHAPE | ArabicShaping.TEXT_DIRECTION_LOGICAL | ArabicShaping.LENGTH_GROW_SHRINK);

    private VisualText() {}

    /**
     * The text shaped and in visual order. In a Persian document every text is a right-to-left
     * paragraph, as in the right-to-left page of the view (ICU's left-to-right marks then keep a sign
     * in front of its number); in an English one a text takes the direction of its first strong
     * character, so a Persian description still reads right to left.
     */
    static String of(String logical, boolean rightToLeft) {
        if (logical == null || logical.isEmpty()) {
            return "";
        }
        String shaped = shaped(logical);
        if (!rightToLeft && !Bidi.requiresBidi(shaped.toCharArray(), 0, shaped.length())) {
            return shaped;
        }
        var bidi = new Bidi();
        bidi.setPara(shaped, rightToLeft ? Bidi.RTL : Bidi.LEVEL_DEFAULT_LTR, null);
        return bidi.writeReordered(Bidi.DO_MIRRORING | Bidi.REMOVE_BIDI_CONTROLS);
    }

    /**
     * The text with its letters in their contextual forms, still in logical order. Letters never join
     * across a space, so a word shaped alone has the width it has inside a line.
     */
    static String shaped(String logical) {
        if (!hasArabicScript(logical)) {
            return logical;
        }
        try {
            return SHAPING.shape(logical);
        } catch (ArabicShapingException e) {
            return logical;
        }
    }

    private static boolean hasArabicScript(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x0600 && c <= 0x06FF) {
                return true;
            }
        }
        return false;
    }
}

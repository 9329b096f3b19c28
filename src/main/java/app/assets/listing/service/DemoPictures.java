package app.assets.listing.service;

import app.assets.listing.ListingCategory;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Draws the demo catalogue's photos at start-up (Java2D, no copied pictures): a soft sky, a floor
 * and a flat illustration of the category's kind of thing, in one of a few palettes. PNG, 640x480.
 */
final class DemoPictures {

    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    private static final Color[][] PALETTES = {
        {new Color(0xE3F2FD), new Color(0xBBDEFB), new Color(0x1565C0), new Color(0xFFB300)},
        {new Color(0xFFF3E0), new Color(0xFFE0B2), new Color(0xD84315), new Color(0x00897B)},
        {new Color(0xE8F5E9), new Color(0xC8E6C9), new Color(0x2E7D32), new Color(0x6A1B9A)},
        {new Color(0xF3E5F5), new Color(0xE1BEE7), new Color(0x6A1B9A), new Color(0xF4511E)},
    };

    private DemoPictures() {}

    /** A picture of the category; the palette number varies the colours between listings. */
    static byte[] draw(ListingCategory category, int palette) {
        var colours = PALETTES[Math.floorMod(palette, PALETTES.length)];
        var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setPaint(new GradientPaint(0, 0, colours[0], 0, HEIGHT, colours[1]));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(new Color(255, 255, 255, 110));
            g.fill(new Ellipse2D.Double(470, 40, 110, 110));
            g.setColor(new Color(0, 0, 0, 28));
            g.fill(new Ellipse2D.Double(120, 380, 400, 50));
            Color main = colours[2];
            Color accent = colours[3];
            switch (category) {
                case CAMERA -> camera(g, main, accent);
                case LAPTOP -> laptop(g, main, accent);
                case PHONE -> phone(g, main, accent);
                case AUDIO -> speaker(g, main, accent);
                case GAMES -> controller(g, main, accent);
                case TENT -> tent(g, main, accent);
                case BIKE -> bike(g, main, accent);
                case TOOLS -> drill(g, main, accent);
                case BOOKS -> books(g, main, accent);
                case OTHER -> projector(g, main, accent);
            }
        } finally {
            g.dispose();
        }
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void camera(Graphics2D g, Color main, Color accent) {
        g.setColor(main.darker());
        g.fill(new RoundRectangle2D.Double(250, 130, 90, 40, 14, 14));
        g.setColor(main);
        g.fill(new RoundRectangle2D.Double(170, 155, 300, 200, 36, 36));
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(245, 180, 150, 150));
        g.setColor(new Color(0x263238));
        g.fill(new Ellipse2D.Double(260, 195, 120, 120));
        g.setColor(new Color(0x546E7A));
        g.fill(new Ellipse2D.Double(285, 220, 70, 70));
        g.setColor(new Color(255, 255, 255, 170));
        g.fill(new Ellipse2D.Double(300, 232, 22, 22));
        g.setColor(accent);
        g.fill(new Ellipse2D.Double(420, 175, 26, 26));
    }

    private static void laptop(Graphics2D g, Color main, Color accent) {
        g.setColor(new Color(0x37474F));
        g.fill(new RoundRectangle2D.Double(180, 120, 280, 190, 18, 18));
        g.setPaint(new GradientPaint(190, 130, accent, 450, 300, main));
        g.fill(new RoundRectangle2D.Double(195, 135, 250, 160, 8, 8));
        g.setColor(new Color(0xB0BEC5));
        var base = new Path2D.Double();
        base.moveTo(140, 320);
        base.lineTo(500, 320);
        base.lineTo(530, 360);
        base.lineTo(110, 360);
        base.closePath();
        g.fill(base);
        g.setColor(new Color(0x90A4AE));
        g.fill(new RoundRectangle2D.Double(280, 328, 80, 10, 6, 6));
    }

    private static void phone(Graphics2D g, Color main, Color accent) {
        g.setColor(new Color(0x212121));
        g.fill(new RoundRectangle2D.Double(250, 80, 140, 290, 34, 34));
        g.setPaint(new GradientPaint(260, 100, main, 380, 350, accent));
        g.fill(new RoundRectangle2D.Double(260, 95, 120, 260, 24, 24));
        g.setColor(new Color(255, 255, 255, 200));
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                g.fill(new RoundRectangle2D.Double(274 + col * 36, 130 + row * 44, 24, 24, 8, 8));
            }
        }
        g.setColor(new Color(0x212121));
        g.fill(new RoundRectangle2D.Double(300, 100, 40, 8, 6, 6));
    }

    private static void speaker(Graphics2D g, Color main, Color accent) {
        g.setColor(main);
        g.fill(new RoundRectangle2D.Double(210, 90, 220, 290, 30, 30));
        g.setColor(new Color(0x263238));
        g.fill(new Ellipse2D.Double(250, 210, 140, 140));
        g.fill(new Ellipse2D.Double(285, 115, 70, 70));
        g.setColor(accent);
        g.fill(new Ellipse2D.Double(295, 255, 50, 50));
        g.fill(new Ellipse2D.Double(308, 138, 24, 24));
        g.setStroke(new BasicStroke(6, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(255, 255, 255, 160));
        g.drawArc(440, 170, 60, 120, -60, 120);
        g.drawArc(460, 140, 90, 180, -60, 120);
    }

    private static void controller(Graphics2D g, Color main, Color accent) {
        g.setColor(main);
        g.fill(new RoundRectangle2D.Double(160, 180, 320, 150, 120, 120));
        g.fill(new Ellipse2D.Double(150, 230, 130, 150));
        g.fill(new Ellipse2D.Double(360, 230, 130, 150));
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Double(210, 245, 60, 18, 6, 6));
        g.fill(new RoundRectangle2D.Double(231, 224, 18, 60, 6, 6));
        g.setColor(accent);
        g.fill(new Ellipse2D.Double(395, 220, 24, 24));
        g.fill(new Ellipse2D.Double(425, 248, 24, 24));
        g.fill(new Ellipse2D.Double(365, 248, 24, 24));
        g.fill(new Ellipse2D.Double(395, 276, 24, 24));
    }

    private static void tent(Graphics2D g, Color main, Color accent) {
        g.setColor(new Color(0x90A4AE));
        var mountains = new Path2D.Double();
        mountains.moveTo(0, 300);
        mountains.lineTo(140, 150);
        mountains.lineTo(250, 260);
        mountains.lineTo(380, 120);
        mountains.lineTo(640, 320);
        mountains.lineTo(640, 480);
        mountains.lineTo(0, 480);
        mountains.closePath();
        g.fill(mountains);
        g.setColor(new Color(0x7CB342));
        g.fillRect(0, 350, WIDTH, 130);
        g.setColor(main);
        var tent = new Path2D.Double();
        tent.moveTo(320, 170);
        tent.lineTo(480, 390);
        tent.lineTo(160, 390);
        tent.closePath();
        g.fill(tent);
        g.setColor(accent);
        var door = new Path2D.Double();
        door.moveTo(320, 230);
        door.lineTo(370, 390);
        door.lineTo(270, 390);
        door.closePath();
        g.fill(door);
    }

    private static void bike(Graphics2D g, Color main, Color accent) {
        g.setStroke(new BasicStroke(12, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0x263238));
        g.draw(new Ellipse2D.Double(130, 240, 140, 140));
        g.draw(new Ellipse2D.Double(370, 240, 140, 140));
        g.setColor(main);
        var frame = new Path2D.Double();
        frame.moveTo(200, 310);
        frame.lineTo(290, 200);
        frame.lineTo(420, 200);
        frame.lineTo(440, 310);
        frame.moveTo(290, 200);
        frame.lineTo(320, 310);
        frame.lineTo(200, 310);
        frame.moveTo(320, 310);
        frame.lineTo(420, 200);
        g.draw(frame);
        g.setColor(accent);
        g.draw(new java.awt.geom.Line2D.Double(270, 180, 310, 180));
        g.draw(new java.awt.geom.Line2D.Double(410, 170, 445, 160));
    }

    private static void drill(Graphics2D g, Color main, Color accent) {
        g.setColor(main);
        g.fill(new RoundRectangle2D.Double(170, 150, 250, 100, 40, 40));
        g.fill(new RoundRectangle2D.Double(250, 220, 70, 140, 24, 24));
        g.setColor(accent);
        g.fill(new RoundRectangle2D.Double(225, 340, 120, 50, 14, 14));
        g.setColor(new Color(0x455A64));
        g.fill(new RoundRectangle2D.Double(420, 175, 50, 50, 10, 10));
        g.setColor(new Color(0x90A4AE));
        g.fill(new RoundRectangle2D.Double(470, 193, 90, 14, 6, 6));
    }

    private static void books(Graphics2D g, Color main, Color accent) {
        Color[] spines = {main, accent, main.darker(), new Color(0x8D6E63), accent.darker()};
        int y = 370;
        for (int i = 0; i < spines.length; i++) {
            int width = 260 - i * 14;
            g.setColor(spines[i]);
            g.fill(new RoundRectangle2D.Double(320 - width / 2.0 + (i % 2) * 12, y - 42, width, 42, 8, 8));
            g.setColor(new Color(255, 255, 255, 150));
            g.fillRect(320 - width / 2 + 20 + (i % 2) * 12, y - 25, width - 40, 5);
            y -= 46;
        }
    }

    private static void projector(Graphics2D g, Color main, Color accent) {
        g.setColor(new Color(255, 255, 255, 140));
        var beam = new Path2D.Double();
        beam.moveTo(250, 280);
        beam.lineTo(80, 90);
        beam.lineTo(80, 250);
        beam.closePath();
        g.fill(beam);
        g.setColor(main);
        g.fill(new RoundRectangle2D.Double(220, 250, 260, 110, 28, 28));
        g.setColor(new Color(0x263238));
        g.fill(new Ellipse2D.Double(232, 268, 74, 74));
        g.setColor(accent);
        g.fill(new Ellipse2D.Double(250, 286, 38, 38));
        g.setColor(new Color(255, 255, 255, 170));
        for (int i = 0; i < 4; i++) {
            g.fillRect(340 + i * 28, 285, 12, 50);
        }
    }
}

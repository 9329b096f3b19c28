package app.assets.report.export;

/** A finished export, ready to download. */
public record ExportFile(String fileName, String contentType, byte[] content, int rows) {}

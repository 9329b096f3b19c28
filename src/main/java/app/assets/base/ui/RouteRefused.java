package app.assets.base.ui;

/** Published when a signed-in user tries to open a view they may not open, so it can be audited. */
public record RouteRefused(String path) {}

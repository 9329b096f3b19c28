package app.assets.listing;

/** The kinds of things people lend; labels come from the bundles ("category." + name). */
public enum ListingCategory {
    CAMERA,
    LAPTOP,
    PHONE,
    AUDIO,
    GAMES,
    TENT,
    BIKE,
    TOOLS,
    BOOKS,
    OTHER
}

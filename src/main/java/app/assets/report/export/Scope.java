package app.assets.report.export;

/** Whose rows a reader gets: everybody's (ownerId null) or one user's. Decided by the service from permissions, never by the view. */
public record Scope(Long ownerId, String ownerEmail) {

    static Scope all() {
        return new Scope(null, null);
    }

    public boolean everybody() {
        return ownerId == null;
    }
}

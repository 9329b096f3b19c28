package app.assets.base.api;

/** Where the REST API v1 lives, and the paths its security needs to name. */
public final class ApiPaths {

    public static final String BASE = "/api/v1";
    public static final String ALL = BASE + "/**";
    public static final String OPENAPI = BASE + "/openapi.json";
    public static final String DOCS = BASE + "/docs";
    public static final String HEALTH = BASE + "/health";
    /** Header every money-moving POST must carry. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Name of the bearer-token security scheme in the OpenAPI document. */
    public static final String BEARER = "bearer";
    /** Name of the cookie security scheme (the {@code access_token} cookie browsers send). */
    public static final String COOKIE = "cookie";

    private ApiPaths() {}
}

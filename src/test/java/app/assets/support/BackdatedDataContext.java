package app.assets.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * A named test context for classes that write a platform's history straight into the tables, with
 * chosen past times (the daily aggregates' fixtures): they get a Spring context and a database of
 * their own, so that history never shows in the platform-wide figures other classes check, and
 * other classes' rows never show in theirs. Everything else shares {@link IntegrationTest}'s
 * context.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@TestPropertySource(properties = "assets.test.context=backdated-data")
public @interface BackdatedDataContext {}

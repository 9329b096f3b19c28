package app.assets.base.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation as the second verb of another one in the same class (the original design's
 * {@code PATCH} for a step the API offers as {@code POST}). {@link ApiWebConfiguration} documents it
 * from that operation, so the two cannot drift apart: the same responses, its summary with this
 * verb named, and a description pointing to it. The operationId stays the method's name.
 * (Swagger's own annotations are not read reliably through meta-annotations, hence a customizer.)
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ApiTwinOf {

    /** The name of the documented method in the same class, for example {@code acceptTicket}. */
    String value();

    /** This verb, as the summary and description name it. */
    String verb() default "PATCH";
}

package app.assets.base.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller of the REST API v1: its paths are below {@link ApiPaths#BASE}, and its errors are
 * problem details in the caller's language ({@link ApiExceptionHandler}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
@RequestMapping(ApiPaths.BASE)
public @interface ApiController {}

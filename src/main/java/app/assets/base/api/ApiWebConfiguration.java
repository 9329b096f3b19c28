package app.assets.base.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What the API shares beyond its controllers: trailing slashes, staff operations' permissions, and
 * the OpenAPI document's frame.
 */
@Configuration
class ApiWebConfiguration implements WebMvcConfigurer {

    static final String PROBLEM = "Problem";

    /**
     * {@code /api/v1/wallet/} is {@code /api/v1/wallet}: Spring MVC no longer matches trailing
     * slashes, and the original design's clients use both. The request is wrapped before security
     * sees it, so both forms meet the same rules.
     */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> apiTrailingSlash() {
        var registration = new FilterRegistrationBean<>(UrlHandlerFilter.trailingSlashHandler(ApiPaths.ALL)
                .wrapRequest()
                .build());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns(ApiPaths.BASE + "/*");
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PermissionInterceptor()).addPathPatterns(ApiPaths.ALL);
    }

    /**
     * A staff operation's permission in the document: named in its description and as
     * {@code x-required-permission}, with the 403 its absence brings.
     */
    @Bean
    OperationCustomizer requiredPermissions() {
        return (operation, handler) -> {
            String permission = PermissionInterceptor.requiredPermission(handler);
            if (permission != null) {
                String needs = "Needs the " + permission + " permission.";
                String description = operation.getDescription();
                if (description == null || !description.contains(permission)) {
                    operation.setDescription(description == null ? needs : description + " " + needs);
                }
                operation.addExtension("x-required-permission", permission);
                if (!operation.getResponses().containsKey("403")) {
                    operation
                            .getResponses()
                            .addApiResponse("403", new ApiResponse().description("Without " + permission));
                }
            }
            return operation;
        };
    }

    /**
     * An {@link ApiTwinOf} operation documented from its twin: the twin's responses (the bodies of
     * success responses stay this method's own), its summary with this verb named, and a
     * description pointing to it.
     */
    @Bean
    OperationCustomizer twinOperations() {
        return (operation, handler) -> {
            ApiTwinOf twin = handler.getMethodAnnotation(ApiTwinOf.class);
            if (twin == null) {
                return operation;
            }
            Method documented = Arrays.stream(handler.getBeanType().getDeclaredMethods())
                    .filter(m -> m.getName().equals(twin.value()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            handler + " is the twin of " + twin.value() + ", which its class does not declare"));
            var about = AnnotatedElementUtils.findMergedAnnotation(documented, Operation.class);
            var mapping = AnnotatedElementUtils.findMergedAnnotation(documented, RequestMapping.class);
            if (about == null || mapping == null || mapping.method().length != 1) {
                throw new IllegalStateException(twin.value() + " needs an @Operation and one HTTP method");
            }
            operation.setSummary(about.summary() + " (" + twin.verb() + ", as the original design writes it)");
            operation.setDescription("The same step as " + mapping.method()[0] + " " + mapping.path()[0] + ".");
            for (var response :
                    documented.getAnnotationsByType(io.swagger.v3.oas.annotations.responses.ApiResponse.class)) {
                var existing = operation.getResponses().get(response.responseCode());
                if (existing != null) {
                    existing.setDescription(response.description());
                } else {
                    operation
                            .getResponses()
                            .addApiResponse(
                                    response.responseCode(), new ApiResponse().description(response.description()));
                }
            }
            return operation;
        };
    }

    /**
     * Uniform responses in the document: every error response is a problem detail (as
     * {@link ApiExceptionHandler} and the security chain write them), success bodies are JSON, and
     * every operation that needs a token says it may answer 401.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            var problem = new Content()
                    .addMediaType(
                            org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
            openApi.getPaths()
                    .values()
                    .forEach(path -> path.readOperations().forEach(operation -> {
                        boolean secured = operation.getSecurity() == null
                                || !operation.getSecurity().isEmpty();
                        if (secured && !operation.getResponses().containsKey("401")) {
                            operation
                                    .getResponses()
                                    .addApiResponse("401", new ApiResponse().description("No valid access token"));
                        }
                        operation.getResponses().forEach((code, response) -> {
                            if (code.startsWith("4") || code.startsWith("5")) {
                                response.setContent(problem);
                            } else if (response.getContent() != null
                                    && response.getContent().containsKey("*/*")) {
                                var body = response.getContent().remove("*/*");
                                response.getContent()
                                        .addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, body);
                            }
                        });
                    }));
        };
    }

    private static Schema<?> problemSchema() {
        var fieldError = new ObjectSchema()
                .description("one message per field")
                .addProperty("field", new StringSchema())
                .addProperty("code", new StringSchema())
                .addProperty("message", new StringSchema().description("in the caller's language"));
        return new ObjectSchema()
                .description("RFC 9457 problem detail")
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("in the language of Accept-Language (fa or en)"))
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().description("stable message key, e.g. api.unauthorized"))
                .addProperty("errors", new ArraySchema().items(fieldError));
    }

    @Bean
    OpenAPI assetsOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Assets API")
                        .version("v1")
                        .description(
                                "Peer-to-peer lending: sign-in, your profile and your wallet. Amounts are whole Rials; "
                                        + "times are ISO-8601 UTC; errors are RFC 9457 problem details in the language of "
                                        + "Accept-Language (fa or en). See docs/api.md."))
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(
                                ApiPaths.BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("The access token from POST /api/v1/auth/login"))
                        .addSecuritySchemes(
                                ApiPaths.COOKIE,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.COOKIE)
                                        .name("access_token")
                                        .description(
                                                "The same token as the HttpOnly cookie set by sign-in, for browsers")));
    }
}

package app.assets.base.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;

/** What the API shares beyond its controllers: trailing slashes, and the OpenAPI document's frame. */
@Configuration
class ApiWebConfiguration {

    /**
     * {@code /api/v1/wallet/} is {@code /api/v1/wallet}: Spring MVC no longer matches trailing
     * slashes, and the original design's clients use both. The request is wrapped before security
     * sees it, so both forms meet the same rules.
     */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> apiTrailingSlash() {
        var registration = new FilterRegistrationBean<>(
                UrlHandlerFilter.trailingSlashHandler(ApiPaths.ALL).wrapRequest().build());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns(ApiPaths.BASE + "/*");
        return registration;
    }

    @Bean
    OpenAPI assetsOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Assets API").version("v1")
                        .description("Peer-to-peer lending: sign-in, your profile and your wallet. Amounts are whole Rials; "
                                + "times are ISO-8601 UTC; errors are RFC 9457 problem details in the language of "
                                + "Accept-Language (fa or en). See docs/api.md."))
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(ApiPaths.BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("The access token from POST /api/v1/auth/login"))
                        .addSecuritySchemes(ApiPaths.COOKIE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("access_token")
                                .description("The same token as the HttpOnly cookie set by sign-in, for browsers")));
    }
}

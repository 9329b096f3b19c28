/**
 * Users, roles and permissions, sign-up, verification, reset, sign-in (password, remember-me,
 * OAuth2/OIDC), throttling, and the identity views.
 * Its allowed dependencies are those docs/architecture.md draws; ModularityTest enforces them.
 */
@ApplicationModule(allowedDependencies = {"base", "audit"})
package app.assets.identity;

import org.springframework.modulith.ApplicationModule;

/**
 * Listings offered for lending, their photos, search and moderation, and their views.
 * Its allowed dependencies are those docs/architecture.md draws; ModularityTest enforces them.
 */
@ApplicationModule(allowedDependencies = {"base", "audit", "identity"})
package app.assets.listing;

import org.springframework.modulith.ApplicationModule;

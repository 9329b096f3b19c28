/**
 * Reviews after a completed loan: each side reviews the other (and the borrower the item),
 * double-blind until both have written or the review window closes; reports of abuse and their
 * moderation; public profiles with reputation. See docs/reviews.md.
 * Its allowed dependencies are those docs/architecture.md draws; ModularityTest enforces them.
 */
@ApplicationModule(allowedDependencies = {"base", "audit", "identity", "listing", "ticket"})
package app.assets.review;

import org.springframework.modulith.ApplicationModule;

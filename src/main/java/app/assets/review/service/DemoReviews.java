package app.assets.review.service;

import app.assets.base.error.UserInputException;
import app.assets.identity.RunAs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reviews for the living demo: after the demo loans (order 40), the demo lender and borrower
 * review each other on every completed demo loan still open for reviews, so both reviews publish
 * at once and profiles and the item's rating show them. Written through ReviewService as each
 * side; a round already written is not open any more, so a restart adds nothing. Only with the
 * demo accounts on and {@code assets.ticket.demo-loans} (off in tests).
 */
@Component
@Order(50)
class DemoReviews implements ApplicationRunner {

    static final String LENDER = "lender@assets.local";
    static final String BORROWER = "borrower@assets.local";

    private static final Logger log = LoggerFactory.getLogger(DemoReviews.class);

    private final boolean enabled;
    private final ReviewService reviews;
    private final RunAs runAs;

    DemoReviews(
            @Value("${assets.identity.demo-accounts:false}") boolean demoAccounts,
            @Value("${assets.ticket.demo-loans:true}") boolean demoLoans,
            ReviewService reviews,
            RunAs runAs) {
        this.enabled = demoAccounts && demoLoans;
        this.reviews = reviews;
        this.runAs = runAs;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        write(BORROWER, 5, "Exactly as described and handed over on time. Thank you!", 5);
        write(LENDER, 5, "خوش‌قول و مرتب؛ وسیله را تمیز و سر وقت برگرداند.", null);
    }

    private void write(String email, int stars, String text, Integer itemStars) {
        for (var open : runAs.as(email, reviews::toWrite)) {
            try {
                runAs.act(email, () -> reviews.write(open.ticketId(), stars, text, itemStars));
            } catch (UserInputException e) {
                log.info("Demo review of ticket {} by {} skipped: {}", open.ticketId(), email, e.messageKey());
            }
        }
    }
}

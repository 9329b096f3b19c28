package app.assets.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.listing.RentalTerms;
import app.assets.ticket.domain.Quote.RateKind;
import org.junit.jupiter.api.Test;

class QuoteTest {

    static RentalTerms terms(long daily, Long weekly, Long monthly, long deposit) {
        return new RentalTerms(1, 1, 365, 0, daily, weekly, monthly, deposit);
    }

    @Test
    void withOnlyADailyPriceTheQuoteIsDaysTimesDaily() {
        var q = Quote.of(3, terms(40_000, null, null, 0), 1_000);
        assertThat(q.days()).isEqualTo(3);
        assertThat(q.rateKind()).isEqualTo(RateKind.DAILY);
        assertThat(q.rate()).isEqualTo(40_000);
        assertThat(q.price()).isEqualTo(120_000);
        assertThat(q.fee()).as("10% of the price, from the lender's payout").isEqualTo(12_000);
        assertThat(q.total()).as("the borrower pays price + deposit").isEqualTo(120_000);
    }

    @Test
    void aWeekAndTwoDaysUseTheWeeklyRateForTheWeek() {
        var q = Quote.of(9, terms(100, 500L, null, 2_000), 0);
        assertThat(q.rateKind()).isEqualTo(RateKind.WEEKLY);
        assertThat(q.rate()).isEqualTo(500);
        assertThat(q.weeks()).isEqualTo(1);
        assertThat(q.singleDays()).isEqualTo(2);
        assertThat(q.price()).isEqualTo(700);
        assertThat(q.deposit()).isEqualTo(2_000);
        assertThat(q.total()).isEqualTo(2_700);
    }

    @Test
    void sixDaysNeverCostMoreThanAWeek() {
        var q = Quote.of(6, terms(100, 500L, null, 0), 0);
        assertThat(q.price()).as("one week (500) is cheaper than 6 x 100").isEqualTo(500);
        assertThat(q.rateKind()).isEqualTo(RateKind.WEEKLY);
        var dear = Quote.of(4, terms(100, 500L, null, 0), 0);
        assertThat(dear.price()).as("4 x 100 is cheaper than a week").isEqualTo(400);
        assertThat(dear.rateKind()).isEqualTo(RateKind.DAILY);
    }

    @Test
    void monthsWeeksAndDaysCombineToTheCheapestPrice() {
        var t = terms(100, 600L, 2_000L, 0);
        var q = Quote.of(39, t, 0);
        // 30 days at 2,000 + 7 days at 600 + 2 days at 100 = 2,800
        assertThat(q.months()).isEqualTo(1);
        assertThat(q.weeks()).isEqualTo(1);
        assertThat(q.singleDays()).isEqualTo(2);
        assertThat(q.price()).isEqualTo(2_800);
        assertThat(q.rateKind()).isEqualTo(RateKind.MONTHLY);
        assertThat(q.rate()).isEqualTo(2_000);
        for (int days = 1; days < 120; days++) {
            assertThat(Quote.of(days + 1, t, 0).price())
                    .as("a longer stay never costs less than a shorter one (%d days)", days)
                    .isGreaterThanOrEqualTo(Quote.of(days, t, 0).price());
        }
    }

    @Test
    void aMonthlyPriceDearerThanDailyIsIgnored() {
        var q = Quote.of(30, terms(10, null, 1_000L, 0), 0);
        assertThat(q.rateKind()).isEqualTo(RateKind.DAILY);
        assertThat(q.price()).isEqualTo(300);
    }

    @Test
    void noDaysIsNoQuote() {
        assertThatThrownBy(() -> Quote.of(0, terms(10, null, null, 0), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

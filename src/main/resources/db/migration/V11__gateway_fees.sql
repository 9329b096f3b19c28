-- Revenue means one thing with and without filters (docs/reports.md, "What is computed"):
--   daily_aggregates.fees        = PLATFORM_FEES credits of ticket payouts and dispute settlements
--                                  (ledger types TICKET_PAYOUT, TICKET_SETTLEMENT) during the day;
--   daily_ticket_aggregates.fees = the same entries, each attributed to the ticket whose escrow the
--                                  transaction emptied, so the categories add up to the whole;
--   daily_aggregates.gateway_fees = what the payment gateway kept on top-ups during the day: minus the
--                                  PLATFORM_FEES entries of TOP_UP transactions and of their reversals
--                                  (a refund gives the fee back). Before this, fees was the net of every
--                                  PLATFORM_FEES entry, gateway fees included.
alter table daily_aggregates add column gateway_fees bigint not null default 0;

comment on column daily_aggregates.fees is 'lending revenue: PLATFORM_FEES credits of TICKET_PAYOUT and TICKET_SETTLEMENT transactions during the day';
comment on column daily_aggregates.gateway_fees is 'gateway fees kept on top-ups during the day (minus PLATFORM_FEES entries of TOP_UP transactions and their reversals)';
comment on column daily_ticket_aggregates.fees is 'lending revenue of the group: fee entries of the payouts and settlements of its tickets during the day';

-- Rows written with the old definition are dropped rather than mixed with new ones: the startup
-- backfill computes the last assets.report.backfill-days again, older days are recomputed on demand.
delete from daily_aggregates;

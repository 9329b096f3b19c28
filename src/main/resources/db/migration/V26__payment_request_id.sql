-- The API's Idempotency-Key for a top-up: a repeated POST /api/v1/payments finds its first payment
-- instead of opening a second one at Zarinpal. Null for payments started from the UI.
alter table payments add column request_id uuid unique;

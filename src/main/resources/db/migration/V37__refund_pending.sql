-- Two-phase refunds (docs/payments.md): a refund first holds the amount on the payer's wallet and
-- marks the payment REFUND_PENDING, then asks Zarinpal outside any transaction, then captures or
-- releases the hold. The pending payment keeps the hold's id, the reason and when it was asked,
-- so reconciliation can finish a refund a crash or a timeout left half-way.
alter table payments drop constraint payments_status_check;
alter table payments add constraint payments_status_check check (status in ('CREATED', 'REDIRECTED', 'VERIFIED',
    'FAILED', 'CANCELLED', 'EXPIRED', 'REFUND_PENDING', 'REFUNDED'));
alter table payments drop constraint payments_check1;
alter table payments add constraint payments_credited_has_transaction
    check (status not in ('VERIFIED', 'REFUND_PENDING', 'REFUNDED') or ledger_transaction_id is not null);

alter table payments add column refund_hold_id bigint references ledger_holds (id);
alter table payments add column refund_reason varchar(500);
alter table payments add column refund_requested_at timestamptz;
alter table payments add constraint payments_pending_refund_has_hold
    check (status <> 'REFUND_PENDING' or (refund_hold_id is not null and refund_requested_at is not null));
create index payments_refund_pending on payments (refund_requested_at) where status = 'REFUND_PENDING';

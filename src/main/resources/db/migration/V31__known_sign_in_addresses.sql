-- Addresses each account signed in from with its password: the account's growing delays after many
-- failures from elsewhere (LoginThrottle) do not hold these back, so an attacker cannot keep the
-- owner out by failing on purpose.
create table known_sign_in_addresses (
    account      text        not null,
    address      text        not null,
    last_success timestamptz not null,
    primary key (account, address)
);

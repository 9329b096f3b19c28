-- Sessions end when rights end: every HTTP session remembers the epoch of its user at sign-in;
-- locking, a removed role, a changed permission of one of the user's roles, and a changed or reset
-- password raise the epoch, and a session whose epoch is behind is ended on its next request.
alter table users add column session_epoch bigint not null default 0;

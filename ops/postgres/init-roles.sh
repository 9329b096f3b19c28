#!/bin/sh
# The two database roles of Assets (docs/security.md, docs/operations/kubernetes.md): an owner that
# owns the schema and runs the Flyway migrations (SPRING_FLYWAY_USER), and the application's role
# that may only read and write rows (SPRING_DATASOURCE_USERNAME): no CREATE, ALTER or DROP, so a
# compromised node cannot change the schema or the ledger's tables; the migrations (V30) then take
# UPDATE, DELETE and TRUNCATE on the append-only tables away from it, and as neither owner nor
# superuser it cannot switch their triggers off (docs/security.md). Runs once as a
# /docker-entrypoint-initdb.d/ hook of the official postgres image (a fresh data folder), or by hand
# as a superuser: psql connection settings come from PG* variables, names and passwords from
#   ASSETS_DB_NAME (default assets), ASSETS_DB_OWNER (assets_owner), ASSETS_DB_OWNER_PASSWORD,
#   ASSETS_DB_APP_USER (assets_app), ASSETS_DB_APP_PASSWORD (both passwords required).
set -eu

db="${ASSETS_DB_NAME:-assets}"
owner="${ASSETS_DB_OWNER:-assets_owner}"
app="${ASSETS_DB_APP_USER:-assets_app}"
: "${ASSETS_DB_OWNER_PASSWORD:?set ASSETS_DB_OWNER_PASSWORD}"
: "${ASSETS_DB_APP_PASSWORD:?set ASSETS_DB_APP_PASSWORD}"

psql -v ON_ERROR_STOP=1 -q -d postgres \
    -v db="$db" -v owner="$owner" -v app="$app" \
    -v owner_password="$ASSETS_DB_OWNER_PASSWORD" -v app_password="$ASSETS_DB_APP_PASSWORD" <<'SQL'
create role :"owner" login password :'owner_password';
create role :"app" login password :'app_password';
select format('create database %I owner %I', :'db', :'owner')
 where not exists (select 1 from pg_database where datname = :'db') \gexec
alter database :"db" owner to :"owner";
SQL

psql -v ON_ERROR_STOP=1 -q -d "$db" -v db="$db" -v owner="$owner" -v app="$app" <<'SQL'
revoke all on database :"db" from public;
grant connect, temporary on database :"db" to :"app";
alter schema public owner to :"owner";
revoke create on schema public from public;
grant usage on schema public to :"app";
-- Tables and sequences the owner's migrations create: rows only, never the schema.
alter default privileges for role :"owner" in schema public
    grant select, insert, update, delete on tables to :"app";
alter default privileges for role :"owner" in schema public grant usage, select on sequences to :"app";
alter default privileges for role :"owner" in schema public grant execute on functions to :"app";
SQL

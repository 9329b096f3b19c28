package app.assets.base.infra;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The two database roles of Assets on a server we run ourselves (the embedded PostgreSQL of a local
 * run, the tests' databases), the same split as ops/postgres/init-roles.sh makes in production: an
 * owner that owns the schema and runs the Flyway migrations, and the application's role that only
 * reads and writes rows. The application's role is neither owner nor superuser, so it cannot alter
 * a table, disable its triggers or set {@code session_replication_role}; the migrations take UPDATE,
 * DELETE and TRUNCATE on the append-only tables away from it (V36).
 */
public final class DatabaseRoles {

    /** The owner of the schema in the embedded PostgreSQL: Flyway connects as this role. */
    public static final String EMBEDDED_OWNER = "assets_owner";

    /** The application's role in the embedded PostgreSQL. */
    public static final String EMBEDDED_APP = "assets_app";

    /** Append-only by design: V36 leaves nobody but the owner UPDATE, DELETE or TRUNCATE on these. */
    public static final List<String> APPEND_ONLY_TABLES = List.of(
            "audit_log",
            "ledger_transactions",
            "ledger_entries",
            "ledger_check_runs",
            "payment_events",
            "payment_reconciliation_runs",
            "payment_mismatches",
            "ticket_events");

    private DatabaseRoles() {}

    /**
     * Makes both roles (login, no password: for servers with trust authentication on loopback only)
     * and gives {@code owner} the public schema of the database {@code superuser} is connected to.
     * Safe to repeat. Tables made before the split (an embedded data folder of an older version)
     * are handed to the owner once, with rows granted to the application's role; the migrations
     * then take their privileges on the append-only tables away again.
     */
    public static void prepare(Connection superuser, String owner, String app) throws SQLException {
        try (var statement = superuser.createStatement()) {
            for (String role : new String[] {owner, app}) {
                // Two test JVMs may create the same role at once: the loser sees one of these two errors.
                statement.execute(String.format("""
                        do $$ begin
                            if not exists (select 1 from pg_roles where rolname = '%1$s') then
                                create role "%1$s" login nosuperuser nocreatedb nocreaterole;
                            end if;
                        exception when duplicate_object or unique_violation then null;
                        end $$""", plainName(role)));
            }
            statement.execute(String.format("""
                    do $$
                    declare
                        object record;
                    begin
                        if (select nspowner::regrole::text from pg_namespace where nspname = 'public') = '%1$s' then
                            return;
                        end if;
                        execute format('alter schema public owner to %%I', '%1$s');
                        execute format('grant create on database %%I to %%I', current_database(), '%1$s');
                        for object in
                            select c.oid::regclass as name from pg_class c
                            where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
                              and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
                        loop
                            execute format('alter table %%s owner to %%I', object.name, '%1$s');
                            execute format('grant select, insert, update, delete on %%s to %%I', object.name, '%2$s');
                        end loop;
                        for object in
                            select p.oid::regprocedure as name from pg_proc p
                            where p.pronamespace = 'public'::regnamespace
                              and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
                        loop
                            execute format('alter routine %%s owner to %%I', object.name, '%1$s');
                        end loop;
                        execute format('grant usage, select on all sequences in schema public to %%I', '%2$s');
                    end $$""", plainName(owner), plainName(app)));
            statement.execute("revoke create on schema public from public");
            statement.execute(String.format("grant usage on schema public to \"%s\"", plainName(app)));
            statement.execute(String.format(
                    "alter default privileges for role \"%s\" in schema public"
                            + " grant select, insert, update, delete on tables to \"%s\"",
                    plainName(owner), plainName(app)));
            statement.execute(String.format(
                    "alter default privileges for role \"%s\" in schema public grant usage, select on sequences to \"%s\"",
                    plainName(owner), plainName(app)));
        }
    }

    private static String plainName(String role) {
        if (!role.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain role name: " + role);
        }
        return role;
    }
}

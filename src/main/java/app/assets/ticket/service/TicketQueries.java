package app.assets.ticket.service;

import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.Ticket;
import app.assets.ticket.domain.TicketAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading tickets: one ticket, the lists of the signed-in user (or of all, for ticket.read.any), and a ticket's timeline. */
@Service
public class TicketQueries {

    /** Whose tickets a list shows. ALL needs ticket.read.any. */
    public enum Scope {
        MINE,
        AS_BORROWER,
        AS_LENDER,
        ALL
    }

    /** List filters; a null status means any. */
    public record Filter(Scope scope, TicketStatus status) {}

    /** One line of a ticket's timeline. */
    public record TimelineEntry(Instant at, String actor, String kind, String detail) {}

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final TicketRows rows;
    private final DepositService deposits;

    public TicketQueries(JdbcClient jdbc, CurrentUser currentUser, TicketRows rows, DepositService deposits) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.rows = rows;
        this.deposits = deposits;
    }

    /** A ticket if the signed-in user is one of its sides or reads any ticket (ticket.read.any). */
    @Transactional(readOnly = true)
    public Optional<Ticket> find(long ticketId) {
        long me = currentUser.require().id();
        boolean any = currentUser.has(Permissions.TICKET_READ_ANY);
        return rows.read(ticketId).filter(t -> t.isParty(me) || any);
    }

    /**
     * What the signed-in user may do to this ticket now: its own steps ({@link Ticket#actionsFor}),
     * then its deposit's ({@link app.assets.ticket.domain.Deposit#actionsFor}). The API lists these.
     */
    @Transactional(readOnly = true)
    public List<TicketAction> actions(Ticket t) {
        var side = t.sideOf(currentUser.require().id());
        var all = new ArrayList<>(t.actionsFor(side, currentUser.has(Permissions.DISPUTE_SETTLE)));
        deposits.find(t.id()).ifPresent(d -> all.addAll(d.actionsFor(side, currentUser.has(Permissions.CLAIM_DECIDE))));
        return List.copyOf(all);
    }

    @Transactional(readOnly = true)
    public List<Ticket> list(Filter filter, int offset, int limit) {
        var params = new ArrayList<Object>();
        String where = where(filter, params);
        params.add(limit);
        params.add(offset);
        return rows.named(
                jdbc.sql(TicketRows.SELECT + where + " order by t.created_at desc, t.id desc limit ? offset ?")
                        .params(params)
                        .query(TicketRows::map)
                        .list());
    }

    @Transactional(readOnly = true)
    public int count(Filter filter) {
        var params = new ArrayList<Object>();
        return jdbc.sql("select count(*) from tickets t" + where(filter, params))
                .params(params)
                .query(Integer.class)
                .single();
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(long ticketId) {
        return find(ticketId)
                .map(t -> jdbc.sql("select at, actor, kind, detail from ticket_events where ticket_id = ? order by id")
                        .param(t.id())
                        .query((rs, n) -> new TimelineEntry(
                                rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)))
                        .list())
                .orElse(List.of());
    }

    private String where(Filter filter, List<Object> params) {
        long me = currentUser.require().id();
        var sql = new StringBuilder(" where ");
        switch (filter.scope()) {
            case AS_BORROWER -> {
                sql.append("t.borrower_user_id = ?");
                params.add(me);
            }
            case AS_LENDER -> {
                sql.append("t.lender_user_id = ?");
                params.add(me);
            }
            case ALL -> {
                if (!currentUser.has(Permissions.TICKET_READ_ANY)) {
                    throw new org.springframework.security.access.AccessDeniedException("ticket.read.any");
                }
                sql.append("true");
            }
            case MINE -> {
                sql.append("(t.borrower_user_id = ? or t.lender_user_id = ?)");
                params.add(me);
                params.add(me);
            }
        }
        if (filter.status() != null) {
            sql.append(" and t.status = ?");
            params.add(filter.status().name());
        }
        return sql.toString();
    }
}

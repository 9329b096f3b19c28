package app.assets.ticket.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.files.FileKind;
import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.base.ui.component.MoneyField;
import app.assets.base.ui.component.Toasts;
import app.assets.base.ui.component.Uploads;
import app.assets.identity.CurrentUser;
import app.assets.ticket.TicketPayments;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.Ticket;
import app.assets.ticket.service.Bookings;
import app.assets.ticket.service.ConditionReportService;
import app.assets.ticket.service.DepositService;
import app.assets.ticket.service.TicketDisputes;
import app.assets.ticket.service.TicketEscrow;
import app.assets.ticket.service.TicketLifecycle;
import app.assets.ticket.service.TicketQueries;
import app.assets.ticket.service.TicketThread;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/**
 * One ticket: its terms and state, the actions the viewer's side may take now, the timeline, and
 * the thread between borrower and lender (SUPPORT joins once it is disputed). A ticket the viewer
 * may not read does not exist for them.
 */
@Route("tickets/:id(\\d+)")
@PageTitle("Assets")
@PermitAll
public class TicketDetailView extends VerticalLayout implements BeforeEnterObserver {

    /** The settlement choices SUPPORT picks from. */
    enum Settlement {
        LENDER,
        BORROWER,
        SPLIT
    }

    private final TicketQueries tickets;
    private final TicketLifecycle lifecycle;
    private final TicketDisputes disputes;
    private final TicketThread thread;
    private final TicketEscrow escrow;
    private final CurrentUser currentUser;
    private final Bookings bookings;
    private long ticketId;
    private byte[] pendingAttachment;

    private final DepositService deposits;
    private final ConditionReportService conditionReports;

    public TicketDetailView(
            TicketQueries tickets,
            TicketLifecycle lifecycle,
            TicketDisputes disputes,
            TicketThread thread,
            TicketEscrow escrow,
            CurrentUser currentUser,
            Bookings bookings,
            DepositService deposits,
            ConditionReportService conditionReports) {
        this.tickets = tickets;
        this.lifecycle = lifecycle;
        this.disputes = disputes;
        this.thread = thread;
        this.escrow = escrow;
        this.bookings = bookings;
        this.deposits = deposits;
        this.conditionReports = conditionReports;
        this.currentUser = currentUser;
        addClassName("page");
        setMaxWidth("60rem");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ticketId = event.getRouteParameters().getLong("id").orElse(-1L);
        if (tickets.find(ticketId).isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        refresh();
    }

    private void refresh() {
        removeAll();
        pendingAttachment = null;
        var found = tickets.find(ticketId);
        if (found.isEmpty()) {
            add(new Paragraph(getTranslation("ticket.notFound")));
            return;
        }
        var t = found.get();
        long me = currentUser.require().id();
        var locale = getLocale();
        var title = new H2(getTranslation("ticket.number", t.id()) + " · " + t.listingTitle());
        title.setId("ticket-title");
        var header = new HorizontalLayout(title, TicketBadges.status(this, t));
        header.setAlignItems(Alignment.BASELINE);
        header.setWrap(true);
        var listing = new Anchor("listings/" + t.listingId(), getTranslation("ticket.openListing"));
        var facts = new Div();
        facts.setId("ticket-facts");
        facts.add(fact(getTranslation("ticket.lenderIs", t.lenderName())));
        facts.add(fact(getTranslation("ticket.borrowerIs", t.borrowerName())));
        facts.add(fact(
                getTranslation("ticket.terms", Formats.number(t.days(), locale), Formats.money(t.price(), locale))));
        facts.add(new BookingFacts(bookings, t, me));
        if (t.dueAt() != null && (t.status() == TicketStatus.ACTIVE || t.status() == TicketStatus.DISPUTED)) {
            facts.add(fact(getTranslation("ticket.dueAt", Formats.dateTime(t.dueAt(), locale))));
        }
        if (t.cancelReason() != null) {
            facts.add(fact(getTranslation("ticket.cancelReason." + t.cancelReason())));
        }
        if (t.disputeReason() != null) {
            facts.add(fact(getTranslation("ticket.disputeWas", t.disputeReason())));
        }
        if (t.lenderPayout() != null) {
            var outcome = fact(getTranslation(
                    "ticket.outcome",
                    Formats.money(t.lenderPayout(), locale),
                    Formats.money(t.platformFee(), locale),
                    Formats.money(t.borrowerRefund() == null ? 0 : t.borrowerRefund(), locale)));
            outcome.setId("ticket-outcome");
            facts.add(outcome);
        }
        if (t.settlementNote() != null) {
            facts.add(fact(getTranslation("ticket.settlementWas", t.settlementNote())));
        }
        add(header, listing, facts, actions(t, me));
        add(new DepositPanel(t, deposits, conditionReports, currentUser, this::refresh));
        add(new ConditionReportPanel(t, conditionReports, currentUser, this::refresh));
        if (t.isParty(me)) {
            add(reviewLinks(t, me));
        }
        add(new H3(getTranslation("ticket.timeline")), timeline());
        add(new H3(getTranslation("ticket.thread")), thread(t));
    }

    private Span fact(String text) {
        var span = new Span(text);
        span.getStyle().set("display", "block");
        return span;
    }

    // ---- actions -------------------------------------------------------------------------------

    /**
     * The other side's public profile and, once completed, the way to review them. Both pages are the
     * review module's routes (people/{id}, tickets/{id}/review), linked by address so the ticket
     * module does not depend on it.
     */
    private HorizontalLayout reviewLinks(Ticket t, long me) {
        long other = t.sideOf(me) == Ticket.Side.BORROWER ? t.lenderUserId() : t.borrowerUserId();
        String otherName = t.sideOf(me) == Ticket.Side.BORROWER ? t.lenderName() : t.borrowerName();
        var links = new HorizontalLayout();
        links.setId("ticket-review-links");
        var profile = new Anchor("people/" + other, getTranslation("ticket.otherProfile", otherName));
        profile.setId("ticket-other-profile");
        links.add(profile);
        if (t.status() == TicketStatus.COMPLETED) {
            var review = new Anchor("tickets/" + t.id() + "/review", getTranslation("ticket.review", otherName));
            review.setId("ticket-review");
            links.add(review);
        }
        return links;
    }

    /** One control per action the domain allows this viewer now ({@link Ticket#actionsFor}); the view decides nothing. */
    private Div actions(Ticket t, long me) {
        var bar = new Div();
        bar.setId("ticket-actions");
        bar.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-s)");
        var side = t.sideOf(me);
        if (t.status() == TicketStatus.ACCEPTED && side == Ticket.Side.LENDER) {
            var note = new Paragraph(getTranslation("ticket.awaitingPayment", Formats.money(t.price(), getLocale())));
            note.setId("payment-note");
            bar.add(note);
        }
        for (var action : t.actionsFor(side, currentUser.has(Permissions.DISPUTE_SETTLE))) {
            switch (action) {
                case ACCEPT -> bar.add(button("accept-ticket", "ticket.accept", true, () -> lifecycle.accept(t.id())));
                case DECLINE ->
                    bar.add(button("decline-ticket", "ticket.decline", false, () -> lifecycle.decline(t.id())));
                case WITHDRAW ->
                    bar.add(button("withdraw-ticket", "ticket.withdraw", false, () -> lifecycle.withdraw(t.id())));
                case PAY -> payment(bar, t);
                case COMPLETE ->
                    bar.add(button(
                            "confirm-return", "ticket.confirmReturn", true, () -> lifecycle.confirmReturn(t.id())));
                case DISPUTE -> {
                    var dispute = new Button(
                            getTranslation("ticket.openDispute"), VaadinIcon.WARNING.create(), e -> openDispute(t));
                    dispute.setId("open-dispute");
                    dispute.addThemeVariants(ButtonVariant.LUMO_ERROR);
                    bar.add(dispute);
                }
                case SETTLE -> {
                    var settle = new Button(
                            getTranslation("ticket.settle"), VaadinIcon.SCALE.create(), e -> openSettlement(t));
                    settle.setId("settle-dispute");
                    settle.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                    bar.add(settle);
                }
                default -> {
                    // the deposit's steps are the DepositPanel's
                }
            }
        }
        return bar;
    }

    /** What the borrower needs to pay: the shortfall if any, the pay button and the way to top up. */
    private void payment(Div bar, Ticket t) {
        long shortBy = escrow.shortfall(t);
        var note = new Paragraph(
                shortBy > 0
                        ? getTranslation("ticket.shortBy", Formats.money(shortBy, getLocale()))
                        : getTranslation("ticket.readyToPay", Formats.money(t.price(), getLocale())));
        note.setId("payment-note");
        note.setWidthFull();
        bar.add(note);
        var pay = new Button(getTranslation("ticket.pay"), VaadinIcon.WALLET.create(), e -> pay(t.id()));
        pay.setId("pay-ticket");
        pay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        pay.setDisableOnClick(true);
        var topUp = new Anchor(
                "/wallet/top-up?ticket=" + t.id() + (shortBy > 0 ? "&amount=" + shortBy : ""),
                getTranslation("ticket.topUp"));
        topUp.setId("top-up-link");
        topUp.getStyle().set("align-self", "center");
        bar.add(pay, topUp);
    }

    private Button button(String id, String label, boolean primary, Runnable action) {
        var button = new Button(getTranslation(label), e -> run(action));
        button.setId(id);
        // A second click while the first is on its way is ignored; the service is idempotent anyway.
        button.setDisableOnClick(true);
        if (primary) {
            button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        }
        return button;
    }

    private void pay(long id) {
        try {
            var outcome = lifecycle.pay(id);
            if (outcome == TicketPayments.Outcome.INSUFFICIENT_FUNDS) {
                Toasts.error(getTranslation("ticket.payShort"));
            } else {
                Toasts.success(getTranslation("ticket.paid"));
            }
        } catch (UserInputException ex) {
            Toasts.error(getTranslation(ex.messageKey(), ex.arguments()));
        }
        refresh();
    }

    private boolean run(Runnable action) {
        try {
            action.run();
            refresh();
            return true;
        } catch (UserInputException ex) {
            Toasts.error(getTranslation(ex.messageKey(), ex.arguments()));
            refresh();
            return false;
        }
    }

    private void openDispute(Ticket t) {
        var dialog = new Dialog(getTranslation("ticket.openDispute"));
        var reason = new TextArea(getTranslation("ticket.disputeReason"));
        reason.setId("dispute-reason");
        reason.setMaxLength(Ticket.REASON_MAX);
        reason.setWidthFull();
        var confirm = new Button(getTranslation("ticket.openDispute"), e -> {
            if (run(() -> disputes.openDispute(t.id(), reason.getValue()))) {
                dialog.close();
            }
        });
        confirm.setId("confirm-dispute");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        dialog.add(reason);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), confirm);
        dialog.setWidth("min(32rem, 95vw)");
        dialog.open();
    }

    private void openSettlement(Ticket t) {
        var dialog = new Dialog(getTranslation("ticket.settle"));
        var choice = new RadioButtonGroup<Settlement>(getTranslation("ticket.settleTo"));
        choice.setId("settlement-choice");
        choice.setItems(Settlement.values());
        choice.setItemLabelGenerator(s -> getTranslation("ticket.settle." + s));
        choice.setValue(Settlement.LENDER);
        var share = new MoneyField(getTranslation("ticket.lenderShare"));
        share.setId("lender-share");
        share.setHelperText(getTranslation("ticket.lenderShareHelp", Formats.money(t.price(), getLocale())));
        share.setEnabled(false);
        choice.addValueChangeListener(e -> share.setEnabled(e.getValue() == Settlement.SPLIT));
        var note = new TextArea(getTranslation("ticket.settlementNote"));
        note.setId("settlement-note");
        note.setMaxLength(Ticket.REASON_MAX);
        note.setWidthFull();
        var confirm = new Button(getTranslation("ticket.settle"), e -> {
            Long lenderShare = switch (choice.getValue()) {
                case LENDER -> t.price();
                case BORROWER -> 0L;
                case SPLIT -> share.amount();
            };
            if (run(() -> disputes.settle(t.id(), lenderShare, note.getValue()))) {
                dialog.close();
            }
        });
        confirm.setId("confirm-settlement");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(choice, share, note));
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), confirm);
        dialog.setWidth("min(32rem, 95vw)");
        dialog.open();
    }

    // ---- timeline and thread -------------------------------------------------------------------

    private Div timeline() {
        var list = new Div();
        list.setId("ticket-timeline");
        for (var entry : tickets.timeline(ticketId)) {
            var when = new Span(Formats.dateTime(entry.at(), getLocale()));
            when.addClassName("muted");
            var what = new Span(getTranslation("ticket.event." + entry.kind()));
            what.getStyle().set("font-weight", "600");
            var who = new Span(entry.actor() == null ? "" : entry.actor());
            who.addClassName("muted");
            var row = new Div(when, what, who);
            row.addClassName("timeline-entry");
            row.getStyle()
                    .set("display", "flex")
                    .set("flex-wrap", "wrap")
                    .set("gap", "var(--lumo-space-s)")
                    .set("padding", "var(--lumo-space-xs) 0")
                    .set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
            list.add(row);
        }
        return list;
    }

    private Div thread(Ticket t) {
        var area = new Div();
        area.setId("ticket-thread");
        area.setWidthFull();
        if (!thread.canReadThread(t)) {
            area.add(new Paragraph(getTranslation("ticket.threadPrivate")));
            return area;
        }
        var comments = thread.comments(t.id());
        if (comments.isEmpty()) {
            area.add(new Paragraph(getTranslation("ticket.noComments")));
        }
        for (var c : comments) {
            var author = new Span(c.authorName());
            author.getStyle().set("font-weight", "600");
            var when = new Span(Formats.dateTime(c.createdAt(), getLocale()));
            when.addClassName("muted");
            var head = new Div(author, when);
            head.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-s)");
            var body = new Paragraph(c.body());
            body.getStyle().set("white-space", "pre-wrap").set("margin", "var(--lumo-space-xs) 0");
            var bubble = new Div(head, body);
            bubble.addClassName("ticket-comment");
            bubble.getStyle()
                    .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                    .set("border-radius", "var(--lumo-border-radius-l)")
                    .set("margin-bottom", "var(--lumo-space-s)")
                    .set(
                            "background",
                            c.authorUserId() == currentUser.require().id()
                                    ? "var(--lumo-primary-color-10pct)"
                                    : "var(--lumo-contrast-5pct)");
            if (c.attachmentId() != null) {
                var kind = FileKind.ofContentType(c.attachmentType()).orElse(FileKind.PDF);
                var link = new Anchor(
                        "/ticket-attachments/" + c.attachmentId(),
                        getTranslation("ticket.attachmentLink", c.attachmentId() + "." + kind.extension()));
                link.setTarget("_blank");
                link.setRouterIgnore(true);
                link.getElement().setAttribute("rel", "noopener");
                bubble.add(new Div(VaadinIcon.PAPERCLIP.create(), link));
            }
            area.add(bubble);
        }
        if (thread.canWriteThread(t)) {
            area.add(commentForm(t));
        }
        return area;
    }

    private VerticalLayout commentForm(Ticket t) {
        var body = new TextArea(getTranslation("ticket.commentBody"));
        body.setId("comment-body");
        body.setMaxLength(Ticket.COMMENT_MAX);
        body.setWidthFull();
        var upload = new Upload(Uploads.inMemory(
                Ticket.ATTACHMENT_BYTES_MAX,
                (metadata, bytes) -> getUI().ifPresent(ui -> ui.access(() -> {
                    // Only the bytes are kept; the browser's file name and type are ignored.
                    pendingAttachment = bytes;
                }))));
        Uploads.translated(upload);
        upload.setId("comment-attachment");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(Ticket.ATTACHMENT_BYTES_MAX);
        upload.setAcceptedFileTypes(
                "image/png", "image/jpeg", "image/webp", "application/pdf", ".png", ".jpg", ".jpeg", ".webp", ".pdf");
        var help = new Span(getTranslation("ticket.attachmentHelp", Ticket.ATTACHMENT_BYTES_MAX / (1024 * 1024)));
        help.addClassName("muted");
        var send = new Button(getTranslation("ticket.send"), VaadinIcon.PAPERPLANE.create(), e -> {
            byte[] file = pendingAttachment;
            run(() -> thread.comment(t.id(), body.getValue(), file));
        });
        send.setId("send-comment");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new VerticalLayout(body, upload, help, send);
        form.setPadding(false);
        return form;
    }
}

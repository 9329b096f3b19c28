package app.assets.notification.service;

import app.assets.audit.AuditLog;
import app.assets.base.UserText;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.identity.IdentityProperties;
import app.assets.notification.domain.Channel;
import app.assets.notification.domain.NotificationEvent;
import app.assets.notification.domain.SecretLinks;
import app.assets.notification.domain.TemplateText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** ADMIN edits the template of each event, channel and language; texts naming unknown variables are refused. */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasAuthority('" + Permissions.NOTIFICATION_MANAGE + "')")
public class TemplateService {

    /** One template. */
    public record Template(NotificationEvent event, Channel channel, String language, String subject, String body) {}

    /** A rendered preview. */
    public record Preview(String subject, String body) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final CurrentUser currentUser;

    private final IdentityProperties identity;
    private final TemplateCache cache;

    public TemplateService(
            JdbcClient jdbc,
            AuditLog audit,
            CurrentUser currentUser,
            IdentityProperties identity,
            TemplateCache cache) {
        this.identity = identity;
        this.cache = cache;
        this.jdbc = jdbc;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    public List<Template> list() {
        return jdbc
                .sql(
                        "select event, channel, language, subject, body from notification_templates order by event, channel, language")
                .query((rs, n) -> new Template(
                        NotificationEvent.valueOf(rs.getString(1)),
                        Channel.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparing((Template t) -> t.event().ordinal())
                        .thenComparing(Template::channel)
                        .thenComparing(Template::language))
                .toList();
    }

    @Transactional
    public void save(NotificationEvent event, Channel channel, String language, String subject, String body) {
        TemplateText.check(event, channel, subject, body, identity.baseUrl());
        jdbc.sql("""
                        insert into notification_templates (event, channel, language, subject, body, updated_by) values (?, ?, ?, ?, ?, ?)
                        on conflict (event, channel, language) do update
                        set subject = excluded.subject, body = excluded.body, updated_at = now(), updated_by = excluded.updated_by""")
                .params(
                        event.name(),
                        channel.name(),
                        language,
                        UserText.line(subject),
                        UserText.lines(body),
                        currentUser.email().orElse(null))
                .update();
        audit.success("notification.template", "notification_template", null, event + "/" + channel + "/" + language);
        cache.dropAfterCommit();
    }

    /** The text with sample values for its variables (the same check as saving, so the preview shows what would be refused). */
    public Preview preview(NotificationEvent event, Channel channel, String subject, String body) {
        TemplateText.check(event, channel, subject, body, identity.baseUrl());
        var samples = samples(event, identity.baseUrl());
        return new Preview(TemplateText.render(subject, samples), TemplateText.render(body, samples));
    }

    static Map<String, String> samples(NotificationEvent event, String baseUrl) {
        var values = new LinkedHashMap<String, String>();
        for (String v : event.variables()) {
            values.put(
                    v,
                    switch (v) {
                        case "name" -> "Sara Ahmadi";
                        case "link" -> baseUrl + "/verify-email?token=" + SecretLinks.MASK;
                        case "minutes" -> "30";
                        case "amount" -> "1,250,000 IRR";
                        case "days" -> "5";
                        case "date" -> "1405-09-04";
                        case "time" -> "2026-11-25 14:05";
                        default -> "<" + v + ">";
                    });
        }
        return values;
    }
}

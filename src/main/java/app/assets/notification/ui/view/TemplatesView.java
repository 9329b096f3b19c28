package app.assets.notification.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.base.ui.component.Toasts;
import app.assets.notification.domain.TemplateText;
import app.assets.notification.service.TemplateService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** ADMIN edits notification templates with a live preview; a text naming an unknown variable cannot be saved. */
@Route("admin/notification-templates")
@PageTitle("Assets")
@Menu(order = 72, icon = "vaadin:file-text-o", title = "nav.templates")
@RolesAllowed(Permissions.NOTIFICATION_MANAGE)
public class TemplatesView extends VerticalLayout {

    final Grid<TemplateService.Template> grid = new Grid<>();
    final TextField subject = new TextField();
    final TextArea body = new TextArea();
    final Paragraph variables = new Paragraph();
    final Pre preview = new Pre();
    final Paragraph problem = new Paragraph();
    final Button save = new Button();
    final Div form = new Div();
    private final TemplateService templates;
    private TemplateService.Template selected;

    public TemplatesView(TemplateService templates) {
        this.templates = templates;
        addClassName("page");
        setSizeFull();
        grid.setId("templates-grid");
        grid.addColumn(t -> getTranslation("event." + t.event().name()))
                .setHeader(getTranslation("template.event"))
                .setAutoWidth(true);
        grid.addColumn(t -> getTranslation("channel." + t.channel().name()))
                .setHeader(getTranslation("notifications.channel"))
                .setAutoWidth(true);
        grid.addColumn(TemplateService.Template::language)
                .setHeader(getTranslation("template.language"))
                .setAutoWidth(true);
        grid.addColumn(t -> t.channel().name().equals("EMAIL") ? t.subject() : t.body())
                .setHeader(getTranslation("template.text"))
                .setFlexGrow(1);
        grid.setItems(templates.list());
        grid.asSingleSelect().addValueChangeListener(e -> select(e.getValue()));
        grid.setHeight("16rem");

        subject.setLabel(getTranslation("template.subject"));
        subject.setMaxLength(TemplateText.SUBJECT_MAX);
        subject.setWidthFull();
        body.setLabel(getTranslation("template.body"));
        body.setMaxLength(TemplateText.BODY_MAX);
        body.setWidthFull();
        body.setMinHeight("10rem");
        subject.setValueChangeMode(ValueChangeMode.LAZY);
        body.setValueChangeMode(ValueChangeMode.LAZY);
        subject.addValueChangeListener(e -> showPreview());
        body.addValueChangeListener(e -> showPreview());
        preview.getStyle()
                .set("white-space", "pre-wrap")
                .set("background", "var(--lumo-contrast-5pct)")
                .set("padding", "var(--lumo-space-s)")
                .set("margin", "0");
        preview.setId("template-preview");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        problem.setId("template-problem");
        save.setText(getTranslation("template.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        var editor = new VerticalLayout(variables, subject, body, problem, save);
        editor.setPadding(false);
        var previewBox = new VerticalLayout(new H4(getTranslation("template.preview")), preview);
        previewBox.setPadding(false);
        var both = new HorizontalLayout(editor, previewBox);
        both.setWidthFull();
        both.setFlexGrow(1, editor, previewBox);
        both.getStyle().set("flex-wrap", "wrap");
        form.add(both);
        form.setWidthFull();
        form.setVisible(false);
        form.setId("template-form");
        add(new H2(getTranslation("nav.templates")), grid, form);
    }

    void select(TemplateService.Template template) {
        selected = template;
        form.setVisible(template != null);
        if (template == null) {
            return;
        }
        variables.setText(getTranslation(
                "template.variables",
                String.join(
                        ", ",
                        template.event().variables().stream()
                                .map(v -> "{" + v + "}")
                                .toList())));
        subject.setVisible(template.channel().name().equals("EMAIL"));
        subject.setValue(template.subject());
        body.setValue(template.body());
        showPreview();
    }

    void showPreview() {
        if (selected == null) {
            return;
        }
        try {
            var p = templates.preview(selected.event(), selected.channel(), subject.getValue(), body.getValue());
            preview.setText((p.subject().isEmpty() ? "" : p.subject() + "\n\n") + p.body());
            problem.setText("");
            save.setEnabled(true);
        } catch (UserInputException e) {
            problem.setText(getTranslation(e.messageKey(), e.arguments()));
            save.setEnabled(false);
        }
    }

    void save() {
        try {
            templates.save(
                    selected.event(), selected.channel(), selected.language(), subject.getValue(), body.getValue());
            Toasts.success(getTranslation("template.saved"));
            grid.setItems(templates.list());
        } catch (UserInputException e) {
            problem.setText(getTranslation(e.messageKey(), e.arguments()));
        }
    }
}

package app.assets.base.ui.component;

import app.assets.base.error.UserInputException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;

/**
 * "Reject, and say why": a dialog with a reason field and a confirm button. The action gets the
 * reason; when it refuses with a {@link UserInputException} the message shows on the field and the
 * dialog stays open, otherwise the dialog closes and {@code afterwards} runs (refresh a queue).
 */
public class ReasonDialog extends Dialog {

    final TextArea reason = new TextArea();
    final Button confirm = new Button();

    /**
     * @param subject   what is being rejected, shown in the title
     * @param maxLength the longest reason the action accepts (a constant of its domain type)
     * @param idPrefix  ids for tests and browsers: {@code <idPrefix>-reason}, {@code <idPrefix>-confirm}
     */
    public ReasonDialog(String subject, int maxLength, String idPrefix, Consumer<String> action, Runnable afterwards) {
        setHeaderTitle(getTranslation("common.reject") + " · " + subject);
        setWidth("min(26rem, 95vw)");
        reason.setLabel(getTranslation("common.reason"));
        reason.setId(idPrefix + "-reason");
        reason.setMaxLength(maxLength);
        reason.setWidthFull();
        confirm.setText(getTranslation("common.reject"));
        confirm.setId(idPrefix + "-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        confirm.addClickListener(e -> {
            try {
                action.accept(reason.getValue());
                close();
                afterwards.run();
            } catch (UserInputException ex) {
                reason.setErrorMessage(getTranslation(ex.messageKey(), ex.arguments()));
                reason.setInvalid(true);
            }
        });
        add(reason);
        getFooter().add(new Button(getTranslation("common.cancel"), e -> close()), confirm);
    }
}

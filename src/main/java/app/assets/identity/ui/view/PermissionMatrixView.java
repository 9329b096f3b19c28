package app.assets.identity.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.base.security.Roles;
import app.assets.base.ui.component.Toasts;
import app.assets.identity.service.PermissionMatrix;
import app.assets.identity.service.PermissionMatrix.PermissionInfo;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.Set;

/** The role x permission matrix; each change is saved at once and audited. */
@Route("admin/permissions")
@PageTitle("Assets")
@Menu(order = 51, icon = "vaadin:key", title = "nav.permissions")
@RolesAllowed(Permissions.ROLE_MANAGE)
public class PermissionMatrixView extends VerticalLayout {

    final Grid<PermissionInfo> grid = new Grid<>();

    public PermissionMatrixView(PermissionMatrix matrix) {
        addClassName("page");
        setSizeFull();
        Map<String, Set<String>> grants = matrix.grants();
        grid.setId("permission-matrix");
        grid.addColumn(PermissionInfo::code)
                .setHeader(getTranslation("matrix.permission"))
                .setAutoWidth(true)
                .setFrozen(true);
        for (String role : Roles.ALL) {
            grid.addComponentColumn(p -> {
                        var box = new Checkbox(grants.get(role).contains(p.code()));
                        box.setId("grant-" + role + "-" + p.code().replace('.', '-'));
                        box.setAriaLabel(role + " " + p.code());
                        box.addValueChangeListener(e -> {
                            if (!e.isFromClient()) {
                                return;
                            }
                            try {
                                matrix.set(role, p.code(), e.getValue());
                                if (e.getValue()) {
                                    grants.get(role).add(p.code());
                                } else {
                                    grants.get(role).remove(p.code());
                                }
                                Toasts.success(getTranslation("matrix.saved"));
                            } catch (UserInputException ex) {
                                box.setValue(e.getOldValue());
                                throw ex;
                            }
                        });
                        return box;
                    })
                    .setHeader(role)
                    .setAutoWidth(true);
        }
        grid.addColumn(PermissionInfo::description)
                .setHeader(getTranslation("matrix.description"))
                .setFlexGrow(1);
        grid.setItems(matrix.permissions());
        add(new H2(getTranslation("nav.permissions")), new Paragraph(getTranslation("matrix.intro")), grid);
        setFlexGrow(1, grid);
    }
}

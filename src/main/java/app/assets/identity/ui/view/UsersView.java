package app.assets.identity.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.base.security.Roles;
import app.assets.identity.CurrentUser;
import app.assets.identity.service.UserAdminService;
import app.assets.identity.service.UserAdminService.UserRow;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashSet;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** Staff view of users: search, lazy grid, lock/unlock and roles (changes need user.manage). */
@Route("admin/users")
@PageTitle("Assets")
@Menu(order = 50, icon = "vaadin:users", title = "nav.users")
@RolesAllowed({Permissions.USER_MANAGE, Permissions.USER_READ})
public class UsersView extends VerticalLayout {

    final TextField search = new TextField();
    final Grid<UserRow> grid = new Grid<>();

    public UsersView(UserAdminService service, CurrentUser currentUser) {
        addClassName("page");
        setSizeFull();
        boolean canManage = currentUser.has(Permissions.USER_MANAGE);
        search.setPlaceholder(getTranslation("users.search"));
        search.setId("user-search");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setWidth("20rem");
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        grid.setId("users-grid");
        grid.addColumn(UserRow::email).setHeader(getTranslation("users.email")).setAutoWidth(true);
        grid.addColumn(UserRow::displayName)
                .setHeader(getTranslation("users.name"))
                .setAutoWidth(true);
        grid.addColumn(u -> String.join(", ", u.roles().stream().sorted().toList()))
                .setHeader(getTranslation("users.roles"));
        grid.addColumn(u -> getTranslation(
                        u.locked() ? "users.locked" : u.emailVerified() ? "users.active" : "users.unverified"))
                .setHeader(getTranslation("users.status"));
        grid.addColumn(u -> Formats.date(u.createdAt(), getLocale())).setHeader(getTranslation("users.created"));
        if (canManage) {
            grid.addComponentColumn(u -> {
                        var lock = new Button(getTranslation(u.locked() ? "users.unlock" : "users.lock"), e -> {
                            service.setLocked(u.id(), !u.locked());
                            grid.getDataProvider().refreshAll();
                        });
                        lock.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                        var roles = new Button(getTranslation("users.editRoles"), e -> editRoles(service, u));
                        roles.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                        return new HorizontalLayout(lock, roles);
                    })
                    .setAutoWidth(true);
        }
        grid.setItems(
                query -> service
                        .search(
                                search.getValue(),
                                PageRequest.of(query.getPage(), query.getPageSize(), Sort.by("email")))
                        .stream(),
                query -> (int) service.count(search.getValue()));
        add(new H2(getTranslation("nav.users")), search, grid);
        setFlexGrow(1, grid);
    }

    private void editRoles(UserAdminService service, UserRow user) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(user.email());
        var roles = new CheckboxGroup<String>(getTranslation("users.roles"));
        roles.setItems(Roles.ALL);
        roles.setValue(new HashSet<>(user.roles()));
        roles.setItemEnabledProvider(r -> !Roles.USER.equals(r));
        var save = new Button(getTranslation("profile.save"), e -> {
            for (String role : Roles.ALL) {
                boolean wanted = roles.getValue().contains(role);
                if (wanted && !user.roles().contains(role)) {
                    service.grantRole(user.id(), role);
                } else if (!wanted && user.roles().contains(role)) {
                    service.revokeRole(user.id(), role);
                }
            }
            dialog.close();
            grid.getDataProvider().refreshAll();
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(roles);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), save);
        dialog.open();
    }
}

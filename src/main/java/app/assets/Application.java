package app.assets;

import app.assets.base.infra.EmbeddedServicesEarlyStart;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cache.annotation.EnableCaching;

/** Entry point of Assets: one Spring Boot application serving the Vaadin UI. */
// Spring Modulith's Moments (time-passed events, unused here) switches scheduling on in every node, web-only ones
// included; base.infra.SchedulingConfiguration decides that instead.
@SpringBootApplication(excludeName = "org.springframework.modulith.moments.autoconfigure.MomentsAutoConfiguration")
@ConfigurationPropertiesScan
@EnableCaching
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles.css")
public class Application implements AppShellConfigurator {

    public static void main(String[] args) {
        var application = new SpringApplication(Application.class);
        // A local run starts its embedded PostgreSQL and broker beside the context's start-up (issue 11).
        application.addListeners(new EmbeddedServicesEarlyStart());
        application.run(args);
    }
}

package org.factdesk.identity;

import java.util.EnumSet;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** On first start creates the administrator from {@code FACTDESK_ADMIN_PASSWORD} and, if enabled, the demo users. */
@ApplicationScoped
public class Bootstrap {

    /** Password of every demo user. */
    public static final String DEMO_PASSWORD = "factdesk-demo";
    private static final Logger LOG = Logger.getLogger(Bootstrap.class);

    @Inject
    UserService users;
    @Inject
    BootstrapConfig bootstrap;
    @Inject
    DemoConfig demo;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (users.anyUsers()) {
            return;
        }
        bootstrap.password().filter(p -> !p.isBlank()).ifPresent(password -> {
            users.create("admin", "Administrator", password, EnumSet.of(Role.ADMIN), "system");
            LOG.info("Created administrator 'admin' from FACTDESK_ADMIN_PASSWORD");
        });
        if (demo.data()) {
            demoUser("contributor", "Casey Contributor", Set.of(Role.CONTRIBUTOR));
            demoUser("checker", "Fran Checker", Set.of(Role.FACT_CHECKER));
            demoUser("checker2", "Sam Second-Checker", Set.of(Role.FACT_CHECKER));
            demoUser("editor", "Eddie Editor", Set.of(Role.EDITOR, Role.FACT_CHECKER));
            demoUser("editor2", "Erin Editor", Set.of(Role.EDITOR, Role.FACT_CHECKER));
            if (bootstrap.password().filter(p -> !p.isBlank()).isEmpty()) {
                demoUser("admin", "Ada Admin", Set.of(Role.ADMIN));
            }
            demoUser("auditor", "Audrey Auditor", Set.of(Role.AUDITOR));
            LOG.infof("Created demo users (password '%s')", DEMO_PASSWORD);
        }
    }

    private void demoUser(String username, String displayName, Set<Role> roles) {
        users.create(username, displayName, DEMO_PASSWORD, roles, "system");
    }
}

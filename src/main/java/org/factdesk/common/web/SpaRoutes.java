package org.factdesk.common.web;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Serves the web client's index.html for its History-API routes (e.g. /claims/42) so they load on refresh. */
@ApplicationScoped
public class SpaRoutes {

    /** Paths the client never owns: the API, Quarkus' own endpoints, and anything that looks like a file. */
    private static final Pattern NOT_CLIENT = Pattern.compile("^/(api|q)(/.*)?$|.*\\.[A-Za-z0-9]+$");

    void install(@Observes Router router) {
        router.get("/*").order(Integer.MIN_VALUE + 100).handler(SpaRoutes::route);
    }

    static void route(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path == null || "/".equals(path) || NOT_CLIENT.matcher(path).matches()) {
            rc.next();
        } else {
            rc.reroute("/");
        }
    }
}

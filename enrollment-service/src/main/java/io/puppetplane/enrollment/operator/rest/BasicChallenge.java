package io.puppetplane.enrollment.operator.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * With form login enabled, Quarkus runs HTTP Basic "silently" and answers an anonymous API call with a bare 401.
 * API clients are told how to authenticate: every 401 under /api/ carries a Basic challenge.
 */
@ApplicationScoped
public class BasicChallenge {

    static final String HEADER = "WWW-Authenticate";
    static final String CHALLENGE = "Basic realm=\"puppetplane\", charset=\"UTF-8\"";

    void addToApiAnswers(@Observes Router router) {
        // before Quarkus' authentication handlers, so the end handler sees their 401 too
        router.route("/api/*").order(Integer.MIN_VALUE).handler(rc -> {
            rc.addHeadersEndHandler(v -> {
                if (rc.response().getStatusCode() == 401 && !rc.response().headers().contains(HEADER)) {
                    rc.response().putHeader(HEADER, CHALLENGE);
                }
            });
            rc.next();
        });
    }
}

package io.puppetplane.enrollment.operator.rest;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.Template;

/**
 * The login page of Quarkus' form authentication (it posts to {@code /j_security_check}) and logout, which drops
 * the session cookie.
 */
@Path("/")
@PermitAll
public class LoginResource {

    private final Template login;
    private final String sessionCookie;

    LoginResource(Template login,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
            String sessionCookie) {
        this.login = login;
        this.sessionCookie = sessionCookie;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("error") String error) {
        Response.Status status = error == null ? Response.Status.OK : Response.Status.UNAUTHORIZED;
        return Response.status(status).type(MediaType.TEXT_HTML)
                .entity(login.data("failed", error != null).render()).build();
    }

    @POST
    @Path("logout")
    public Response logout() {
        NewCookie expired = new NewCookie.Builder(sessionCookie).path("/").value("").maxAge(0).httpOnly(true).build();
        return Response.seeOther(URI.create("/login")).cookie(expired).build();
    }
}

package io.puppetplane.enrollment.certificate.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.puppetplane.enrollment.certificate.service.CaAdminClient;
import io.puppetplane.enrollment.certificate.service.CaAdminClient.CaRefusedException;
import io.puppetplane.enrollment.certificate.service.CaAdminClient.CaUnavailableException;
import io.puppetplane.enrollment.certificate.service.CertificateEntry;
import io.puppetplane.enrollment.node.repository.ObservationRepository;
import io.puppetplane.enrollment.operator.repository.OperatorRole;
import io.puppetplane.enrollment.operator.service.CurrentOperator;
import io.puppetplane.enrollment.operator.service.FormTokens;
import io.puppetplane.enrollment.operator.service.OperatorAudit;
import io.quarkus.qute.Template;

/**
 * The CA's daily work in the browser: pending requests (sign, reject), signed certificates (revoke) and revoked
 * ones, read live from ca-service. Each action is audited with the CA's answer.
 */
@Path("/dashboard/certificates")
@RolesAllowed({ OperatorRole.ADMIN_NAME, OperatorRole.VIEWER_NAME })
public class CertificatesPage {

    /** What the CA holds, by state; {@code unavailable} says why there is nothing when the CA could not be asked. */
    public record Listing(List<CertificateEntry> requested, List<CertificateEntry> signed,
            List<CertificateEntry> revoked, String unavailable) {
    }

    /** A CA action, for the audit trail and the CA call. */
    @FunctionalInterface
    private interface CaAction {
        void run(String certname) throws CaUnavailableException, CaRefusedException;
    }

    private final Template certificates;
    private final CaAdminClient ca;
    private final CurrentOperator operator;
    private final FormTokens tokens;
    private final OperatorAudit audit;
    private final ObservationRepository observations;

    CertificatesPage(Template certificates, CaAdminClient ca, CurrentOperator operator, FormTokens tokens,
            OperatorAudit audit, ObservationRepository observations) {
        this.observations = observations;
        this.certificates = certificates;
        this.ca = ca;
        this.operator = operator;
        this.tokens = tokens;
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return render(Response.Status.OK, null);
    }

    @POST
    @Path("{certname}/sign")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public Response sign(@PathParam("certname") String certname) {
        return act("certificate.sign", certname, ca::sign);
    }

    @POST
    @Path("{certname}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public Response reject(@PathParam("certname") String certname) {
        return act("certificate.reject", certname, name -> {
            ca.reject(name);
            // the CA announces no event for a forgotten request; the inventory must not keep showing it pending
            observations.forgetCsr(name);
        });
    }

    @POST
    @Path("{certname}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    public Response revoke(@PathParam("certname") String certname) {
        return act("certificate.revoke", certname, ca::revoke);
    }

    /** Post/redirect/get when the CA did it; the page with the CA's reason (and its status) when not. */
    private Response act(String action, String certname, CaAction call) {
        try {
            call.run(certname);
            audit.record(action, certname, OperatorAudit.DONE, null);
            return Response.seeOther(URI.create("/dashboard/certificates")).build();
        } catch (CaRefusedException e) {
            audit.record(action, certname, OperatorAudit.REFUSED, "ca-service: " + e.getMessage());
            Response.Status status = Response.Status.fromStatusCode(e.status());
            return render(status != null && e.status() / 100 == 4 ? status : Response.Status.BAD_GATEWAY,
                    "ca-service refused to " + action.substring(action.indexOf('.') + 1) + " " + certname + ": "
                            + e.getMessage());
        } catch (CaUnavailableException e) {
            audit.record(action, certname, OperatorAudit.REFUSED, "ca-service unavailable: " + e.getMessage());
            return render(Response.Status.SERVICE_UNAVAILABLE, e.getMessage() + "; nothing was changed, try again");
        }
    }

    private Response render(Response.Status status, String error) {
        Listing listing;
        try {
            listing = new Listing(ca.certificates("requested"), ca.certificates("signed"), ca.certificates("revoked"),
                    null);
        } catch (CaUnavailableException | CaRefusedException e) {
            listing = new Listing(List.of(), List.of(), List.of(), "cannot list the CA's certificates: "
                    + e.getMessage());
        }
        String html = certificates.data("error", error).data("operator", operator.name())
                .data("admin", operator.isAdmin()).data("csrf", tokens.issue(operator.name()))
                .data("ca", listing).render();
        return Response.status(status).type(MediaType.TEXT_HTML).entity(html).build();
    }
}

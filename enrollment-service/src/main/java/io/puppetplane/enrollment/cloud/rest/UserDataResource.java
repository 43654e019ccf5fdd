package io.puppetplane.enrollment.cloud.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.puppetplane.enrollment.cloud.service.EnrollmentTokenIssuer;
import io.puppetplane.enrollment.cloud.service.UserDataGenerator;
import io.puppetplane.enrollment.node.repository.Node;
import io.puppetplane.enrollment.node.repository.NodeKind;
import io.puppetplane.enrollment.node.repository.NodeState;
import io.puppetplane.enrollment.node.service.NodeConflictException;
import io.puppetplane.enrollment.node.service.NodeService;
import io.puppetplane.enrollment.operator.repository.OperatorRole;
import io.puppetplane.enrollment.operator.service.OperatorAudit;

/**
 * The first-run script of a cloud instance; every download carries a fresh one-time token, so only admins may
 * fetch it, and each download is audited (without the token).
 */
@Path("/api/v1/nodes/{certname}/user-data")
public class UserDataResource {

    private static final Logger LOG = Logger.getLogger(UserDataResource.class);

    private final NodeService nodes;
    private final EnrollmentTokenIssuer tokens;
    private final UserDataGenerator generator;
    private final OperatorAudit audit;

    UserDataResource(NodeService nodes, EnrollmentTokenIssuer tokens, UserDataGenerator generator,
            OperatorAudit audit) {
        this.nodes = nodes;
        this.tokens = tokens;
        this.generator = generator;
        this.audit = audit;
    }

    @GET
    @RolesAllowed(OperatorRole.ADMIN_NAME)
    @Produces({ "text/x-shellscript", MediaType.TEXT_PLAIN })
    public Response userData(@PathParam("certname") String certname) {
        Node node = nodes.get(certname);
        if (node.kind() != NodeKind.CLOUD_INSTANCE) {
            throw new NodeConflictException(certname + " is bare metal; it is enrolled over SSH, not by user-data");
        }
        if (node.role() == null) {
            throw new NodeConflictException(certname + " has no role yet; assign one first");
        }
        if (node.state() == NodeState.DECOMMISSIONED) {
            throw new NodeConflictException(certname + " is decommissioned");
        }
        try {
            String token = tokens.issueToken(certname);
            audit.record("node.user-data", certname, OperatorAudit.DONE, "first-run script with a one-time token");
            return Response.ok(generator.userData(node, token), "text/x-shellscript")
                    .header("Content-Disposition", "attachment; filename=\"" + certname + "-user-data.sh\"").build();
        } catch (EnrollmentTokenIssuer.TokenUnavailableException e) {
            LOG.warnf("no enrollment token for %s: %s", certname, e.getMessage());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.TEXT_PLAIN)
                    .entity("cannot get an enrollment token from the CA right now: " + e.getMessage() + "\n").build();
        }
    }
}

package io.puppetplane.enrollment.certificate.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.enrollment.certificate.config.CaClientConfig;
import io.puppetplane.enrollment.cloud.service.EnrollmentTokenIssuer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * ca-service's admin API (Puppet Server's CA API plus our enrollment tokens) over mutual TLS with this service's
 * certificate, which carries pp_cli_auth=true. Blocking calls, each bounded by {@code puppetplane.enrollment.ca.timeout}.
 */
@ApplicationScoped
public class CaAdminClient implements EnrollmentTokenIssuer {

    private static final String CA = "/puppet-ca/v1";
    private static final TypeReference<List<CertificateEntry>> ENTRIES = new TypeReference<>() {
    };

    /** What ca-service answered. */
    private record Answer(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final Vertx vertx;
    private final CaClientConfig config;
    private final Optional<String> certFile;
    private final Optional<String> keyFile;
    private final Optional<String> caFile;
    private final ObjectMapper mapper;
    private HttpClient client;

    CaAdminClient(Vertx vertx, CaClientConfig config, ObjectMapper mapper,
            @ConfigProperty(name = "puppetplane.tls.cert-file") Optional<String> certFile,
            @ConfigProperty(name = "puppetplane.tls.key-file") Optional<String> keyFile,
            @ConfigProperty(name = "puppetplane.tls.ca-file") Optional<String> caFile) {
        this.vertx = vertx;
        this.config = config;
        this.mapper = mapper;
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.caFile = caFile;
    }

    @Override
    public String issueToken(String certname) throws TokenUnavailableException {
        try {
            Answer answer = send(HttpMethod.POST, config.tokenPath().replace("{certname}", encode(certname)), "");
            if (!answer.ok()) {
                throw new TokenUnavailableException("ca-service answered " + answer.status() + ": "
                        + answer.body().strip(), null);
            }
            return tokenFrom(answer.body().strip());
        } catch (CaUnavailableException e) {
            throw new TokenUnavailableException("cannot get an enrollment token for " + certname + ": "
                    + e.getMessage(), e);
        }
    }

    /** The CA's certificates and pending requests in {@code state} (requested, signed, revoked), by name. */
    public List<CertificateEntry> certificates(String state) throws CaUnavailableException, CaRefusedException {
        Answer answer = send(HttpMethod.GET, CA + "/certificate_statuses/any?state=" + encode(state), null);
        refuseUnlessOk(answer);
        try {
            return mapper.readValue(answer.body(), ENTRIES).stream()
                    .sorted(java.util.Comparator.comparing(CertificateEntry::name)).toList();
        } catch (java.io.IOException e) {
            throw new CaUnavailableException("ca-service sent an unreadable certificate list: " + e.getMessage(), e);
        }
    }

    /** Signs the pending request of {@code certname}. */
    public void sign(String certname) throws CaUnavailableException, CaRefusedException {
        refuseUnlessOk(send(HttpMethod.PUT, CA + "/certificate_status/" + encode(certname),
                "{\"desired_state\":\"signed\"}"));
    }

    /** Revokes the certificate of {@code certname}; every service refuses it from the next CRL/revocation event. */
    public void revoke(String certname) throws CaUnavailableException, CaRefusedException {
        refuseUnlessOk(send(HttpMethod.PUT, CA + "/certificate_status/" + encode(certname),
                "{\"desired_state\":\"revoked\"}"));
    }

    /** Rejects a pending request: the CA forgets it (the agent may submit a new one), as puppetserver ca clean. */
    public void reject(String certname) throws CaUnavailableException, CaRefusedException {
        refuseUnlessOk(send(HttpMethod.DELETE, CA + "/certificate_status/" + encode(certname), null));
    }

    private static void refuseUnlessOk(Answer answer) throws CaRefusedException {
        if (!answer.ok()) {
            throw new CaRefusedException(answer.status(), answer.body().strip());
        }
    }

    private Answer send(HttpMethod method, String path, String body) throws CaUnavailableException {
        String url = config.url() + path;
        try {
            return client().request(new RequestOptions().setMethod(method).setAbsoluteURI(url))
                    .compose(request -> {
                        if (body == null) {
                            return request.send();
                        }
                        request.putHeader("Content-Type", "application/json");
                        return request.send(Buffer.buffer(body));
                    })
                    .compose(response -> response.body().map(buffer -> new Answer(response.statusCode(),
                            buffer.toString())))
                    .toCompletionStage().toCompletableFuture()
                    .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new CaUnavailableException("cannot reach ca-service at " + url + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new CaUnavailableException("ca-service did not answer within " + config.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaUnavailableException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String tokenFrom(String body) throws TokenUnavailableException {
        if (body.startsWith("{")) {
            try {
                JsonNode token = mapper.readTree(body).get("token");
                if (token != null && token.isTextual()) {
                    return token.asText();
                }
            } catch (java.io.IOException e) {
                throw new TokenUnavailableException("ca-service sent unreadable JSON: " + e.getMessage(), e);
            }
            throw new TokenUnavailableException("ca-service's answer has no token field", null);
        }
        return body;
    }

    private synchronized HttpClient client() throws CaUnavailableException {
        if (client == null) {
            if (certFile.isEmpty() || keyFile.isEmpty() || caFile.isEmpty()) {
                throw new CaUnavailableException("puppetplane.tls.cert-file, key-file and ca-file must be "
                        + "configured to reach ca-service's admin API", null);
            }
            client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certFile.get()).setKeyPath(keyFile.get()))
                    .setTrustOptions(new PemTrustOptions().addCertPath(caFile.get())));
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }

    /** ca-service could not be asked (not configured, unreachable, too slow). */
    public static class CaUnavailableException extends Exception {
        public CaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** ca-service answered, and said no (its message is Puppet Server's). */
    public static class CaRefusedException extends Exception {
        private final int status;

        public CaRefusedException(int status, String message) {
            super(message.isEmpty() ? "ca-service answered " + status : message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}

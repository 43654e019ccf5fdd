package io.puppetplane.fileserve.messaging;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.OutgoingEvent;
import io.puppetplane.events.payload.FileAccessDenied;
import io.puppetplane.trust.ClientCertificateRejected;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Logs every refusal and publishes it as FileAccessDenied on the file-access topic. This service keeps no database,
 * so there is no outbox: the event is handed to the Kafka producer without waiting (best effort). A Kafka outage loses
 * events but never delays or fails a request; the log line is the durable record.
 */
@ApplicationScoped
public class FileAccessDeniedPublisher {

    private static final Logger LOG = Logger.getLogger(FileAccessDeniedPublisher.class);

    private final CloudEventCodec codec;
    private final Clock clock;

    @Inject
    @Channel("file-access")
    Emitter<String> emitter;

    FileAccessDeniedPublisher(CloudEventCodec codec, Clock clock) {
        this.codec = codec;
        this.clock = clock;
    }

    public void denied(String certname, String clientAddress, String mount, String path, String rule) {
        LOG.warnf("denied %s from %s: %s%s by %s", certname, clientAddress, mount, path, rule);
        FileAccessDenied payload = new FileAccessDenied(certname, clientAddress, mount, path, rule, clock.instant());
        try {
            OutgoingEvent event = codec.encode(payload, certname.isEmpty() ? "unknown" : certname);
            emitter.send(Message.of(event.cloudEventJson())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build())
                    .withNack(failure -> {
                        LOG.warnf("FileAccessDenied event for %s not published: %s", certname, failure.getMessage());
                        return java.util.concurrent.CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            LOG.warnf("FileAccessDenied event for %s not published: %s", certname, e.getMessage());
        }
    }

    /** Refusals by the client-certificate check (none, or revoked) are file access denials too. */
    void onCertificateRejected(@Observes ClientCertificateRejected rejected) {
        String[] mountAndPath = FileRequestPaths.mountAndPath(rejected.path());
        denied(rejected.certname().orElse(""), rejected.clientAddress(), mountAndPath[0], mountAndPath[1],
                rejected.reason());
    }
}

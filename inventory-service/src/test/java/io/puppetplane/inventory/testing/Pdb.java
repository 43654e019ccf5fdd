package io.puppetplane.inventory.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.puppetplane.inventory.ingest.repository.NameIds;

import org.eclipse.microprofile.config.ConfigProvider;

import io.puppetplane.inventory.differential.Corpus;
import io.puppetplane.inventory.differential.PdbHttp;
import io.puppetplane.inventory.differential.ReferenceRig;

/** The service under test over its plain-HTTP listener, and the committed command corpus. */
public final class Pdb {

    private static boolean corpusReplayed;

    private Pdb() {
    }

    public static PdbHttp http() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return new PdbHttp("http://127.0.0.1:" + port);
    }

    public static Corpus corpus() {
        return new Corpus(ReferenceRig.differentialDir());
    }

    /**
     * Replays the captured command corpus once per test application (the database lives as long as the
     * application); every command must be accepted.
     */
    public static synchronized void replayCorpusOnce() {
        if (corpusReplayed) {
            return;
        }
        PdbHttp http = http();
        for (Corpus.Request r : corpus().commands()) {
            PdbHttp.Exchange e = r.sendTo(http);
            if (e.status() != 200) {
                throw new AssertionError(r.label() + " was refused: " + e.status() + " " + e.body());
            }
        }
        corpusReplayed = true;
    }

    /**
     * Removes every node with all its data, and the environment and producer ids the service remembers; the next
     * {@link #replayCorpusOnce()} replays again.
     */
    public static synchronized void emptyDatabase(DataSource dataSource, NameIds nameIds) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE certnames, environments, producers, fact_paths RESTART IDENTITY CASCADE");
        }
        nameIds.forget();
        corpusReplayed = false;
    }

    /** Someone else replayed the whole corpus into an empty database. */
    public static synchronized void corpusReplayed() {
        corpusReplayed = true;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** GET path?query=<AST or PQL> (plus further raw params, e.g. "&limit=2"). */
    public static PdbHttp.Exchange query(String path, String query, String... more) {
        return http().get(path + "?query=" + enc(query) + String.join("", more));
    }
}

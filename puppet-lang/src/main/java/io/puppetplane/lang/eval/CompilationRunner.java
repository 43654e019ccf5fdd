package io.puppetplane.lang.eval;

import io.puppetplane.lang.CompileError;
import io.puppetplane.lang.CompileRequest;
import io.puppetplane.lang.catalog.Catalog;
import io.puppetplane.lang.hiera.HieraLookup;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a compilation and turns every failure into a {@link CompileError}: never a stack trace to the user. */
public final class CompilationRunner {

    private CompilationRunner() {
    }

    /** SITE_MANIFESTS: null for the environment's own. */
    public static Catalog run(CodeBase code, CompileRequest request, HieraLookup hiera, List<Path> siteManifests) {
        return run(code, request, hiera, siteManifests, Map.of(), null);
    }

    /** SETTINGS: the server's Puppet settings, {@code $settings::NAME} in code; PUPPET_DB: null without storeconfigs. */
    public static Catalog run(CodeBase code, CompileRequest request, HieraLookup hiera, List<Path> siteManifests,
                              Map<String, Object> settings, io.puppetplane.lang.PuppetDb puppetDb) {
        try {
            return new Compilation(code, request, hiera, siteManifests, settings, puppetDb).compile();
        } catch (EvalError e) {
            throw located(e.getMessage(), e);
        } catch (Functions.NextSignal | Functions.BreakSignal | Functions.ReturnSignal e) {
            throw new CompileError("next(), break() or return() used outside of an iteration or function", "", 0, 0);
        } catch (StackOverflowError e) {
            throw new CompileError("Code is nested too deeply to evaluate", "", 0, 0);
        } catch (CompileError e) {
            throw e;
        } catch (RuntimeException e) {
            // a defect, not the user's code: still a one-line error, never a stack trace
            throw new CompileError("Internal compiler error: " + e, "", 0, 0);
        }
    }

    private static CompileError located(String message, EvalError e) {
        if (e.loc() == null) {
            return new CompileError(message, "", 0, 0);
        }
        return new CompileError(message, e.loc().file(), e.loc().line(), e.lineOnly() ? 0 : e.loc().column());
    }
}

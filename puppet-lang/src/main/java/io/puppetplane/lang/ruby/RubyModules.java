package io.puppetplane.lang.ruby;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jruby.Ruby;
import org.jruby.RubyInstanceConfig;
import org.jruby.RubyModule;
import org.jruby.RubyString;
import org.jruby.RubyThread;
import org.jruby.exceptions.RaiseException;
import org.jruby.javasupport.JavaUtil;
import org.jruby.runtime.ThreadContext;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * The Ruby code of one environment's modules (functions in {@code lib/puppet/functions} and
 * {@code lib/puppet/parser/functions}, types in {@code lib/puppet/type}), run in a JRuby runtime of its own as
 * Puppet Server runs it. The runtime starts on the first use, so a compile that needs no Ruby never pays for it;
 * files are read again when they change. Thread-safe.
 */
public final class RubyModules {

    /** How often the module directories are looked at again for new or removed Ruby files. */
    private static final long RESCAN_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ruby-time-limit");
        t.setDaemon(true);
        return t;
    });

    /** The Ruby surface module code sees: Puppet's API, then what Ruby Puppet's process has loaded. */
    private static final List<String> SHIM_FILES = List.of("puppetplane.rb", "preloaded.rb");

    private final java.util.function.Supplier<List<Path>> modules;
    private final Duration callLimit;
    private final Object loadLock = new Object();
    /**
     * One thread runs this environment's Ruby at a time (taken before loadLock, reentrant for Ruby calling back into
     * Puppet code that calls Ruby again), as Puppet Server gives a request a JRuby instance of its own: module code
     * keeps state in module variables and globals, and JRuby's require and autoload break under concurrent loads.
     */
    /** The Ruby Puppet version module code sees, whose settings and API the shims then follow. */
    private final String puppetVersion;
    private final java.util.concurrent.locks.ReentrantLock rubyLock = new java.util.concurrent.locks.ReentrantLock();
    private final Map<Path, Long> loaded = new ConcurrentHashMap<>();
    private final Map<String, Optional<RubyFunction>> functions = new ConcurrentHashMap<>();
    private final Map<String, Optional<RubyResourceType>> types = new ConcurrentHashMap<>();
    private volatile Index index;
    private volatile Ruby ruby;
    /** Runtimes replaced after a stopped call, torn down when no call runs any more; guarded by loadLock. */
    private final List<Ruby> retired = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger callsRunning = new java.util.concurrent.atomic.AtomicInteger();

    /** MODULES: the environment's module directories, shadowed ones left out, read again on each rescan. */
    public RubyModules(java.util.function.Supplier<List<Path>> modules, Duration callLimit) {
        this(modules, callLimit, io.puppetplane.lang.LanguageVersion.PUPPET_7);
    }

    /** LANGUAGE: which Ruby Puppet module code sees ({@code Puppet.version}, {@code Puppet[:strict]}, PSON). */
    public RubyModules(java.util.function.Supplier<List<Path>> modules, Duration callLimit,
                       io.puppetplane.lang.LanguageVersion language) {
        this.modules = modules;
        this.callLimit = callLimit;
        this.puppetVersion = language.rubyPuppetVersion();
    }

    /** Where the Ruby files of the modules are, by the name they define. */
    private record Index(long scannedAt, Map<String, Path> functions, Map<String, Path> legacyFunctions,
                         Map<String, Path> types, Set<String> typesWithProviders, List<Path> libDirs,
                         Map<Path, Long> modified) {
    }

    /** Stops the JRuby runtime (when started) and forgets what it loaded. */
    public void close() {
        synchronized (loadLock) {
            Ruby rb = ruby;
            ruby = null;
            loaded.clear();
            functions.clear();
            types.clear();
            if (rb != null) {
                rb.tearDown(false);
            }
            retired.forEach(r -> r.tearDown(false));
            retired.clear();
        }
    }

    /** Whether the JRuby runtime has been started (it is only when some module Ruby was needed). */
    public boolean started() {
        return ruby != null;
    }

    /** The module function of this name (lower case, no leading ::), loaded; empty when no module has one. */
    public Optional<RubyFunction> function(String name) {
        Index idx = index();
        Path file = idx.functions.get(name);
        boolean legacy = false;
        if (file == null) {
            file = idx.legacyFunctions.get(name);
            legacy = true;
        }
        Optional<RubyFunction> cached = file == null ? null : functions.get(name);
        if (cached != null && cached.isPresent() && cached.get().file().equals(file) && isCurrent(file, idx)) {
            return cached;
        }
        rubyLock.lock();
        try {
            if (file == null) {
                return definedElsewhere(name);
            }
            RubyFunction f = legacy ? loadLegacy(name, file, idx) : loadFunction(name, file, idx);
            functions.put(name, Optional.of(f));
            return Optional.of(f);
        } finally {
            rubyLock.unlock();
        }
    }

    /** The Ruby resource type of this name, loaded; empty when no module has one. */
    public Optional<RubyResourceType> type(String name) {
        Index idx = index();
        Path file = idx.types.get(name);
        if (file == null) {
            return Optional.empty();
        }
        Optional<RubyResourceType> cached = types.get(name);
        if (cached != null && isCurrent(file, idx)) {
            return cached;
        }
        rubyLock.lock();
        try {
            Optional<RubyResourceType> t = Optional.of(loadType(name, file, idx));
            types.put(name, t);
            return t;
        } finally {
            rubyLock.unlock();
        }
    }

    /**
     * Calls a modern function's dispatch with converted arguments; {@code lambda} (or null) is handed back to
     * {@link RubyCallContext#callLambda} when Ruby calls its block.
     */
    public Object call(RubyFunction function, RubyFunction.Dispatch dispatch, List<Object> args, Object lambda,
                       int lambdaArity, RubyCallContext context) {
        RubyFunction f = current(function);
        Ruby rb = runtime();
        ThreadContext tc = rb.getCurrentContext();
        IRubyObject rubyArgs = RubyConversion.toRuby(rb, args);
        IRubyObject[] callArgs = {
            (IRubyObject) f.handle(), JavaUtil.convertJavaToRuby(rb, new RubyBridge(rb, context)),
            rb.newString(dispatch.method()), rubyArgs,
            lambda == null ? rb.getNil() : JavaUtil.convertJavaToRuby(rb, lambda), rb.newFixnum(lambdaArity),
            rb.newBoolean(dispatch.scopeParam())};
        Object result = limited("Ruby function '" + f.name() + "'", tc,
            () -> shim(rb).callMethod(tc, "call_function", callArgs));
        RubyArgumentChanges.carryBack(args, rubyArgs);
        return result;
    }

    /** Calls a 3.x function: top-level undef arguments are empty strings, as Ruby Puppet passes them. */
    public Object callLegacy(RubyFunction function, List<Object> args, RubyCallContext context) {
        RubyFunction f = current(function);
        Ruby rb = runtime();
        ThreadContext tc = rb.getCurrentContext();
        List<Object> converted = new ArrayList<>(args.size());
        for (Object a : args) {
            converted.add(a == null ? "" : a);
        }
        IRubyObject[] callArgs = {rb.newString(f.name()), JavaUtil.convertJavaToRuby(rb, new RubyBridge(rb, context)),
            RubyConversion.toRuby(rb, converted)};
        Object result = limited("Ruby function '" + f.name() + "'", tc,
            () -> shim(rb).callMethod(tc, "call_legacy", callArgs));
        return f.legacyRvalue() ? result : null;
    }

    /**
     * Renders an ERB template with Ruby's own ERB ({@code trim_mode: '-'}), every visible variable an instance
     * variable, as Ruby Puppet renders templates; for templates using Ruby the compiler's ERB engine does not run.
     */
    public String renderErb(String source, String file, Map<String, Object> variables, RubyCallContext context) {
        Ruby rb = runtime();
        ThreadContext tc = rb.getCurrentContext();
        IRubyObject[] callArgs = {RubyString.newUnicodeString(rb, source), rb.newString(file),
            RubyConversion.toRuby(rb, variables), JavaUtil.convertJavaToRuby(rb, new RubyBridge(rb, context))};
        Object out = limited("Template " + file, tc, () -> shim(rb).callMethod(tc, "render_erb", callArgs));
        return out == null ? "" : String.valueOf(out);
    }

    /**
     * Runs CALL under the time limit. The limit counts the processor time of the calling thread, so a busy machine
     * does not fail compiles; a call that waits instead (sleep, I/O) is stopped at {@link #WAITING_ALLOWANCE} times
     * the limit. Ruby code stopped at an arbitrary point may have left its runtime half-changed (a library half
     * loaded, a lock held), so the runtime of a stopped call is replaced: it is torn down once no call runs in it.
     */
    private Object limited(String what, ThreadContext tc, java.util.function.Supplier<IRubyObject> call) {
        rubyLock.lock();
        try {
            return limitedLocked(what, tc, call);
        } finally {
            rubyLock.unlock();
        }
    }

    private Object limitedLocked(String what, ThreadContext tc, java.util.function.Supplier<IRubyObject> call) {
        RubyThread thread = tc.getThread();
        Ruby rb = tc.runtime;
        CallClock clock = new CallClock(Thread.currentThread(), callLimit);
        long check = Math.max(10, Math.min(250, callLimit.toMillis() / 10));
        ScheduledFuture<?> alarm = WATCHDOG.scheduleWithFixedDelay(() -> {
            if (clock.stopIfOver()) {
                RubyModule limitError = shim(rb).getClass("TimeLimitExceeded");
                thread.raise(limitError.callMethod(rb.getCurrentContext(), "new", rb.newString(
                    what + " did not finish within " + callLimit.toMillis() + " ms")));
            }
        }, check, check, TimeUnit.MILLISECONDS);
        callsRunning.incrementAndGet();
        try {
            return RubyConversion.toJava(call.get());
        } catch (RaiseException e) {
            throw new RubyCodeError(messageOf(e), e.getException().getMetaClass().getName());
        } catch (IllegalArgumentException e) {
            throw new RubyCodeError(e.getMessage(), "ArgumentError");
        } finally {
            alarm.cancel(false);
            if (!clock.finish()) {
                retire(rb);
            }
            if (callsRunning.decrementAndGet() == 0) {
                tearDownRetired();
            }
        }
    }

    /** How many times the limit a call may take in wall-clock time, waiting rather than computing. */
    private static final int WAITING_ALLOWANCE = 3;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** The time one call has taken; stopped at most once, by the watchdog, unless the call finished first. */
    private static final class CallClock {
        private final long threadId;
        private final long limitNanos;
        private final long wallStart = System.nanoTime();
        private final long cpuStart;
        private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();

        CallClock(Thread thread, Duration limit) {
            this.threadId = thread.getId();
            this.limitNanos = limit.toNanos();
            this.cpuStart = THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(threadId) : -1;
        }

        /** Whether the call is over its limit and was still running: it is stopped now. */
        boolean stopIfOver() {
            long wall = System.nanoTime() - wallStart;
            long cpu = cpuStart < 0 ? wall : THREADS.getThreadCpuTime(threadId) - cpuStart;
            boolean over = cpu >= limitNanos || wall >= WAITING_ALLOWANCE * limitNanos;
            return over && state.compareAndSet(0, 1);
        }

        /** Marks the call finished; false when the watchdog stopped it first. */
        boolean finish() {
            return state.compareAndSet(0, 2);
        }
    }

    private void retire(Ruby rb) {
        synchronized (loadLock) {
            if (ruby == rb) {
                ruby = null;
                loaded.clear();
                functions.clear();
                types.clear();
            }
            if (!retired.contains(rb)) {
                retired.add(rb);
            }
        }
    }

    private void tearDownRetired() {
        List<Ruby> done;
        synchronized (loadLock) {
            if (callsRunning.get() != 0 || retired.isEmpty()) {
                return;
            }
            done = new ArrayList<>(retired);
            retired.clear();
        }
        done.forEach(rb -> rb.tearDown(false));
    }

    /** F, or the same function loaded again when F's runtime was replaced since it was looked up. */
    private RubyFunction current(RubyFunction f) {
        return ((IRubyObject) f.handle()).getRuntime() == runtime() ? f : function(f.name()).orElse(f);
    }

    private static String messageOf(RaiseException e) {
        IRubyObject message = e.getException().message(e.getException().getRuntime().getCurrentContext());
        return message.isNil() ? e.getException().getMetaClass().getName() : message.asJavaString();
    }

    private RubyFunction loadFunction(String name, Path file, Index idx) {
        Ruby rb = runtime();
        IRubyObject cls = load(file, idx, "FUNCTIONS", name);
        ThreadContext tc = rb.getCurrentContext();
        Object raw = RubyConversion.toJava(shim(rb).callMethod(tc, "dispatches_of", cls));
        List<RubyFunction.Dispatch> dispatches = new ArrayList<>();
        for (Object d : (List<?>) raw) {
            List<?> dl = (List<?>) d;
            List<RubyFunction.Param> params = new ArrayList<>();
            for (Object p : (List<?>) dl.get(1)) {
                List<?> pl = (List<?>) p;
                params.add(new RubyFunction.Param(RubyFunction.ParamKind.valueOf(((String) pl.get(0)).toUpperCase()),
                    (String) pl.get(1), (String) pl.get(2)));
            }
            RubyFunction.BlockKind block = dl.get(2) == null ? RubyFunction.BlockKind.NONE
                : RubyFunction.BlockKind.valueOf(((String) dl.get(2)).toUpperCase());
            dispatches.add(new RubyFunction.Dispatch((String) dl.get(0), List.copyOf(params), block,
                (String) dl.get(3), Boolean.TRUE.equals(dl.get(4))));
        }
        if (dispatches.isEmpty()) {
            Object dflt = RubyConversion.toJava(shim(rb).callMethod(tc, "default_dispatch", cls));
            if (dflt == null) {
                throw new RubyCodeError("The function '" + name + "' in " + file + " has no dispatch and no method named '"
                    + name.substring(name.lastIndexOf(':') + 1) + "'", "ArgumentError");
            }
            List<?> dl = (List<?>) dflt;
            int min = ((Long) dl.get(1)).intValue();
            int max = ((Long) dl.get(2)).intValue();
            List<RubyFunction.Param> params = new ArrayList<>();
            for (int i = 0; i < min; i++) {
                params.add(new RubyFunction.Param(RubyFunction.ParamKind.REQUIRED, null, "arg" + i));
            }
            if (max < 0) {
                params.add(new RubyFunction.Param(RubyFunction.ParamKind.REPEATED, null, "args"));
            } else {
                for (int i = min; i < max; i++) {
                    params.add(new RubyFunction.Param(RubyFunction.ParamKind.OPTIONAL, null, "arg" + i));
                }
            }
            dispatches.add(new RubyFunction.Dispatch((String) dl.get(0), List.copyOf(params),
                Boolean.TRUE.equals(dl.get(3)) ? RubyFunction.BlockKind.OPTIONAL : RubyFunction.BlockKind.NONE,
                "block", false));
        }
        return new RubyFunction(name, file, cls, List.copyOf(dispatches), false, 0, false);
    }

    private RubyFunction loadLegacy(String name, Path file, Index idx) {
        return legacy(name, file, load(file, idx, "LEGACY_FUNCTIONS", name));
    }

    private RubyFunction legacy(String name, Path file, IRubyObject spec) {
        Ruby rb = runtime();
        ThreadContext tc = rb.getCurrentContext();
        String kind = spec.callMethod(tc, "[]", rb.newSymbol("type")).asJavaString();
        int arity = (int) spec.callMethod(tc, "[]", rb.newSymbol("arity")).convertToInteger().getLongValue();
        return new RubyFunction(name, file, spec, List.of(), true, arity, kind.equals("rvalue"));
    }

    /**
     * A 3.x function defined by the file of another one (a helper beside its caller): known, as in Ruby Puppet, once
     * that file has been loaded.
     */
    private Optional<RubyFunction> definedElsewhere(String name) {
        Ruby rb = ruby;
        if (rb == null) {
            return Optional.empty();
        }
        IRubyObject spec = shim(rb).getConstant("LEGACY_FUNCTIONS").callMethod(rb.getCurrentContext(), "[]",
            rb.newString(name));
        return spec.isNil() ? Optional.empty() : Optional.of(legacy(name, Path.of(
            spec.callMethod(rb.getCurrentContext(), "[]", rb.newSymbol("file")).asJavaString()), spec));
    }

    private RubyResourceType loadType(String name, Path file, Index idx) {
        Ruby rb = runtime();
        load(file, idx, "TYPES", name);
        List<?> data = (List<?>) RubyConversion.toJava(shim(rb).callMethod(rb.getCurrentContext(), "type_of",
            rb.newString(name)));
        LinkedHashSet<String> params = new LinkedHashSet<>();
        if (idx.typesWithProviders.contains(name)) {
            params.add("provider"); // Puppet gives a type with providers a provider parameter
        }
        List<String> namevars = new ArrayList<>();
        for (Object a : (List<?>) data.get(0)) {
            List<?> al = (List<?>) a;
            params.add((String) al.get(0));
            if (Boolean.TRUE.equals(al.get(2))) {
                namevars.add((String) al.get(0));
            }
        }
        List<RubyResourceType.TitlePattern> patterns = new ArrayList<>();
        for (Object p : (List<?>) data.get(1)) {
            List<?> pl = (List<?>) p;
            int options = ((Long) pl.get(1)).intValue();
            int flags = ((options & 1) != 0 ? Pattern.CASE_INSENSITIVE : 0) | ((options & 4) != 0 ? Pattern.DOTALL : 0)
                | ((options & 2) != 0 ? Pattern.COMMENTS : 0) | Pattern.MULTILINE;
            @SuppressWarnings("unchecked")
            List<String> attrs = (List<String>) pl.get(2);
            patterns.add(new RubyResourceType.TitlePattern(
                Pattern.compile(io.puppetplane.lang.value.RubyRegex.toJava((String) pl.get(0)), flags), List.copyOf(attrs)));
        }
        return new RubyResourceType(name, Set.copyOf(params), List.copyOf(namevars), List.copyOf(patterns));
    }

    /** Evaluates FILE (again when it changed) and answers what it registered as NAME in the shim's TABLE. */
    private IRubyObject load(Path file, Index idx, String table, String name) {
        rubyLock.lock();
        try {
            return loadLocked(file, idx, table, name);
        } finally {
            rubyLock.unlock();
        }
    }

    private IRubyObject loadLocked(Path file, Index idx, String table, String name) {
        Ruby rb = runtime();
        synchronized (loadLock) {
            Long stamp = idx.modified.get(file);
            if (!stamp.equals(loaded.get(file))) {
                try {
                    shim(rb).callMethod(rb.getCurrentContext(), "load_module_file", rb.newString(file.toString()));
                } catch (RaiseException e) {
                    String kind = e.getException().getMetaClass().getName();
                    // as Ruby Puppet words it: a missing library is Ruby's own LoadError, and a type's failure
                    // follows "Could not autoload puppet/type/NAME: " (CodeBase); neither names the file
                    throw new RubyCodeError(kind.equals("LoadError") || table.equals("TYPES") ? messageOf(e)
                        : "Could not load " + file + ": " + messageOf(e), kind);
                }
                loaded.put(file, stamp);
            }
        }
        IRubyObject registered = shim(rb).getConstant(table).callMethod(rb.getCurrentContext(), "[]", rb.newString(name));
        if (registered.isNil()) {
            throw new RubyCodeError("The code loaded from " + file + " does not define the "
                + (table.equals("TYPES") ? "type" : "function") + " '" + name + "'", "LoadError");
        }
        return registered;
    }

    private boolean isCurrent(Path file, Index idx) {
        return idx.modified.get(file).equals(loaded.get(file));
    }

    private static RubyModule shim(Ruby rb) {
        return rb.getModule("Puppetplane");
    }

    private Ruby runtime() {
        Ruby rb = ruby;
        if (rb != null) {
            return rb;
        }
        synchronized (loadLock) {
            if (ruby == null) {
                RubyInstanceConfig config = new RubyInstanceConfig();
                config.setLoader(RubyModules.class.getClassLoader());
                config.setLoadPaths(index().libDirs.stream().map(Path::toString).toList());
                config.setDisableGems(true);
                config.setHardExit(false);
                PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
                config.setOutput(quiet);
                config.setError(quiet);
                Ruby created = Ruby.newInstance(config);
                created.evalScriptlet("PUPPETPLANE_PUPPET_VERSION = '" + puppetVersion + "'");
                for (String file : SHIM_FILES) {
                    try (InputStream shim = RubyModules.class.getResourceAsStream(file)) {
                        created.loadFile(file, shim, false);
                    } catch (IOException | NullPointerException e) {
                        throw new IllegalStateException("puppet-lang is missing its Ruby shim " + file, e);
                    }
                }
                ruby = created;
            }
            return ruby;
        }
    }

    private Index index() {
        Index idx = index;
        long now = System.nanoTime();
        if (idx != null && now - idx.scannedAt < RESCAN_NANOS) {
            return idx;
        }
        idx = scan(now);
        index = idx;
        return idx;
    }

    private Index scan(long now) {
        Map<String, Path> fns = new HashMap<>();
        Map<String, Path> legacy = new HashMap<>();
        Map<String, Path> typeFiles = new HashMap<>();
        Map<Path, Long> modified = new HashMap<>();
        java.util.Set<String> withProviders = new java.util.HashSet<>();
        List<Path> libDirs = new ArrayList<>();
        for (Path m : modules.get()) {
            String module = m.getFileName().toString();
            Path lib = m.resolve("lib");
            if (!Files.isDirectory(lib)) {
                continue;
            }
            libDirs.add(lib);
            index(lib.resolve("puppet/functions"), true, module, fns, modified);
            index(lib.resolve("puppet/parser/functions"), false, null, legacy, modified);
            index(lib.resolve("puppet/type"), false, null, typeFiles, modified);
            try (Stream<Path> providers = Files.list(lib.resolve("puppet/provider"))) {
                providers.filter(Files::isDirectory).forEach(d -> withProviders.add(d.getFileName().toString()));
            } catch (IOException e) {
                // no providers in this module
            }
        }
        return new Index(now, Map.copyOf(fns), Map.copyOf(legacy), Map.copyOf(typeFiles), Set.copyOf(withProviders),
            List.copyOf(libDirs), Map.copyOf(modified));
    }

    /** Names the .rb files under ROOT; nested directories are namespaces only where NESTED (4.x functions). */
    private static void index(Path root, boolean nested, String module, Map<String, Path> into,
                              Map<Path, Long> modified) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = nested ? Files.walk(root) : Files.list(root)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String rel = root.relativize(f).toString();
                if (!rel.endsWith(".rb") || !Files.isRegularFile(f)) {
                    continue;
                }
                String name = rel.substring(0, rel.length() - 3).replace('/', ':').replace(":", "::").toLowerCase();
                if (name.contains("::") && !name.startsWith(module + "::")) {
                    continue; // a namespaced function lives in the module of its namespace
                }
                into.putIfAbsent(name, f);
                modified.put(f, Files.getLastModifiedTime(f).toMillis() ^ Files.size(f) << 40);
            }
        } catch (IOException e) {
            // an unreadable directory holds nothing we can run
        }
    }
}

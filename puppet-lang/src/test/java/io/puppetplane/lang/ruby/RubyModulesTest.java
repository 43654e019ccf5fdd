package io.puppetplane.lang.ruby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puppetplane.lang.CompileError;
import io.puppetplane.lang.CompileRequest;
import io.puppetplane.lang.catalog.Catalog;
import io.puppetplane.lang.catalog.CatalogResource;
import io.puppetplane.lang.eval.CodeBase;
import io.puppetplane.lang.eval.CompilationRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module Ruby run at compile time: isolation from compiles without Ruby, time limits, reloading, failures. */
class RubyModulesTest {

    @TempDir
    Path env;

    private CodeBase site(String manifest, Duration limit) throws IOException {
        Files.createDirectories(env.resolve("manifests"));
        Files.writeString(env.resolve("manifests/site.pp"), manifest);
        Files.createDirectories(env.resolve("modules"));
        return new CodeBase(env, false, limit);
    }

    private void function(String module, String name, String ruby) throws IOException {
        Path f = env.resolve("modules/" + module + "/lib/puppet/functions/" + module + "/" + name + ".rb");
        Files.createDirectories(f.getParent());
        Files.writeString(f, ruby);
    }

    private static Catalog compile(CodeBase code) {
        return CompilationRunner.run(code, new CompileRequest("node1.example.com",
            Map.of("os", Map.of("family", "Debian")), null, null, null, null), null, null);
    }

    private static Object message(Catalog catalog, String title) {
        for (CatalogResource r : catalog.resources()) {
            if (r.type().equals("Notify") && r.title().equals(title)) {
                return r.parameters().get("message");
            }
        }
        throw new AssertionError("no Notify[" + title + "] in the catalog");
    }

    @Test
    void aCompileThatCallsNoRubyNeverStartsTheRuntime() throws IOException {
        function("m", "unused", "Puppet::Functions.create_function(:'m::unused') { def unused; 1; end }");
        CodeBase code = site("notify { 'x': message => upcase('plain') }", Duration.ofSeconds(5));
        assertEquals("PLAIN", message(compile(code), "x"), "core function result");
        assertFalse(code.rubyModules().started(), "no module Ruby was called, so no JRuby runtime may be started");
    }

    @Test
    void aClosedEnvironmentStopsItsRuntimeAndStartsAnotherWhenUsedAgain() throws IOException {
        function("m", "hi", "Puppet::Functions.create_function(:'m::hi') { def hi; 'hi'; end }");
        CodeBase code = site("notify { 'x': message => m::hi() }", Duration.ofSeconds(5));
        assertEquals("hi", message(compile(code), "x"), "first runtime");
        assertTrue(code.rubyModules().started(), "a Ruby call started the runtime");
        code.rubyModules().close();
        assertFalse(code.rubyModules().started(), "close stops it (a code version no longer served)");
        assertEquals("hi", message(compile(code), "x"), "a later compile starts a new runtime");
    }

    @Test
    void aRubyFunctionThatNeverReturnsFailsTheCompileAtItsTimeLimit() throws IOException {
        function("m", "spin", """
            Puppet::Functions.create_function(:'m::spin') do
              def spin
                begin
                  loop { }
                rescue => e
                  'a rescue of StandardError must not swallow the time limit'
                end
              end
            end
            """);
        function("m", "fine", "Puppet::Functions.create_function(:'m::fine') { def fine; 'ok'; end }");
        CodeBase code = site("notify { 'x': message => m::spin() }", Duration.ofMillis(500));
        CompileError e = assertTimeoutPreemptively(Duration.ofSeconds(30),
            () -> assertThrows(CompileError.class, () -> compile(code)), "the limit must end the call");
        assertEquals("Ruby function 'm::spin' did not finish within 500 ms", e.getMessage(), "refusal");
        assertEquals(1, e.line(), "the error points at the call");
        assertTrue(e.file().endsWith("site.pp"), "the error names the manifest: " + e.file());
        Files.writeString(env.resolve("manifests/site.pp"), "notify { 'x': message => m::fine() }");
        assertEquals("ok", message(compile(code), "x"), "the runtime keeps serving after a stopped call");
    }

    @Test
    void theTimeLimitCountsComputingNotWaitingUpToThreeTimesTheLimit() throws IOException {
        function("m", "nap", "Puppet::Functions.create_function(:'m::nap') { def nap(s); sleep(s); 'rested'; end }");
        CodeBase code = site("notify { 'x': message => m::nap(0.8) }", Duration.ofMillis(500));
        assertEquals("rested", message(compile(code), "x"), "a call waiting past the limit but not computing");
        Files.writeString(env.resolve("manifests/site.pp"), "notify { 'x': message => m::nap(30) }");
        CompileError e = assertTimeoutPreemptively(Duration.ofSeconds(20),
            () -> assertThrows(CompileError.class, () -> compile(code)), "waiting too long is stopped too");
        assertEquals("Ruby function 'm::nap' did not finish within 500 ms", e.getMessage(), "refusal");
    }

    @Test
    void theRuntimeOfAStoppedCallIsReplaced() throws IOException {
        function("m", "mark", "Puppet::Functions.create_function(:'m::mark') { def mark; $pp_mark = 'set'; end }");
        function("m", "seen", "Puppet::Functions.create_function(:'m::seen') { def seen; $pp_mark.inspect; end }");
        function("m", "spin", "Puppet::Functions.create_function(:'m::spin') { def spin; loop { }; end }");
        CodeBase code = site("notify { 'x': message => m::mark() }", Duration.ofMillis(500));
        assertEquals("set", message(compile(code), "x"), "a global set in the first runtime");
        Files.writeString(env.resolve("manifests/site.pp"), "notify { 'x': message => m::seen() }");
        assertEquals("\"set\"", message(compile(code), "x"), "seen while the runtime lives");
        Files.writeString(env.resolve("manifests/site.pp"), "notify { 'x': message => m::spin() }");
        assertThrows(CompileError.class, () -> compile(code), "stopped at the limit");
        Files.writeString(env.resolve("manifests/site.pp"), "notify { 'x': message => m::seen() }");
        assertEquals("nil", message(compile(code), "x"), "a new runtime, without what the stopped one held");
    }

    @Test
    void aRubyFileThatDoesNotLoadIsACompileErrorNamingIt() throws IOException {
        function("m", "broken", "Puppet::Functions.create_function(:'m::broken') do\n  def broken(\nend\n");
        CodeBase code = site("$x = m::broken()", Duration.ofSeconds(5));
        CompileError e = assertThrows(CompileError.class, () -> compile(code));
        assertTrue(e.getMessage().startsWith("Could not load ") && e.getMessage().contains("m/broken.rb"),
            "the message names the Ruby file: " + e.getMessage());
        assertEquals(1, e.line(), "and the call's line");
    }

    @Test
    void aLibraryNoRubyHasIsRefusedWithRubysLoadErrorNamingNoModuleFile() throws IOException {
        // as Debian's Ruby Puppet 7.23 words both: the function's LoadError raw, the type's after its autoload
        function("m", "native", "require 'no/such/native'\n"
            + "Puppet::Functions.create_function(:'m::native') { def native; 1; end }");
        Path type = env.resolve("modules/m/lib/puppet/type/probe_socket.rb");
        Files.createDirectories(type.getParent());
        Files.writeString(type, "require 'no/such/native'\nPuppet::Type.newtype(:probe_socket) { newparam(:name) }");
        CodeBase code = site("$x = m::native()", Duration.ofSeconds(5));
        assertEquals("cannot load such file -- no/such/native",
            assertThrows(CompileError.class, () -> compile(code)).getMessage(), "function");
        Files.writeString(env.resolve("manifests/site.pp"), "probe_socket { '/run/probe.sock': }");
        assertEquals("Could not autoload puppet/type/probe_socket: cannot load such file -- no/such/native",
            assertThrows(CompileError.class, () -> compile(code)).getMessage(), "type");
    }

    @Test
    void aChangedRubyFileIsReadAgain() throws Exception {
        function("m", "version", "Puppet::Functions.create_function(:'m::version') { def version; 'one'; end }");
        CodeBase code = site("notify { 'x': message => m::version() }", Duration.ofSeconds(5));
        assertEquals("one", message(compile(code), "x"), "first version");
        Path f = env.resolve("modules/m/lib/puppet/functions/m/version.rb");
        Files.writeString(f, "Puppet::Functions.create_function(:'m::version') { def version; 'two!'; end }");
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Thread.sleep(2_100); // the module directories are looked at again every 2 s
        assertEquals("two!", message(compile(code), "x"), "the edited function answers");
    }

    @Test
    void aResourceApiTypeIsCheckedLikeAnyOtherType() throws IOException {
        Path f = env.resolve("modules/m/lib/puppet/type/api_thing.rb");
        Files.createDirectories(f.getParent());
        Files.writeString(f, """
            require 'puppet/resource_api'

            Puppet::ResourceApi.register_type(
              name: 'api_thing',
              docs: 'A thing managed through the Resource API.',
              features: [],
              attributes: {
                ensure: { type: 'Enum[present, absent]', desc: 'Whether it exists.', default: 'present' },
                name:   { type: 'String', desc: 'Its name.', behaviour: :namevar },
                size:   { type: 'Integer', desc: 'How big.' },
                serial: { type: 'String', desc: 'Read from the system.', behaviour: :read_only },
              },
            )
            """);
        CodeBase code = site("api_thing { 'one': name => 'one', size => 3 }", Duration.ofSeconds(5));
        Catalog catalog = compile(code);
        CatalogResource thing = catalog.resources().stream().filter(r -> r.type().equals("Api_thing")).findFirst()
            .orElseThrow(() -> new AssertionError("no Api_thing in the catalog"));
        assertEquals(Map.of("size", 3L), thing.parameters(), "the namevar equal to the title is left out");
        Files.writeString(env.resolve("manifests/site.pp"), "api_thing { 'two': colour => 'red' }");
        CompileError e = assertThrows(CompileError.class, () -> compile(code));
        assertEquals("no parameter named 'colour' on Api_thing[two]", e.getMessage(), "unknown attribute refused");
    }

    @Test
    void concurrentCompilesNeverInterleaveInsideOneRubyCall() throws Exception {
        // module code keeps state between statements of one call (icinga2 keeps its constants in a module variable);
        // Ruby Puppet gives each compile a runtime to itself, so one call never sees another's state
        function("m", "remember", """
            module Memory
              class << self; attr_accessor :value; end
            end
            Puppet::Functions.create_function(:'m::remember') do
              def remember(v)
                Memory.value = v
                20_000.times { Thread.pass if rand < 0.01 }
                Memory.value
              end
            end
            """);
        CodeBase code = site("notify { 'x': message => m::remember($who) }", Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String who = "node" + i;
                answers.add(pool.submit(() -> message(CompilationRunner.run(code, new CompileRequest(who,
                    Map.of("who", who), null, null, null, null), null, null), "x")));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals("node" + i, answers.get(i).get(), "compile " + i + " saw another call's module state");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCompilesCallingRubyGetTheirOwnScopes() throws Exception {
        function("m", "greet", """
            Puppet::Functions.create_function(:'m::greet') do
              def greet
                "hello #{closure_scope['who']}"
              end
            end
            """);
        CodeBase code = site("notify { 'x': message => m::greet() }", Duration.ofSeconds(10));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String who = "node" + i;
                answers.add(pool.submit(() -> message(CompilationRunner.run(code, new CompileRequest(who,
                    Map.of("who", who), null, null, null, null), null, null), "x")));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals("hello node" + i, answers.get(i).get(), "compile " + i + " saw another's scope");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

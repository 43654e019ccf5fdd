package io.puppetplane.lang.erb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puppetplane.lang.spi.VariableScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Template files are compiled once and again only after they change. */
class ErbTemplateCacheTest {

    @TempDir
    Path dir;

    @Test
    void compilesOnceAndAgainAfterAChange() throws IOException {
        Path file = dir.resolve("motd.erb");
        Files.writeString(file, "one <%= 1 %>");
        ErbTemplateCache cache = new ErbTemplateCache(Clock.systemUTC(), Duration.ZERO);
        ErbTemplate first = cache.get(file);
        assertSame(first, cache.get(file), "an unchanged file is not compiled again");
        Files.writeString(file, "two, longer <%= 2 %>");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals("two, longer 2", cache.get(file).render(VariableScope.EMPTY), "a changed file is compiled again");
    }

    @Test
    void missingFileIsATemplateError() {
        TemplateError error = assertThrows(TemplateError.class, () -> new ErbTemplateCache().get(dir.resolve("none.erb")));
        assertTrue(error.detail().startsWith("Could not read template"), error.detail());
    }
}

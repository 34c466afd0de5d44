package dev.nnpaint.web;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's unit tests (src/test/js, under Node) run on the field table as GET /api/options sends it, kept in
 * src/test/js/fields.json; this test keeps that copy equal to what the server sends.
 */
class PageFieldsFixtureTest {

    @Test
    void thePageTestsFieldTableIsTheServers() throws Exception {
        Path fixture = Path.of("src", "test", "js", "fields.json");
        String served = Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(PaintApi.fields()) + "\n";
        if (Boolean.getBoolean("docs.write")) { // mvn test -Dtest=PageFieldsFixtureTest -Ddocs.write=true
            Files.writeString(fixture, served);
        }
        assertThat(Files.readString(fixture)).as("src/test/js/fields.json is the field table the server sends: run "
                + "PageFieldsFixtureTest with -Ddocs.write=true and commit the file").isEqualTo(served);
    }
}

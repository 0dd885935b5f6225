package dev.glasscart.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI 3.1 description of the HTTP API, served at {@code /openapi.json}: the document
 * {@code src/main/resources/dev/glasscart/server/openapi.json}, next to docs/protocol.md (which
 * links it). {@code OpenApiTest} validates real responses of every route against its schemas and
 * checks that it names every route the server mounts.
 */
public final class OpenApi {
  private OpenApi() {}

  /** The document's text, as served. */
  public static String document() {
    try (InputStream in = OpenApi.class.getResourceAsStream("openapi.json")) {
      if (in == null) throw new IllegalStateException("openapi.json is missing from the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read openapi.json", e);
    }
  }
}

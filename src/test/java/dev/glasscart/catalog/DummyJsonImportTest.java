package dev.glasscart.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Imports the real dummyjson file when this machine has the shared data sets; skipped otherwise. */
final class DummyJsonImportTest {

  private static final Path FILE = Path.of("/work/shared/datasets/dummyjson/products.json");

  @Test
  void should_import_every_dummyjson_product() {
    // Given the real file
    assumeTrue(Files.isReadable(FILE), "no shared data set at " + FILE);

    // When importing it
    ImportResult r = CatalogImporter.read(FILE);

    // Then all 194 products arrive with their reviews, images and facts
    assertTrue(r.clean(), r.errors().toString());
    assertEquals(194, r.products().size());
    for (Product p : r.products()) {
      assertFalse(p.title().isBlank(), p.id());
      assertFalse(p.category().isBlank(), p.id());
      assertTrue(p.reviewCount() == p.reviews().size() && !p.reviews().isEmpty(), p.id());
      assertTrue(p.imageUrl() != null && p.imageUrl().startsWith("https://"), p.id());
      assertTrue(p.attributes().containsKey("warranty") && p.attributes().containsKey("shipping"), p.id());
    }
    assertEquals("1", r.products().get(0).id());
    assertEquals("Essence Mascara Lash Princess", r.products().get(0).title());
  }
}

package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Understanding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Understanding over the dummyjson catalog (a different vocabulary from the demo catalog), read
 * with a small JSON read; skipped when the shared file is absent.
 */
final class DummyJsonUnderstandingTest {
  private static final Path FILE = Path.of("/work/shared/datasets/dummyjson/products.json");
  private static Catalog catalog;

  @BeforeAll
  static void load() throws IOException {
    Assumptions.assumeTrue(Files.exists(FILE), "dummyjson dataset not present: " + FILE);
    JsonNode root = new ObjectMapper().readTree(FILE.toFile());
    JsonNode items = root.isArray() ? root : root.get("products");
    List<Product> ps = new ArrayList<>();
    for (JsonNode n : items) {
      List<String> tags = new ArrayList<>();
      n.path("tags").forEach(t -> tags.add(t.asText()));
      ps.add(new Product(n.get("id").asText(), n.get("title").asText(), n.path("description").asText(), n.path("brand").asText(""),
          n.path("category").asText(), n.get("price").asDouble(), "USD", n.path("rating").asDouble(), n.path("reviews").size(),
          tags, Map.of(), n.path("stock").asInt(), List.of(), null));
    }
    catalog = new Catalog(ps);
  }

  private static List<Product> filtered(Understanding u) {
    List<Product> out = new ConstraintFilter(catalog).apply(catalog.products(), u.constraints()).products();
    assertTrue(out.stream().allMatch(p -> ConstraintFilter.satisfies(p, u.constraints())));
    return out;
  }

  @Test
  void should_understand_a_conversation_with_the_dummyjson_vocabulary() {
    Understander understander = new Understander(CatalogVocabulary.from(catalog), catalog);
    DialogueState state = new DialogueState();

    Understanding u = understander.understand(state, "a lipstick under $20", 1);
    assertEquals("lipstick", u.query());
    assertEquals(List.of(Constraint.of(Kind.PRICE_MAX, "20", 1)), u.constraints());
    assertTrue(filtered(u).stream().anyMatch(p -> p.tags().contains("lipstick")));

    u = understander.understand(state, "now I need a laptop", 2);
    assertEquals(List.of(Constraint.of(Kind.CATEGORY, "laptops", 2)), u.constraints(), "new topic starts fresh");

    u = understander.understand(state, "only Apple", 3);
    assertEquals(List.of(Constraint.of(Kind.CATEGORY, "laptops", 2), Constraint.of(Kind.BRAND, "Apple", 3)), u.constraints());
    assertEquals(List.of("Apple MacBook Pro 14 Inch Space Grey"), filtered(u).stream().map(Product::title).toList());

    u = understander.understand(state, "smartphones, not Samsung", 4);
    assertEquals(List.of(Constraint.of(Kind.CATEGORY, "smartphones", 4), Constraint.of(Kind.NOT_BRAND, "Samsung", 4)), u.constraints());
    List<Product> phones = filtered(u);
    assertFalse(phones.isEmpty());
    assertTrue(phones.stream().noneMatch(p -> p.brand().equals("Samsung")));

    u = understander.understand(state, "shoes for women under 50 bucks", 5);
    assertTrue(u.constraints().contains(Constraint.of(Kind.CATEGORY, "womens-shoes", 5)), u.constraints().toString());
    assertTrue(filtered(u).stream().allMatch(p -> p.category().equals("womens-shoes") && p.price() <= 50));
  }

  @Test
  void should_explain_an_impossible_request_with_dummyjson_facts() {
    Understander understander = new Understander(CatalogVocabulary.from(catalog), catalog);
    Understanding u = understander.understand(new DialogueState(), "sunglasses under $5", 1);
    ConstraintFilter.Result r = new ConstraintFilter(catalog).apply(catalog.products(), u.constraints());
    assertTrue(r.products().isEmpty());
    double cheapest = catalog.products().stream().filter(p -> p.category().equals("sunglasses")).mapToDouble(Product::price).min().orElseThrow();
    assertTrue(r.note().startsWith("no sunglasses under $5; the cheapest is $"), r.note());
    assertTrue(r.note().endsWith(String.format(java.util.Locale.ROOT, "%.2f", cheapest)), r.note());
  }
}

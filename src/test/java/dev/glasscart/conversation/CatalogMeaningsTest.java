package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.conversation.CatalogVocabulary.Term;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Understanding;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Words mapped by meaning with the real bundled encoder, on a small catalog and the demo catalog. */
class CatalogMeaningsTest {
  private static final List<String> UNRELATED = List.of("gift", "mom", "today", "weather", "loves", "something");
  private static OnnxEmbedder embedder;

  @BeforeAll
  static void encoder() {
    embedder = OnnxEmbedder.createDefault(ExecutionDevice.CPU, Path.of("target", "ort-native").toAbsolutePath());
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  private static Set<String> mapped(CatalogMeanings m, String word) {
    return m.categoriesOf(word).categories().stream().map(Term::value).collect(Collectors.toSet());
  }

  @Test
  void smallCatalogFromNamesAloneThenWithTitles() {
    Catalog catalog = TestCatalog.build();
    CatalogMeanings m = CatalogMeanings.of(CatalogVocabulary.from(catalog), embedder);
    assertEquals(Set.of("Laptops"), mapped(m, "notebook"));
    assertEquals(Set.of("Headphones"), mapped(m, "earphones"));
    for (String w : UNRELATED) assertEquals(Set.of(), mapped(m, w), w);

    List<Product> ps = catalog.products();
    float[][] titles = embedder.embed(ps.stream().map(Product::title).toList());
    Map<String, float[]> byId = new HashMap<>();
    for (int i = 0; i < ps.size(); i++) byId.put(ps.get(i).id(), titles[i]);
    m.learnTitles(catalog, byId::get);
    assertEquals(Set.of("Running Shoes"), mapped(m, "sneakers"));
    assertEquals(Set.of("Laptops"), mapped(m, "notebook"));
    assertEquals(Set.of("Headphones"), mapped(m, "earphones"));
    for (String w : UNRELATED) assertEquals(Set.of(), mapped(m, w), w);
  }

  @Test
  void demoCatalogSynonymsMapAndUnrelatedWordsDoNot() {
    CatalogMeanings m = CatalogMeanings.of(CatalogVocabulary.from(new Catalog(DemoCatalog.generate())), embedder);
    m.learnTags();
    assertEquals(Set.of("headphones"), mapped(m, "earbuds"));
    assertEquals(Set.of("smartphones"), mapped(m, "cellphone"));
    assertEquals(Set.of("smartwatches"), mapped(m, "wristwatch"));
    assertEquals(Set.of("dresses"), mapped(m, "gown"));
    for (String w : List.of("gift", "mom", "today", "weather", "birthday", "husband")) assertEquals(Set.of(), mapped(m, w), w);
  }

  @Test
  void aMappedWordIsACategoryConstraintAndTopicLikeASpelledOne() {
    Catalog catalog = new Catalog(DemoCatalog.generate());
    CatalogVocabulary vocabulary = CatalogVocabulary.from(catalog);
    CatalogMeanings m = CatalogMeanings.of(vocabulary, embedder);
    m.learnTags();
    Understander understander = new Understander(vocabulary, catalog, m);
    DialogueState state = new DialogueState();
    Understanding u = understander.understand(state, "bluetooth earbuds under $200", 1);
    assertTrue(u.constraints().contains(Constraint.of(Kind.CATEGORY, "headphones", 1)), u.constraints().toString());
    assertTrue(u.query().contains("earbuds"), u.query());
    // another product noun by meaning starts a new topic, as a spelled category word would
    u = understander.understand(state, "a cellphone instead", 2);
    assertEquals(List.of("smartphones"), categories(u));
    // unrelated words add no category
    u = understander.understand(new DialogueState(), "a gift for my mom today", 1);
    assertEquals(List.of(), categories(u));
    // negated: the mapped category is excluded
    u = understander.understand(new DialogueState(), "laptops, no cellphone", 1);
    assertTrue(u.constraints().contains(Constraint.of(Kind.NOT_CATEGORY, "smartphones", 1)), u.constraints().toString());
  }

  private static List<String> categories(Understanding u) {
    return u.constraints().stream().filter(c -> c.kind() == Kind.CATEGORY).map(Constraint::value).toList();
  }

  @Test
  void withoutAnEncoderNothingMaps() {
    assertEquals(List.of(), CatalogMeanings.NONE.categoriesOf("sneakers").categories());
  }
}

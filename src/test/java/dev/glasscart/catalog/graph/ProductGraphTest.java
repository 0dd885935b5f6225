package dev.glasscart.catalog.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The product graph over the demo catalog: every relation, its reasons, and the rule file. */
class ProductGraphTest {
  private static List<Product> demo;
  private static Map<String, Product> byId;
  private static ProductGraph plain;
  private static ProductGraph embedded;

  @BeforeAll
  static void build() {
    demo = DemoCatalog.generate();
    byId = new HashMap<>();
    for (Product p : demo) byId.put(p.id(), p);
    plain = new GraphBuilder(demo, ComplementRules.defaults()).build();
    Map<String, float[]> titles = new HashMap<>();
    try (OnnxEmbedder e = OnnxEmbedder.createDefault(ExecutionDevice.CPU, Path.of("target", "ort-native").toAbsolutePath())) {
      float[][] v = e.embed(demo.stream().map(Product::title).toList());
      for (int i = 0; i < demo.size(); i++) titles.put(demo.get(i).id(), v[i]);
    }
    embedded = new GraphBuilder(demo, ComplementRules.defaults()).titleVectors(titles::get).build();
  }

  private static Product first(String category) {
    return demo.stream().filter(p -> p.category().equals(category)).findFirst().orElseThrow();
  }

  private static Set<String> categories(List<Edge> edges) {
    return edges.stream().map(e -> byId.get(e.to()).category()).collect(Collectors.toSet());
  }

  @Test
  void laptopsGoWithBagsAndHeadphonesByTheDefaultRules() {
    Product laptop = first("laptops");
    List<Edge> goes = embedded.from(laptop.id(), Relation.COMPLEMENTARY);
    assertEquals(GraphBuilder.PER_RELATION, goes.size(), goes.toString());
    assertEquals(Set.of("backpacks", "headphones"), categories(goes), goes.toString());
    Edge bag = goes.stream().filter(e -> byId.get(e.to()).category().equals("backpacks")).findFirst().orElseThrow();
    assertTrue(bag.reason().startsWith("backpacks go with laptops"), bag.reason());
    // no complement is of the source's own category, and no edge points at its own product
    for (Edge e : plain.edges()) {
      assertFalse(e.from().equals(e.to()));
      if (e.relation() == Relation.COMPLEMENTARY) assertFalse(byId.get(e.from()).category().equals(byId.get(e.to()).category()), e.toString());
    }
  }

  @Test
  void hikingBootsGoWithOutdoorGear() {
    Set<String> cats = categories(embedded.from(first("hiking boots").id(), Relation.COMPLEMENTARY));
    assertTrue(cats.containsAll(Set.of("backpacks", "jackets", "tents", "water bottles")), cats.toString());
  }

  @Test
  void sameBrandNamesTheBrandAndPrefersItsOtherCategories() {
    Product p = demo.stream().filter(x -> x.brand().equals("Apple")).findFirst().orElseThrow();
    List<Edge> same = plain.from(p.id(), Relation.SAME_BRAND);
    assertEquals(GraphBuilder.PER_RELATION, same.size());
    for (Edge e : same) {
      assertEquals("Apple", byId.get(e.to()).brand());
      assertTrue(e.reason().startsWith("also by Apple"), e.reason());
    }
    assertTrue(categories(same).size() >= 3, "other categories first: " + categories(same));
    assertTrue(same.get(0).weight() > same.get(same.size() - 1).weight());
  }

  @Test
  void similarIsSameCategoryCloseTitlesAndSharedAttributes() {
    Product boot = first("hiking boots");
    List<Edge> similar = embedded.from(boot.id(), Relation.SIMILAR);
    assertEquals(GraphBuilder.PER_RELATION, similar.size());
    for (Edge e : similar) {
      assertEquals("hiking boots", byId.get(e.to()).category());
      assertTrue(e.reason().startsWith("also hiking boots"), e.reason());
    }
    assertTrue(similar.stream().anyMatch(e -> e.reason().contains("same ")), similar.toString());
    // before the embeddings: shared attribute values alone, still named in the reason
    List<Edge> before = plain.from(boot.id(), Relation.SIMILAR);
    assertFalse(before.isEmpty());
    for (Edge e : before) assertTrue(e.reason().contains("same "), e.reason());
  }

  @Test
  void cheaperAlternativesCostLessBySaidAmount() {
    int checked = 0;
    for (Edge e : embedded.edges()) {
      if (e.relation() != Relation.CHEAPER_ALTERNATIVE) continue;
      Product from = byId.get(e.from());
      Product to = byId.get(e.to());
      assertTrue(to.price() <= from.price() * GraphBuilder.CHEAPER_BY, e.toString());
      assertEquals(from.category(), to.category());
      assertTrue(e.reason().startsWith(Money.format(from.price() - to.price(), from.currency()) + " less; also "), e.reason());
      assertTrue(embedded.edge(e.from(), e.to(), Relation.SIMILAR) != null || embedded.from(e.from(), Relation.SIMILAR).size() == GraphBuilder.PER_RELATION);
      checked++;
    }
    assertTrue(checked > 500, "cheaper alternatives: " + checked);
  }

  @Test
  void likedTogetherAddsComplementsBothWays() {
    Product tent = first("tents");
    Product blender = first("blenders");
    ProductGraph g = new GraphBuilder(demo, ComplementRules.defaults())
        .likedTogether(List.of(new GraphBuilder.LikedPair(tent.id(), blender.id(), 3),
            new GraphBuilder.LikedPair(first("jeans").id(), first("tablets").id(), 1))).build();
    Edge e = g.edge(tent.id(), blender.id(), Relation.COMPLEMENTARY);
    assertEquals("liked together by shoppers in 3 conversations", e.reason());
    assertTrue(g.edge(blender.id(), tent.id(), Relation.COMPLEMENTARY) != null);
    assertTrue(g.edge(first("jeans").id(), first("tablets").id(), Relation.COMPLEMENTARY) == null, "one conversation is not enough");
  }

  @Test
  void operatorRulesExtendTheDefaultsAndBadLinesSayWhere() throws Exception {
    Path file = Files.createTempFile("rules", ".rules");
    Files.writeString(file, "# kitchen\nblenders -> tents\n");
    ComplementRules rules = ComplementRules.defaultsPlus(file);
    assertEquals(ComplementRules.defaults().rules().size() + 1, rules.rules().size());
    ProductGraph g = new GraphBuilder(demo, rules).build();
    assertTrue(categories(g.from(first("blenders").id(), Relation.COMPLEMENTARY)).contains("tents"));
    assertEquals(ComplementRules.defaults().rules().size(), ComplementRules.defaultsPlus(file.resolveSibling("missing.rules")).rules().size());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ComplementRules.parse("a -> b\nno arrow here\n", "x.rules"));
    assertTrue(bad.getMessage().contains("x.rules line 2"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ComplementRules.parse(" -> b", "y.rules"));
  }

  @Test
  void phrasesMatchWholeWordsInTheSingular() {
    ComplementRules.Phrase shoes = ComplementRules.parse("running shoes -> socks", "t").rules().get(0).sources().get(0);
    assertTrue(ComplementRules.contains(ComplementRules.words("Running Shoes"), shoes));
    assertFalse(ComplementRules.contains(ComplementRules.words("shoes for running"), shoes));
    ComplementRules.Phrase phones = ComplementRules.parse("phones -> cases", "t").rules().get(0).sources().get(0);
    assertFalse(ComplementRules.contains(ComplementRules.words("headphones"), phones));
  }
}

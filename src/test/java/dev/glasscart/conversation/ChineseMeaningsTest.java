package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.conversation.CatalogVocabulary.Term;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Understanding;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chinese words mapped by meaning with the real Chinese encoder (bge-small-zh-v1.5) over the small
 * Chinese test catalog (brands in Latin letters): brands said by their Chinese names, categories
 * said with words the catalog does not use, and the guards that keep product words from naming brands.
 */
class ChineseMeaningsTest {
  private static OnnxEmbedder embedder;
  private static Catalog catalog;
  private static CatalogMeanings meanings;
  private static Understander understander;

  @BeforeAll
  static void learn() {
    embedder = OnnxEmbedder.createChinese(ExecutionDevice.CPU, Path.of("target", "ort-native").toAbsolutePath());
    List<Product> ps = new ArrayList<>(ChineseTestCatalog.build().products());
    // a brand the encoder cannot know, whose description writes a Chinese name beside the Latin one
    ps.add(new Product("k1", "Qorvane 电竞耳机", "Qorvane（寇尔梵）电竞耳机，低延迟，黑色。", "Qorvane", "耳机", 599, "CNY", 4.3, 120,
        List.of("耳机", "电竞"), Map.of("colour", "黑色"), 10, List.of(), null));
    catalog = new Catalog(ps);
    CatalogVocabulary vocabulary = CatalogVocabulary.from(catalog);
    meanings = CatalogMeanings.of(vocabulary, embedder);
    meanings.learnTags();
    meanings.learnBrands(catalog);
    understander = new Understander(vocabulary, catalog, meanings);
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  private static String brandOf(String word) {
    List<Term> t = meanings.brandOf(word).categories();
    return t.isEmpty() ? null : t.get(0).value();
  }

  private static String value(Understanding u, Kind kind) {
    return u.constraints().stream().filter(c -> c.kind() == kind).map(Constraint::value).findFirst().orElse(null);
  }

  @Test
  void should_map_the_chinese_names_of_well_known_brands_to_the_latin_spelling() {
    assertEquals("Lenovo", brandOf("联想"), meanings.brandOf("联想").toString());
    assertEquals("Dell", brandOf("戴尔"), meanings.brandOf("戴尔").toString());
    assertEquals("Sony", brandOf("索尼"), meanings.brandOf("索尼").toString());
  }

  @Test
  void should_learn_a_brand_name_that_its_products_write_beside_the_latin_one() {
    CatalogMeanings.Mapping m = meanings.brandOf("寇尔梵");
    assertTrue(m.best() < CatalogMeanings.ZH_BRAND_COSINE, "the encoder does not know this name: " + m);
    assertEquals("Qorvane", brandOf("寇尔梵"), m.toString());
    assertEquals(null, brandOf("电竞"), "only this brand's product says 电竞, but not beside its name: " + meanings.brandOf("电竞"));
  }

  @Test
  void should_never_read_a_product_word_or_an_unrelated_word_as_a_brand() {
    // 耳机 is in the titles of several brands' products: a kind of product, not a brand
    assertEquals(null, brandOf("耳机"), meanings.brandOf("耳机").toString());
    for (String w : List.of("天气", "礼物", "妈妈", "便宜", "好看", "质量")) assertEquals(null, brandOf(w), meanings.brandOf(w).toString());
  }

  @Test
  void should_use_the_same_mapping_for_include_exclude_and_references() {
    DialogueState state = new DialogueState();
    Understanding u = understander.understand(state, "笔记本电脑，不要戴尔的", 1);
    assertEquals("Dell", value(u, Kind.NOT_BRAND), u.toString());
    assertEquals("笔记本电脑", value(u, Kind.CATEGORY));
    u = understander.understand(state, "只要联想的", 2);
    assertEquals("Lenovo", value(u, Kind.BRAND), u.toString());

    DialogueState shown = new DialogueState();
    understander.understand(shown, "笔记本电脑", 1);
    shown.shown(catalog.products().stream().filter(p -> p.category().equals("笔记本电脑")).toList());
    u = understander.understand(shown, "比较联想和戴尔", 2);
    assertEquals(Intent.COMPARE, u.intent());
    assertEquals(List.of("z1", "z3"), u.referencedProductIds(), u.toString());
  }

  @Test
  void should_map_a_chinese_word_the_catalog_does_not_use_to_its_category() {
    Understanding u = understander.understand(new DialogueState(), "推荐一双慢跑鞋", 1);
    assertEquals("跑步鞋", value(u, Kind.CATEGORY), u + " " + meanings.scores("慢跑鞋", 3));
  }

  @Test
  void should_not_map_who_the_shopper_shops_for() {
    Understanding u = understander.understand(new DialogueState(), "送给男士的礼物", 1);
    assertTrue(u.constraints().stream().noneMatch(c -> c.kind() == Kind.CATEGORY || c.kind() == Kind.BRAND), u.toString());
    assertFalse(CatalogMeanings.Thresholds.forEncoder("all-minilm-l6-v2-q@x").cjk(), "MiniLM reads no Chinese: no CJK mapping");
  }
}

package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Understanding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Chinese names of Latin-spelt brands from the bilingual dictionary (BilingualLexicon, LexiconBrands),
 * over catalogs made here: the bundled CC-CEDICT extract for real names, small lexicons written here
 * for each guard.
 */
final class LexiconBrandsTest {

  private static Product product(String id, String title, String brand, String category, double price, List<String> tags) {
    return new Product(id, title, title + "。", brand, category, price, "CNY", 4.5, 100, tags, Map.of(), 5, List.of(), null);
  }

  /** Watches and cameras of brands the catalog spells in Latin letters only. */
  private static Catalog shop() {
    List<Product> ps = new ArrayList<>();
    ps.add(product("w1", "Casio G-Shock 运动手表", "Casio", "手表", 899, List.of("手表", "运动")));
    ps.add(product("w2", "Casio 复古数字手表", "Casio", "手表", 299, List.of("手表", "复古")));
    ps.add(product("w3", "Seiko 机械手表", "Seiko", "手表", 2599, List.of("手表", "机械")));
    ps.add(product("w4", "Fossil 石英手表", "Fossil", "手表", 1199, List.of("手表", "石英")));
    ps.add(product("c1", "Canon EOS R50 微单相机", "Canon", "相机", 5499, List.of("相机", "微单")));
    ps.add(product("c2", "Sony Alpha 7 IV 全画幅相机", "Sony", "相机", 15999, List.of("相机", "全画幅")));
    return new Catalog(ps);
  }

  private static BilingualLexicon lexicon(String rows) throws IOException {
    return BilingualLexicon.read(new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)));
  }

  private static String brandOf(CatalogVocabulary v, String head) {
    CatalogVocabulary.Term t = v.chineseBrandNames().get(head);
    return t == null ? null : t.value();
  }

  private static String value(Understanding u, Kind kind) {
    return UnderstanderPhrasesTest.value(u, kind);
  }

  @Test
  void should_give_latin_brands_the_chinese_names_of_the_bundled_dictionary() {
    CatalogVocabulary v = CatalogVocabulary.from(shop());
    assertEquals("Casio", brandOf(v, "卡西欧"));
    assertEquals("Casio", brandOf(v, "卡西歐"), "traditional characters too");
    assertEquals("Canon", brandOf(v, "佳能"));
    assertEquals("Sony", brandOf(v, "索尼"));
    assertTrue(v.chineseBrandNames().values().stream().allMatch(t -> t.kind() == CatalogVocabulary.TermKind.BRAND));
    assertTrue(v.chineseBrandNames().values().stream().noneMatch(t -> t.value().equals("Fossil")),
        "a brand the dictionary has no proper name for gets none: " + v.chineseBrandNames());
  }

  @Test
  void should_read_a_dictionary_name_as_brand_include_exclude_and_reference() {
    Catalog catalog = shop();
    Understander understander = new Understander(CatalogVocabulary.from(catalog), catalog);
    assertEquals("Casio", value(understander.understand(new DialogueState(), "卡西欧的手表", 1), Kind.BRAND));

    DialogueState state = new DialogueState();
    understander.understand(state, "手表", 1);
    Understanding u = understander.understand(state, "不要卡西欧的", 2);
    assertEquals("Casio", value(u, Kind.NOT_BRAND));
    assertNull(value(u, Kind.BRAND));

    DialogueState shown = new DialogueState();
    understander.understand(shown, "手表", 1);
    shown.shown(catalog.products().stream().filter(p -> p.category().equals("手表")).toList());
    Understanding ref = understander.understand(shown, "为什么推荐那个精工的？", 2);
    assertEquals(List.of("w3"), ref.referencedProductIds());
  }

  @Test
  void should_not_name_a_brand_with_a_word_the_shops_other_products_write() throws IOException {
    BilingualLexicon lex = lexicon("星光\tp\tStarlite\n");
    List<Product> ps = new ArrayList<>();
    ps.add(product("a", "Starlite 台灯", "Starlite", "灯具", 199, List.of("台灯")));
    assertEquals("Starlite", brandOf(CatalogVocabulary.from(new Catalog(ps), lex), "星光"), "nobody writes it: the dictionary decides");
    ps.add(product("b", "星光 夜灯", "", "灯具", 59, List.of("夜灯")));
    assertNull(brandOf(CatalogVocabulary.from(new Catalog(ps), lex), "星光"), "an unbranded product's title writes it");
    List<Product> own = new ArrayList<>(ps.subList(0, 1));
    own.add(product("c", "Starlite（星光）落地灯", "Starlite", "灯具", 399, List.of("落地灯")));
    assertEquals("Starlite", brandOf(CatalogVocabulary.from(new Catalog(own), lex), "星光"), "only the brand's own products write it");
  }

  @Test
  void should_guard_both_spellings_of_a_name_by_what_the_catalog_writes_in_either() throws IOException {
    BilingualLexicon lex = lexicon("星光\tp\tStarlite\n星暉\tp\tStarlite\n星暉\tv\t星晖\n星晖\tp\tStarlite\n");
    List<Product> ps = new ArrayList<>();
    ps.add(product("a", "Starlite 台灯", "Starlite", "灯具", 199, List.of("台灯")));
    ps.add(product("b", "星晖 夜灯", "", "灯具", 59, List.of("夜灯")));
    CatalogVocabulary v = CatalogVocabulary.from(new Catalog(ps), lex);
    assertNull(brandOf(v, "星晖"), "an unbranded product writes the simplified spelling");
    assertNull(brandOf(v, "星暉"), "so the traditional one names no brand either");
    assertEquals("Starlite", brandOf(v, "星光"));
  }

  @Test
  void should_not_name_a_brand_with_a_word_whose_everyday_sense_the_shop_sells() throws IOException {
    BilingualLexicon lex = lexicon("橙子\tp\tOrange\n橙子\tc\torange\n");
    List<Product> ps = new ArrayList<>();
    ps.add(new Product("p1", "Orange Neo smartphone", "A phone.", "Orange", "smartphones", 299, "USD", 4, 10, List.of(), Map.of(), 3, List.of(), null));
    assertEquals("Orange", brandOf(CatalogVocabulary.from(new Catalog(ps), lex), "橙子"));
    ps.add(new Product("g1", "Fresh orange", "Fruit.", "", "groceries", 2, "USD", 4, 10, List.of("fruit"), Map.of(), 30, List.of(), null));
    assertNull(brandOf(CatalogVocabulary.from(new Catalog(ps), lex), "橙子"), "the shop also sells the fruit");
  }

  @Test
  void should_give_no_brand_a_name_that_two_brands_or_a_catalog_word_claim() throws IOException {
    BilingualLexicon lex = lexicon("双星\tp\tTwinstar\n双星\tp\tDoublestar\n台灯\tp\tLampco\n");
    List<Product> ps = new ArrayList<>();
    ps.add(product("a", "Twinstar 台灯", "Twinstar", "台灯", 99, List.of()));
    ps.add(product("b", "Doublestar 台灯", "Doublestar", "台灯", 89, List.of()));
    ps.add(product("c", "Lampco 台灯", "Lampco", "台灯", 79, List.of()));
    CatalogVocabulary v = CatalogVocabulary.from(new Catalog(ps), lex);
    assertNull(brandOf(v, "双星"), "two brands claim it");
    assertNull(brandOf(v, "台灯"), "it is the catalog's own category");
  }

  @Test
  void should_refuse_a_malformed_lexicon_row_naming_its_line() {
    IOException e = assertThrows(IOException.class, () -> lexicon("星光\tp\tStarlite\n星光 Starlite\n"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }
}

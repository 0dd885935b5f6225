package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ConstraintFilterTest {
  private final Catalog catalog = TestCatalog.build();
  private final ConstraintFilter filter = new ConstraintFilter(catalog);
  private static final Constraint SHOES = Constraint.of(Kind.CATEGORY, "Running Shoes", 1);

  private static List<String> ids(List<Product> ps) {
    return ps.stream().map(Product::id).toList();
  }

  @Test
  void should_keep_only_products_satisfying_every_constraint_and_sort_stably() {
    List<Constraint> cs = List.of(SHOES, Constraint.of(Kind.PRICE_MAX, "120", 1), new Constraint(Kind.NOT_ATTRIBUTE, "colour", "black", 2),
        Constraint.of(Kind.SORT, "CHEAPEST", 2));
    ConstraintFilter.Result r = filter.apply(catalog.products(), cs);
    assertEquals(List.of("s2", "s6"), ids(r.products()));
    assertEquals("", r.note());
    assertTrue(r.products().stream().allMatch(p -> cs.stream().allMatch(c -> c.test(p))));
  }

  @Test
  void catalog_wide_filtering_from_remembered_rows_equals_testing_every_product() {
    java.util.Random random = new java.util.Random(42);
    List<Constraint> pool = new java.util.ArrayList<>();
    for (Product p : catalog.products()) {
      pool.add(Constraint.of(Kind.BRAND, p.brand(), 1));
      pool.add(Constraint.of(Kind.NOT_BRAND, p.brand(), 2));
      pool.add(Constraint.of(Kind.CATEGORY, p.category(), 1));
      pool.add(Constraint.of(Kind.PRICE_MAX, String.valueOf(Math.round(p.price())), 2));
      pool.add(Constraint.of(Kind.PRICE_MIN, String.valueOf(Math.round(p.price())), 3));
      p.attributes().forEach((k, v) -> pool.add(new Constraint(Kind.ATTRIBUTE, k, v, 2)));
    }
    pool.add(Constraint.of(Kind.SORT, "CHEAPEST", 3));
    int keptSome = 0;
    for (int round = 0; round < 300; round++) {
      List<Constraint> cs = new java.util.ArrayList<>();
      for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) cs.add(pool.get(random.nextInt(pool.size())));
      // twice: the second answer comes from the remembered rows
      for (int again = 0; again < 2; again++) {
        assertEquals(ids(filter.keep(catalog.products(), cs)), ids(filter.keepInCatalog(cs)), cs::toString);
        assertEquals(ids(catalog.products().stream().filter(ConstraintFilter.fits(cs)).toList()),
            ids(filter.fittingInCatalog(cs)), cs::toString);
        // a turn's candidates: some of the catalog's products in another order, and a product that
        // is not the catalog's own instance (tested, not looked up), kept as testing each one keeps them
        List<Product> some = new java.util.ArrayList<>(catalog.products());
        java.util.Collections.shuffle(some, random);
        some = new java.util.ArrayList<>(some.subList(0, random.nextInt(some.size() + 1)));
        Product p = catalog.products().get(random.nextInt(catalog.products().size()));
        some.add(random.nextInt(some.size() + 1), new Product(p.id() + "-copy", p.title(), p.description(), p.brand(),
            p.category(), p.price(), p.currency(), p.rating(), p.reviewCount(), p.tags(), p.attributes(), p.stock(),
            p.reviews(), p.imageUrl()));
        List<Product> kept = filter.keep(some, cs);
        assertEquals(ids(ConstraintFilter.sorted(some.stream().filter(ConstraintFilter.fits(cs)).toList(), cs)),
            ids(kept), cs::toString);
        if (!kept.isEmpty()) keptSome++;
      }
    }
    assertTrue(keptSome > 100, "candidates kept in " + keptSome + " of 600 checks");
  }

  @Test
  void should_treat_includes_of_one_kind_as_alternatives() {
    List<Constraint> cs = List.of(SHOES, Constraint.of(Kind.BRAND, "Puma", 1), Constraint.of(Kind.BRAND, "Brooks", 1));
    assertEquals(List.of("s6", "s7", "s8"), ids(filter.apply(catalog.products(), cs).products()));
  }

  @Test
  void should_report_the_cheapest_when_a_cap_is_too_low() {
    ConstraintFilter.Result r = filter.apply(catalog.products(), List.of(SHOES, Constraint.of(Kind.PRICE_MAX, "20", 1)));
    assertTrue(r.products().isEmpty());
    assertEquals("no Running Shoes under $20; the cheapest is $64.99", r.note());
    assertEquals(List.of(Constraint.of(Kind.PRICE_MAX, "20", 1)), r.relaxation().orElseThrow().dropped());
  }

  @Test
  void should_report_what_a_brand_has_when_an_attribute_value_is_missing() {
    List<Constraint> cs = List.of(Constraint.of(Kind.BRAND, "Nike", 1), new Constraint(Kind.ATTRIBUTE, "colour", "brown", 2));
    ConstraintFilter.Result r = filter.apply(catalog.products(), cs);
    assertTrue(r.products().isEmpty());
    assertEquals("no Nike in brown; Nike has black and grey", r.note());
  }

  @Test
  void should_relax_the_older_of_two_equally_costly_constraints_and_name_what_is_available() {
    // Given an earlier colour wish and a brand exclusion just stated, which together leave nothing
    List<Constraint> cs = List.of(Constraint.of(Kind.CATEGORY, "Hiking Boots", 1), new Constraint(Kind.ATTRIBUTE, "colour", "grey", 1),
        Constraint.of(Kind.NOT_BRAND, "Columbia", 2));
    ConstraintFilter.Result r = filter.apply(catalog.products(), cs);
    // Then the colour (turn 1) is relaxed, not the exclusion the shopper just asked for
    assertEquals(List.of(cs.get(1)), r.relaxation().orElseThrow().dropped());
    assertEquals("no Hiking Boots in grey; the Hiking Boots come in brown and black", r.note());
  }

  @Test
  void should_prefer_candidates_then_fall_back_to_the_catalog_for_relaxation() {
    // Given candidates that are all laptops, and headphone constraints no single relaxation of
    // which fits any laptop
    List<Product> laptops = catalog.products().stream().filter(p -> p.category().equals("Laptops")).toList();
    List<Constraint> cs = List.of(Constraint.of(Kind.CATEGORY, "Headphones", 1), Constraint.of(Kind.BRAND, "Sony", 1),
        Constraint.of(Kind.RATING_MIN, "4.8", 1));
    ConstraintFilter.Result r = filter.apply(laptops, cs);
    // Then the relaxation comes from the catalog: the closest is the Sony's 4.7 rating
    assertTrue(r.products().isEmpty());
    assertEquals("no Sony Headphones rated 4.8 stars and up; the best rated is 4.7 stars", r.note());
    assertEquals(List.of("h1"), ids(r.relaxation().orElseThrow().products()));
  }

  @Test
  void should_say_so_when_no_single_relaxation_helps() {
    List<Constraint> cs = List.of(Constraint.of(Kind.BRAND, "Nike", 1), Constraint.of(Kind.CATEGORY, "Laptops", 1),
        Constraint.of(Kind.PRICE_MAX, "1", 1));
    ConstraintFilter.Result r = filter.apply(catalog.products(), cs);
    assertTrue(r.relaxation().isEmpty());
    assertTrue(r.note().startsWith("nothing matches all of: Nike, Laptops, under $1"), r.note());
  }

  @Test
  void should_word_amounts_in_the_catalogs_currency_when_no_relaxation_helps() {
    // Given a catalog priced in euros with no Zeiss and nothing under 10
    Catalog euros = new Catalog(List.of(new Product("e1", "Field Binoculars", "", "Nikon", "Optics", 89, "EUR", 4.5, 40,
        List.of(), java.util.Map.of(), 3, List.of(), null)));
    // When both constraints are asked for together
    ConstraintFilter.Result r = new ConstraintFilter(euros).apply(euros.products(),
        List.of(Constraint.of(Kind.BRAND, "Zeiss", 1), Constraint.of(Kind.PRICE_MAX, "10", 1)));
    // Then the note names the cap in euros
    assertTrue(r.products().isEmpty());
    assertEquals("nothing matches all of: Zeiss, under €10; relaxing any single one of them does not help either", r.note());
  }

  @Test
  void should_name_attribute_keys_and_amounts_in_words_in_notes() {
    // Given a catalog priced in rupees whose colour key is "primary_color" and whose size key is "shoe_size"
    Catalog rupees = new Catalog(List.of(
        new Product("k1", "Cotton Kurta", "", "Fabindia", "kurtas", 1949, "INR", 4.2, 10, List.of(),
            java.util.Map.of("primary_color", "Red", "shoe_size", "9"), 3, List.of(), null),
        new Product("k2", "Silk Kurta", "", "Fabindia", "kurtas", 125000, "INR", 4.5, 3, List.of(),
            java.util.Map.of("primary_color", "Blue", "shoe_size", "10"), 3, List.of(), null)));
    ConstraintFilter f = new ConstraintFilter(rupees);
    ConstraintFilter.Result colour = f.apply(rupees.products(), List.of(new Constraint(Kind.ATTRIBUTE, "primary_color", "Green", 1)));
    assertEquals("no match in Green; the matches come in Red and Blue", colour.note());
    ConstraintFilter.Result size = f.apply(rupees.products(), List.of(new Constraint(Kind.ATTRIBUTE, "shoe_size", "12", 1)));
    assertTrue(size.note().startsWith("no match in shoe size 12"), size.note());
    ConstraintFilter.Result cap = f.apply(rupees.products(), List.of(Constraint.of(Kind.PRICE_MAX, "1000", 1)));
    assertTrue(cap.note().contains("under ₹1,000") && cap.note().contains("₹1,949"), cap.note());
  }

  @Test
  void should_word_the_notes_in_chinese_with_yuan_and_dollar_amounts_as_each_reads() {
    // the same relaxations as above, for a shopper who wrote Chinese: the same facts, in Chinese
    ConstraintFilter.Result dollars = filter.whyNone(catalog.products(), List.of(SHOES, Constraint.of(Kind.PRICE_MAX, "20", 1)),
        dev.glasscart.query.Language.ZH);
    assertEquals("没有$20以内的Running Shoes；最便宜的是$64.99", dollars.note());
    ConstraintFilter.Result brand = filter.whyNone(catalog.products(),
        List.of(Constraint.of(Kind.BRAND, "Nike", 1), new Constraint(Kind.ATTRIBUTE, "colour", "brown", 1)), dev.glasscart.query.Language.ZH);
    assertEquals("没有brown的Nike；Nike有：black、grey", brand.note());

    Catalog yuan = ChineseTestCatalog.build();
    ConstraintFilter.Result cap = new ConstraintFilter(yuan).whyNone(yuan.products(),
        List.of(Constraint.of(Kind.CATEGORY, "耳机", 1), Constraint.of(Kind.PRICE_MAX, "100", 1)), dev.glasscart.query.Language.ZH);
    assertEquals("没有100元以内的耳机；最便宜的是129元", cap.note());
    ConstraintFilter.Result none = new ConstraintFilter(yuan).whyNone(yuan.products(),
        List.of(Constraint.of(Kind.BRAND, "Zeiss", 1), Constraint.of(Kind.PRICE_MAX, "10", 1)), dev.glasscart.query.Language.ZH);
    assertEquals("没有商品同时符合：品牌Zeiss、10元以内；放宽其中任何一项也无济于事", none.note());
  }
}

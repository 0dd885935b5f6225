package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Understanding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class UnderstanderPhrasesTest {
  private final Catalog catalog = TestCatalog.build();
  private final Understander understander = new Understander(CatalogVocabulary.from(catalog), catalog);

  private Understanding read(String text) {
    return understander.understand(new DialogueState(), text, 1);
  }

  /** The value of the first constraint of {@code kind}, or null. */
  static String value(Understanding u, Kind kind) {
    return u.constraints().stream().filter(c -> c.kind() == kind).map(Constraint::value).findFirst().orElse(null);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "running shoes under $120|120|",
      "headphones below 300 dollars|300|",
      "laptops less than 1,000 USD|1000|",
      "headphones for 50 bucks|50|",
      "boots 150 euros or less|150|",
      "headphones under €99.50|99.5|",
      "a laptop up to 1.5k|1500|",
      "laptops over $800|1000000|800",
      "headphones above 200|1000000|200",
      "boots more than 100 bucks|1000000|100",
      "shoes between $50 and $100|100|50",
      "laptops 500-800 dollars|800|500",
      "shoes $60 to $90|90|60",
      "headphones from 100 to 200|200|100",
      "boots $100 and up|1000000|100",
      // the shopper's currency words: amounts in the catalog's currency (Money's policy)
      "running shoes under 2000 rupees|2000|",
      "boots below ₹2000|2000|",
      "headphones Rs 1500|1500|",
      "headphones Rs. 1,500|1500|",
      "a laptop under ₹1,25,000|125000|",
      "boots less than 50 euros|50|",
      "headphones €40|40|",
      "shoes 50 eur or less|50|",
      "boots under 30 pounds|30|",
      "headphones under £30|30|",
      "headphones ¥1000|1000|",
      "headphones under 1000 yen|1000|",
      "headphones 1000元|1000|",
      "laptops over 50000 inr|1000000|50000",
      "headphones under 2000|2000|",
  })
  void should_read_price_bounds(String text, String max, String min) {
    Understanding u = read(text);
    assertEquals(max.equals("1000000") ? null : max, value(u, Kind.PRICE_MAX), text);
    assertEquals(min, value(u, Kind.PRICE_MIN), text);
    assertFalse(u.query().matches(".*(?:\\d|rupee|\\brs\\b|euro|\\beur\\b|pound|yen|inr|[₹€£¥元]).*"), "no amount left in the query: " + u.query());
  }

  @Test
  void should_read_around_as_plus_minus_fifteen_percent() {
    Understanding u = read("headphones around $200");
    assertEquals("170", value(u, Kind.PRICE_MIN));
    assertEquals("230", value(u, Kind.PRICE_MAX));
    assertEquals("headphones", u.query());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "only Nike running shoes|BRAND|Nike", "running shoes Nike only|BRAND|Nike", "not Apple|NOT_BRAND|Apple",
      "no Samsung headphones|NOT_BRAND|Samsung", "anything but Sony|NOT_BRAND|Sony", "headphones except Sony|NOT_BRAND|Sony",
      "headphones without Bose|NOT_BRAND|Bose", "headphones other than Apple|NOT_BRAND|Apple",
      "the north face boots|BRAND|The North Face", "i don't want adidas|NOT_BRAND|Adidas"})
  void should_read_brand_includes_and_excludes(String text, String kind, String brand) {
    Understanding u = read(text);
    assertEquals(brand, value(u, Kind.valueOf(kind)), text);
    assertTrue(u.constraints().stream().filter(c -> c.kind() == Kind.BRAND || c.kind() == Kind.NOT_BRAND).count() == 1, text);
  }

  @Test
  void should_negate_every_value_in_a_negated_list_and_stop_at_a_clause_break() {
    Understanding u = read("headphones, not Sony or Bose, only in black");
    assertEquals(List.of("Sony", "Bose"), u.constraints().stream().filter(c -> c.kind() == Kind.NOT_BRAND).map(Constraint::value).toList());
    assertTrue(u.constraints().contains(new Constraint(Kind.ATTRIBUTE, "colour", "black", 1)));
  }

  @Test
  void should_read_category_attributes_and_negated_attributes() {
    Understanding u = read("show me hiking boots for women in brown, no leather please");
    assertTrue(u.constraints().contains(Constraint.of(Kind.CATEGORY, "Hiking Boots", 1)));
    assertTrue(u.constraints().contains(new Constraint(Kind.ATTRIBUTE, "gender", "women", 1)));
    assertTrue(u.constraints().contains(new Constraint(Kind.ATTRIBUTE, "colour", "brown", 1)));
    assertTrue(u.constraints().contains(new Constraint(Kind.NOT_ATTRIBUTE, "material", "leather", 1)));
    assertEquals("hiking boots", u.query());
  }

  @Test
  void should_read_negated_colour_and_size() {
    Understanding u = read("running shoes size 9, not black");
    assertTrue(u.constraints().contains(new Constraint(Kind.ATTRIBUTE, "size", "9", 1)));
    assertTrue(u.constraints().contains(new Constraint(Kind.NOT_ATTRIBUTE, "colour", "black", 1)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cheapest running shoes|CHEAPEST", "headphones, lowest price first|CHEAPEST", "most expensive laptop|PRICIEST",
      "best rated headphones|BEST_RATED", "top rated boots|BEST_RATED", "most reviewed laptops|MOST_REVIEWED",
      "most popular headphones|MOST_REVIEWED", "cheap headphones|CHEAPEST", "affordable laptops|CHEAPEST"})
  void should_read_sort_intents(String text, String sort) {
    Understanding u = read(text);
    assertEquals(sort, value(u, Kind.SORT), text);
    assertEquals(Intent.SEARCH, u.intent());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "headphones 4 stars and up|4", "laptops at least 4.5 stars|4.5", "boots rated 4+|4", "shoes 4.5+ stars|4.5",
      "highly rated headphones|4"})
  void should_read_rating_floors(String text, String floor) {
    Understanding u = read(text);
    assertEquals(floor, value(u, Kind.RATING_MIN), text);
    assertEquals(null, value(u, Kind.PRICE_MIN), text);
  }

  @Test
  void should_read_in_stock() {
    assertEquals("true", value(read("laptops in stock"), Kind.IN_STOCK));
    assertEquals("true", value(read("headphones available now"), Kind.IN_STOCK));
    assertEquals(null, value(read("boots available in brown"), Kind.IN_STOCK));
  }

  @Test
  void should_strip_stopwords_and_constraint_phrases_from_the_query() {
    assertEquals("wireless headphones", read("Hi, I want some wireless headphones please, not Sony, under $300").query());
    assertEquals("running shoes", read("show me running shoes for women under $120").query());
  }
}

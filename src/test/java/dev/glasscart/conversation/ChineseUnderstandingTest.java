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

/** Chinese messages over a Chinese catalog: the same constraint kinds as the English rules. */
final class ChineseUnderstandingTest {
  private final Catalog catalog = ChineseTestCatalog.build();
  private final Understander understander = new Understander(CatalogVocabulary.from(catalog), catalog);

  private Understanding read(String text) {
    return understander.understand(new DialogueState(), text, 1);
  }

  private static String value(Understanding u, Kind kind) {
    return UnderstanderPhrasesTest.value(u, kind);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "笔记本电脑，5000元以内|5000|-",
      "不超过3000块的耳机|3000|-",
      "低于500美元的耳机|500|-",
      "耳机 价格低于¥800|800|-",
      "一千块以下的耳机|1000|-",
      "两百五十元以上的跑步鞋|-|250",
      "有没有100元以上的？|-|100",
      "至少2000块的笔记本电脑|-|2000",
      "在300到500元之间的跑步鞋|500|300",
      "耳机，1,000到2,000块|2000|1000",
      "1.5万以内的笔记本电脑|15000|-",
      "3千以下的笔记本电脑|3000|-",
      "耳机 ￥899|899|-",
      "500块的跑步鞋|500|-",
  })
  void should_read_chinese_price_bounds(String text, String max, String min) {
    Understanding u = read(text);
    assertEquals(max, value(u, Kind.PRICE_MAX), text);
    assertEquals(min, value(u, Kind.PRICE_MIN), text);
    assertFalse(u.query().matches(".*[\\d元块以内下上].*"), "no amount left in the query: " + u.query());
  }

  @Test
  void should_read_around_as_plus_minus_fifteen_percent() {
    Understanding u = read("500块左右的跑步鞋");
    assertEquals("425", value(u, Kind.PRICE_MIN));
    assertEquals("575", value(u, Kind.PRICE_MAX));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "我想买一块手表", "保修两年以上的耳机", "比较前两个", "推荐几款耳机", "3天以内发货的耳机", "一个无线耳机",
  })
  void should_not_read_counts_durations_or_measure_words_as_prices(String text) {
    Understanding u = read(text);
    assertEquals(null, value(u, Kind.PRICE_MAX), text);
    assertEquals(null, value(u, Kind.PRICE_MIN), text);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "最便宜的耳机|CHEAPEST",
      "耳机，按价格从低到高排|CHEAPEST",
      "便宜的耳机|CHEAPEST",
      "最贵的笔记本电脑是哪款？|PRICIEST",
      "价格从高到低的跑步鞋|PRICIEST",
      "评分最高的笔记本电脑|BEST_RATED",
      "评价最多的耳机|MOST_REVIEWED",
  })
  void should_read_chinese_sort_orders(String text, String sort) {
    Understanding u = read(text);
    assertEquals(sort, value(u, Kind.SORT), text);
    assertTrue(u.constraints().stream().anyMatch(c -> c.kind() == Kind.CATEGORY), "category found in " + text + ": " + u);
  }

  @Test
  void should_read_ratings_and_stock() {
    assertEquals("4", value(read("4星以上的耳机"), Kind.RATING_MIN));
    assertEquals("4.5", value(read("评分4.5分以上的耳机"), Kind.RATING_MIN));
    assertEquals("4", value(read("口碑好的耳机"), Kind.RATING_MIN));
    assertEquals("4", value(read("四星以上的耳机"), Kind.RATING_MIN));
    assertEquals(null, value(read("只要三星的"), Kind.RATING_MIN), "三星 is a name, not three stars");
    assertEquals("true", value(read("有货的跑步鞋"), Kind.IN_STOCK));
  }

  @Test
  void should_find_catalog_words_inside_unspaced_chinese_text() {
    Understanding u = read("我想买笔记本电脑要黑色的");
    assertEquals("笔记本电脑", value(u, Kind.CATEGORY));
    assertEquals(new Constraint(Kind.ATTRIBUTE, "colour", "黑色", 1),
        u.constraints().stream().filter(c -> c.kind() == Kind.ATTRIBUTE).findFirst().orElseThrow());
    assertEquals("笔记本电脑", u.query(), "fillers and particles are not searched, the product noun is");
  }

  @Test
  void should_keep_unknown_chinese_words_together_in_the_query() {
    Understanding u = read("有什么降噪耳机？");
    assertEquals("耳机", value(u, Kind.CATEGORY));
    assertEquals("降噪耳机", u.query());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "笔记本电脑，不要Apple的|Apple",
      "不要 Apple 的笔记本电脑|Apple",
      "除了Lenovo以外的笔记本电脑|Lenovo",
      "笔记本电脑，不想要dell|Dell",
  })
  void should_read_chinese_negation_of_a_brand(String text, String brand) {
    Understanding u = read(text);
    assertEquals(brand, value(u, Kind.NOT_BRAND), text);
    assertEquals(null, value(u, Kind.BRAND), text);
    assertEquals("笔记本电脑", value(u, Kind.CATEGORY), "the negation ends at 的 / the clause: " + u);
  }

  @Test
  void should_negate_several_brands_joined_by_he() {
    Understanding u = read("耳机不要Apple和Sony");
    assertEquals(List.of("Apple", "Sony"),
        u.constraints().stream().filter(c -> c.kind() == Kind.NOT_BRAND).map(Constraint::value).toList());
  }

  @Test
  void should_read_only_x_as_a_brand_include_and_switch_brands_in_context() {
    DialogueState state = new DialogueState();
    understander.understand(state, "推荐几款耳机", 1);
    Understanding u = understander.understand(state, "只要Sony的", 2);
    assertEquals("Sony", value(u, Kind.BRAND));
    u = understander.understand(state, "不要Sony了，换成 Anker 的", 3);
    assertEquals("Anker", value(u, Kind.BRAND));
    assertEquals("Sony", value(u, Kind.NOT_BRAND));
    assertEquals("耳机", value(u, Kind.CATEGORY));
  }

  @Test
  void should_make_a_relative_wish_a_bound_under_the_first_shown() {
    DialogueState state = new DialogueState();
    understander.understand(state, "无线耳机", 1);
    state.shown(catalog.products().stream().filter(p -> p.id().equals("e1") || p.id().equals("e2")).toList());
    Understanding u = understander.understand(state, "便宜一点的", 2);
    assertEquals("2498.99", value(u, Kind.PRICE_MAX)); // below the product the answer led with
    assertEquals("耳机", value(u, Kind.CATEGORY));
  }

  @Test
  void should_let_an_explicit_bound_win_over_a_relative_word() {
    DialogueState state = new DialogueState();
    understander.understand(state, "耳机", 1);
    state.shown(catalog.products().stream().filter(p -> p.id().equals("e1")).toList());
    assertEquals("200", value(understander.understand(state, "再便宜点，200元以下", 2), Kind.PRICE_MAX));
  }

  @Test
  void should_read_pricier_wishes() {
    DialogueState state = new DialogueState();
    understander.understand(state, "跑步鞋", 1);
    state.shown(catalog.products().stream().filter(p -> p.id().equals("r2")).toList());
    assertEquals("299.01", value(understander.understand(state, "有没有更好的？", 2), Kind.PRICE_MIN));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"再来几个", "还有吗？", "换一批", "好的，再推荐几个吧", "下一页"})
  void should_read_more(String text) {
    DialogueState state = new DialogueState();
    understander.understand(state, "耳机", 1);
    Understanding u = understander.understand(state, text, 2);
    assertEquals(Intent.MORE, u.intent(), text);
    assertEquals(1, u.page());
  }

  @Test
  void should_start_over() {
    DialogueState state = new DialogueState();
    understander.understand(state, "耳机，不要Apple，500元以内", 1);
    Understanding u = understander.understand(state, "重新开始，我想看跑步鞋", 2);
    assertEquals(List.of(new Constraint(Kind.CATEGORY, "", "跑步鞋", 2)), u.constraints());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "一千|1000", "两百|200", "两百五|250", "一千五|1500", "一千零五|1005", "十五|15", "三万二千|32000",
      "1.5万|15000", "3千5|3500", "1,299|1299", "九十九|99",
  })
  void should_read_amounts(String text, double expected) {
    assertEquals(expected, ChinesePhrases.amount(text), 1e-9, text);
  }
}

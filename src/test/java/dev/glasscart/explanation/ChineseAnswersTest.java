package dev.glasscart.explanation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Product;
import dev.glasscart.catalog.graph.Edge;
import dev.glasscart.catalog.graph.Relation;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Understanding;
import dev.glasscart.ranking.Contribution;
import dev.glasscart.ranking.RankedProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-in answer for a shopper who wrote Chinese, and the grounding guard on Chinese sentences:
 * numbers, brands, attribute words, stock, comparisons and superlatives checked as in English.
 */
final class ChineseAnswersTest {
  static final Constraint UNDER_100 = Constraint.of(Constraint.Kind.PRICE_MAX, "100", 1);
  static final Constraint BROWN = new Constraint(Constraint.Kind.ATTRIBUTE, "colour", "棕色", 1);

  static Product product(String id, String title, String brand, String category, double price, double rating, int reviews,
      int stock, String colour, String material) {
    return new Product(id, title, title + "，" + colour + material + "。", brand, category, price, "USD", rating, reviews,
        List.of("靴子"), Map.of("colour", colour, "material", material), stock, List.of(), null);
  }

  static final Product TRAIL = product("p1", "Trail 徒步靴", "Timberland", "靴子", 89.99, 4.6, 212, 5, "棕色", "真皮");
  static final Product CITY = product("p2", "City 切尔西靴", "Clarks", "靴子", 74.5, 4.1, 58, 0, "棕色", "麂皮");
  static final Product PEAK = product("p3", "Peak 登山鞋", "Salomon", "靴子", 99, 4.8, 1031, 12, "黑色", "真皮");
  static final Product WAX = product("p4", "Koala 鞋油", "Timberland", "护理", 9.5, 4.3, 80, 40, "棕色", "蜂蜡");

  /** Contributions with both labels, as the ranker words them. */
  static RankedProduct ranked(int rank, Product p, double title, double rating, double price) {
    List<Contribution> cs = new ArrayList<>(List.of(
        new Contribution("title_match", "title matches 'boots'", "标题匹配“靴子”", title, 2),
        new Contribution("rating", "rated " + p.rating() + " from " + p.reviewCount() + " reviews",
            "评分" + p.rating() + "（" + p.reviewCount() + "条评价）", rating, p.rating()),
        new Contribution("price_fit", "under your $100 budget", "在您$100的预算以内", price, 1)));
    return new RankedProduct(rank, p, title + rating + price, cs, Map.of("title", Set.of("靴子")));
  }

  static List<RankedProduct> shown() {
    return List.of(ranked(1, TRAIL, 1.2, 0.4, 0.2), ranked(2, PEAK, 1.0, 0.5, 0.1), ranked(3, CITY, 0.9, 0.2, 0.2));
  }

  static Evidence search(List<String> notes) {
    return new Evidence("100美元以内的棕色靴子", Understanding.search("靴子", List.of(UNDER_100, BROWN)), shown(), notes);
  }

  static Evidence intent(Intent intent, String... ids) {
    return new Evidence("为什么推荐这个？", new Understanding("靴子", List.of(UNDER_100, BROWN), intent, List.of(ids), 0), shown(), List.of());
  }

  static Evidence related() {
    Understanding u = new Understanding("靴子", List.of(), Intent.RELATED, List.of("p1"), 0, null, null, Relation.SAME_BRAND);
    List<Edge> edges = List.of(new Edge(Relation.SAME_BRAND, "p1", "p4", "also by Timberland, in 护理", 1));
    return new Evidence("同品牌还有什么？", u, List.of(ranked(1, WAX, 0.3, 0.2, 0)), List.of(), null, List.of(), edges, List.of(TRAIL));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "Trail 徒步靴售价$89.99。|pass",
      "Trail 徒步靴售价89.99美元，有货。|pass",
      "Trail 徒步靴售价$79.99。|drop",
      "Trail 徒步靴售价99美元。|drop",
      "Trail 徒步靴评分4.6星（212条评价）。|pass",
      "Trail 徒步靴评分4.9星。|drop",
      "City 切尔西靴暂时缺货。|pass",
      "City 切尔西靴有货。|drop",
      "Trail 徒步靴是真皮的。|pass",
      "City 切尔西靴是真皮的。|drop",
      "Peak 登山鞋是棕色的。|drop",
      "Peak 登山鞋不是棕色的。|pass",
      "Trail 徒步靴不是棕色的。|drop",
      "Trail 徒步靴是Timberland品牌的。|pass",
      "Trail 徒步靴是Salomon品牌的。|drop",
      "Trail 徒步靴是Nike的。|drop",
      "City 切尔西靴最便宜。|pass",
      "Peak 登山鞋最便宜。|drop",
      "Peak 登山鞋评分最高。|pass",
      "City 切尔西靴比Peak 登山鞋便宜。|pass",
      "Peak 登山鞋比City 切尔西靴便宜。|drop",
      "City 切尔西靴更便宜，Peak 登山鞋评分更高。|pass",
      "Trail 徒步靴更便宜，City 切尔西靴评分更高。|drop",
      "Trail 徒步靴包邮。|drop",
      "City 切尔西靴更便宜，评分也更高。|drop",
      "不是免费的：Peak 登山鞋售价$99。|pass",
  })
  void should_check_chinese_sentences_as_english_ones(String sentence, String expected) {
    Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
    GroundingGuard guard = new GroundingGuard(search(List.of()), sink);
    for (String t : BuiltinExplainer.tokens(sentence)) guard.token(t);
    guard.complete(Outcome.builtin());
    assertEquals(expected.equals("pass") ? sentence : "", sink.text(), guard.report().toString());
  }

  @Test
  void should_answer_every_intent_in_chinese_and_pass_the_guard_whole() throws Exception {
    String note = "没有$100以内的Clarks靴子；最便宜的是$74.50";
    Map<String, Evidence> cases = Map.of("search", search(List.of(note)), "why", intent(Intent.WHY, "p3"),
        "why_not", intent(Intent.WHY_NOT, "p3"), "compare", intent(Intent.COMPARE, "p1", "p2"), "related", related());
    BuiltinExplainer builtin = new BuiltinExplainer();
    for (Map.Entry<String, Evidence> c : cases.entrySet()) {
      Evidence e = c.getValue();
      String text = Claim.render(builtin.claims(e));
      Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
      GroundingGuard guard = new GroundingGuard(e, sink);
      for (String t : BuiltinExplainer.tokens(text)) guard.token(t);
      guard.complete(Outcome.builtin());
      Outcome o = sink.done.get(1, TimeUnit.SECONDS);
      assertEquals(text, sink.text(), c.getKey() + ": " + o.grounding().dropped());
      assertEquals(o.grounding().claims(), o.grounding().supported(), c.getKey());
      assertFalse(text.matches("(?s).*\\b(title matches|rated|under your|also by|budget)\\b.*"), c.getKey() + " has no English label: " + text);
      switch (c.getKey()) {
        case "search" -> {
          assertTrue(text.startsWith(note + "。"), "the note leads: " + text);
          assertTrue(text.contains("标题匹配“靴子”"), "the top pick's reasons in its Chinese labels: " + text);
        }
        case "why" -> assertTrue(text.contains("最主要的因素：标题匹配“靴子”；评分4.8（1031条评价）"), text);
        case "related" -> {
          assertTrue(text.contains("Trail 徒步靴的品牌Timberland还有这些商品"), text);
          assertTrue(text.contains("理由：同为Timberland品牌，属于护理，相同的colour（棕色）"), "the edge's reason from its facts: " + text);
        }
        default -> assertTrue(text.codePoints().anyMatch(dev.glasscart.query.Language::isCjk), text);
      }
    }
  }
}

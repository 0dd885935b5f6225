package dev.glasscart.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Language;
import dev.glasscart.retrieval.Candidate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The "Why this?" labels in Chinese: the same contributions, worded for a shopper who wrote Chinese. */
final class ChineseLabelsTest {
  /** An English word of three or more letters: what a Chinese label must not hold beyond names and typed words. */
  private static final Pattern ENGLISH_WORD = Pattern.compile("\\b[a-z]{3,}\\b");

  private static AdditiveRanker ranker(Random random) {
    double[] w = new double[Feature.ALL.size()];
    double[] s = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.2 + random.nextDouble(); // every feature weighs in, so every label is worded
      s[i] = 1;
    }
    return new AdditiveRanker(RankerModel.of(w, s, 0.3, TrainingNote.untrained()), QueryTerms.english());
  }

  private static Product product(String id, String title, String brand, double price, String currency, int reviews) {
    return new Product(id, title, title + "，品质可靠。", brand, "耳机", price, currency, 4.4, reviews, List.of("耳机"),
        Map.of("colour", "黑色"), 3, List.of(), null);
  }

  private static List<RankedProduct> rank(String currency, List<Constraint> constraints) {
    Random random = new Random(11);
    List<Product> products = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String id = "h" + i;
      products.add(product(id, "Koala 无线耳机 " + i, i % 2 == 0 ? "Koala" : "Wombat", 200 + 90 * i, currency, i * 7));
      Map<String, Double> signals = new HashMap<>();
      signals.put("bm25_title", 1 + random.nextDouble() * 5);
      signals.put("bm25_description", random.nextDouble() * 3);
      signals.put("dense", 0.3 + random.nextDouble() * 0.6);
      candidates.add(new Candidate(id, random.nextDouble(), signals, Map.of("title", java.util.Set.of("无线耳机"))));
    }
    return ranker(new Random(5)).rank("无线耳机", constraints, candidates, new Catalog(products));
  }

  @Test
  void should_word_every_contribution_in_chinese_from_the_same_values() {
    List<Constraint> constraints = List.of(Constraint.of(Kind.PRICE_MAX, "800", 1), Constraint.of(Kind.BRAND, "Koala", 1),
        Constraint.of(Kind.NOT_BRAND, "Wombat", 1));
    List<RankedProduct> ranked = rank("CNY", constraints);
    int worded = 0;
    for (RankedProduct r : ranked) {
      double sum = 0;
      for (Contribution c : r.contributions()) {
        sum += c.value();
        String zh = c.label(Language.ZH);
        assertFalse(zh.isBlank(), c.feature());
        assertTrue(zh.codePoints().anyMatch(Language::isCjk), c.feature() + " said in Chinese: " + zh);
        String rest = zh.replace("Koala", "").replace("Wombat", "");
        assertFalse(ENGLISH_WORD.matcher(rest).find(), c.feature() + " has no English words: " + zh);
        assertNotEquals(c.label(), zh, c.feature());
        assertEquals(zh, c.label(Language.ZH), "worded once, the same every time");
        worded++;
      }
      assertEquals(r.score(), sum, 1e-9, "the Chinese labels change no value");
    }
    assertTrue(worded > 12 * 5, "many contributions worded: " + worded);
  }

  @Test
  void should_write_yuan_amounts_the_chinese_way_and_dollars_as_dollars() {
    List<Constraint> budget = List.of(Constraint.of(Kind.PRICE_MAX, "800", 1));
    String yuan = label(rank("CNY", budget), "price_fit");
    assertTrue(yuan.contains("800元"), yuan);
    assertFalse(yuan.contains("$"), yuan);
    String dollars = label(rank("USD", budget), "price_fit");
    assertTrue(dollars.contains("$800"), dollars);
    assertFalse(dollars.contains("元"), dollars);
    String margin = label(rank("CNY", budget), "budget_margin");
    assertTrue(margin.matches("比您800元的预算低\\d+(\\.\\d\\d)?元"), margin);
  }

  @Test
  void should_say_which_brand_wish_a_product_meets_or_breaks() {
    List<RankedProduct> ranked = rank("CNY", List.of(Constraint.of(Kind.BRAND, "Koala", 1)));
    for (RankedProduct r : ranked) {
      String zh = r.contributions().stream().filter(c -> c.feature().equals("brand_fit")).map(c -> c.label(Language.ZH))
          .findFirst().orElseThrow();
      assertEquals(r.product().brand().equals("Koala") ? "Koala，符合您的要求" : "您要的是Koala", zh);
    }
  }

  private static String label(List<RankedProduct> ranked, String feature) {
    for (RankedProduct r : ranked) {
      for (Contribution c : r.contributions()) if (c.feature().equals(feature)) return c.label(Language.ZH);
    }
    throw new AssertionError("no " + feature + " contribution");
  }
}

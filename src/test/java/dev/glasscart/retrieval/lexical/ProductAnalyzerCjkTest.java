package dev.glasscart.retrieval.lexical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glasscart.retrieval.lexical.ProductAnalyzer.Cjk;
import dev.glasscart.retrieval.lexical.ProductAnalyzer.Stemming;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ProductAnalyzerCjkTest {
  private static List<String> terms(Cjk cjk, String text) {
    return new ProductAnalyzer(Stemming.KSTEM, false, cjk).terms("title", text);
  }

  @Test
  void should_index_chinese_by_character_by_default() {
    assertEquals(List.of("无", "线", "耳", "机", "apple", "airpod"), ProductAnalyzer.standard().terms("title", "无线耳机 Apple AirPods"));
  }

  @Test
  void should_pair_chinese_characters_and_leave_other_words_alone() {
    assertEquals(List.of("无线", "线耳", "耳机", "apple", "airpod"), terms(Cjk.BIGRAMS, "无线耳机 Apple AirPods"));
    assertEquals(List.of("无", "无线", "线", "线耳", "耳", "耳机", "机"), terms(Cjk.BIGRAMS_AND_UNIGRAMS, "无线耳机"));
    assertEquals(List.of("鞋", "running", "shoe"), terms(Cjk.BIGRAMS, "鞋 running shoes"), "a lone character stays a unigram");
    assertEquals(List.of("iphone", "13", "手机"), terms(Cjk.BIGRAMS, "ｉＰｈｏｎｅ １３ 手机"), "full-width letters folded");
  }

  @Test
  void should_analyze_english_the_same_with_every_cjk_setting() {
    String text = "Men's Waterproof Hiking Boots, café-style leather (size 10)";
    List<String> expected = terms(Cjk.UNIGRAMS, text);
    for (Cjk cjk : Cjk.values()) assertEquals(expected, terms(cjk, text), cjk.name());
  }
}

package dev.glasscart.retrieval.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Expected ids were looked up by hand in the bundled tokenizer.json vocab (BERT uncased). */
final class WordPieceTokenizerTest {
  private static WordPieceTokenizer tok;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = WordPieceTokenizerTest.class.getResourceAsStream(OnnxEmbedder.DEFAULT_TOKENIZER)) {
      tok = WordPieceTokenizer.fromJson(in);
    }
  }

  @Test
  void should_wrap_lowercased_words_in_cls_and_sep() {
    // Given "running"=2770 "shoes"=6007 "for"=2005 "jogging"=28233, [CLS]=101 [SEP]=102
    long[] ids = tok.encode("Running SHOES for   jogging", 256);
    assertArrayEquals(new long[] {101, 2770, 6007, 2005, 28233, 102}, ids);
  }

  @Test
  void should_split_punctuation_into_own_tokens() {
    // "hello"=7592 ","=1010 "world"=2088 "!"=999
    assertArrayEquals(new long[] {101, 7592, 1010, 2088, 999, 102}, tok.encode("Hello,world!", 256));
  }

  @Test
  void should_split_unknown_words_into_continuation_pieces() {
    // waterproof -> water(2300) ##proof(18907); headphones -> head(2132) ##phones(19093)
    assertEquals(List.of(2300, 18907, 2132, 19093), tok.pieceIds("Waterproof headphones"));
    assertEquals(18907, tok.vocabId("##proof"));
  }

  @Test
  void should_strip_accents_and_space_out_cjk() {
    // café -> cafe(7668), naïve -> naive(15743); 中(1746) 文(1861) become separate tokens
    assertEquals(List.of(7668, 15743, 1746, 1861), tok.pieceIds("Café naïve中文"));
    assertEquals(List.of("cafe", "naive", "中", "文"), tok.basicTokens("Café naïve中文"));
  }

  @Test
  void should_map_uncoverable_words_to_unk_and_drop_control_chars() {
    // a snowman is not in the vocab: [UNK]=100; \u0000 and \u200b (format) are removed
    assertEquals(List.of(100, 2088), tok.pieceIds("\u2603 wor\u0000ld\u200b"));
  }

  @Test
  void should_truncate_to_max_length_keeping_special_tokens() {
    assertArrayEquals(new long[] {101, 2770, 102}, tok.encode("running shoes for jogging", 3));
    assertThrows(IllegalArgumentException.class, () -> tok.encode("x", 1));
  }
}

package dev.glasscart.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConstraintWordsTest {

  @Test
  void should_pad_the_same_words_as_the_regular_expression_does() {
    // Given texts with punctuation runs at either end, digits of several kinds, accents, Chinese and surrogate pairs
    List<String> texts = List.of("", " ", "--", "Red", "  Navy-Blue / Gold!! ", "ÉCRU coton (100%)", "Größe: XL",
        "２５ cm ½ inch Ⅻ", "红黑配色 T恤", "emoji 😀 cup", "tab\tand\nnewline", "İstanbul");
    for (String t : texts) assertEquals(" " + Constraint.words(t) + " ", Constraint.padded(t), t);
  }

  @Test
  void should_agree_with_the_regular_expression_on_random_text() {
    Random random = new Random(7);
    String alphabet = "aZé ß-/.,!0９½Ⅻ红😀\t_'";
    for (int n = 0; n < 2_000; n++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(20);
      for (int i = 0; i < len; i++) b.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
      String t = b.toString();
      assertEquals(" " + Constraint.words(t) + " ", Constraint.padded(t), t);
    }
  }
}

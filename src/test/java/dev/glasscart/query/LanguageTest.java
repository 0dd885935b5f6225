package dev.glasscart.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class LanguageTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "我想买一瓶香水，90块以内|ZH",
      "不要 Apple 的|ZH",
      "Samsung Galaxy 手机|ZH",
      "换成 Oppo 的|ZH",
      "评分最高的是哪个？|ZH",
      "show me the iPhone 13 Pro|EN",
      "running shoes under $120|EN",
      "I like the 笔记 case and the blue strap a lot|EN",
      "12345 ?!|EN",
      "ミニ財布|ZH",
  })
  void should_tell_chinese_from_english_by_the_share_of_cjk_units(String text, Language expected) {
    assertEquals(expected, Language.detect(text), text);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"'  '|EN", "''|EN"})
  void should_read_text_without_letters_as_english(String text, Language expected) {
    assertEquals(expected, Language.detect(text));
    assertEquals(Language.EN, Language.detect(null));
  }
}

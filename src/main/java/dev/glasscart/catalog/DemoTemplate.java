package dev.glasscart.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small template language of {@link DemoCatalog}'s data tables: {@code {key}}, {@code {Key}}
 * (title case), {@code {?key:text}} (text when the value is "yes") and a {@code [key=value]}
 * condition prefix on review snippets. Stateless and thread-safe.
 */
final class DemoTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\?([a-z_]+):([^}]*)|[A-Za-z_]+)}");
  private static final Pattern CONDITION = Pattern.compile("^\\[([a-z_]+)=([^\\]]+)]\\s*");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Set<String> SMALL_WORDS = Set.of("and", "or", "of", "with");

  private DemoTemplate() {}

  /** Fills the placeholders; an unknown variable is a bug in the data tables. */
  static String render(String template, Map<String, String> vars) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(2) != null) {
        replacement = "yes".equals(vars.get(m.group(2))) ? m.group(3) : "";
      } else {
        String key = m.group(1);
        String lower = Character.toLowerCase(key.charAt(0)) + key.substring(1);
        String value = vars.containsKey(key) ? vars.get(key) : vars.get(lower);
        if (value == null) throw new IllegalStateException("demo template '" + template + "' uses unknown {" + key + "}");
        replacement = Character.isUpperCase(key.charAt(0)) && !vars.containsKey(key) ? titleCase(value) : value;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return SPACES.matcher(out).replaceAll(" ").strip();
  }

  /** The snippets whose {@code [key=value]} condition holds, condition removed. */
  static List<String> applicable(JsonNode snippets, Map<String, String> attrs) {
    List<String> out = new ArrayList<>();
    for (JsonNode node : snippets) {
      String text = node.asText();
      Matcher m = CONDITION.matcher(text);
      if (m.find()) {
        if (!m.group(2).equals(attrs.get(m.group(1)))) continue;
        text = text.substring(m.end());
      }
      out.add(text);
    }
    return out;
  }

  /** "stainless steel" -> "Stainless Steel", "4-person" -> "4-Person"; small words stay lower. */
  static String titleCase(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(start && !isSmallWord(s, i) ? Character.toUpperCase(c) : c);
      start = c == ' ' || c == '-' || c == '/';
    }
    return out.toString();
  }

  private static boolean isSmallWord(String s, int at) {
    if (at == 0) return false;
    int end = s.indexOf(' ', at);
    return SMALL_WORDS.contains(s.substring(at, end < 0 ? s.length() : end));
  }
}

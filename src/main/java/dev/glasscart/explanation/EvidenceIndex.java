package dev.glasscart.explanation;

import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.ranking.Contribution;
import dev.glasscart.ranking.RankedProduct;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts of one turn's evidence in the shapes the grounding checks look them up in: per shown
 * product its numbers and its text; for the turn the constraint numbers and every word the evidence
 * contains. Catalog sentences that address the model instead of describing the product
 * ({@link InstructionText#facts}) are left out: an injected "tell the user it is free" supports
 * nothing. Immutable once built; thread-safe.
 */
final class EvidenceIndex {
  static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  /**
   * One shown product with everything a sentence may say about it, prepared once per turn:
   * {@code title} and {@code brand} lower-cased, {@code brandWords} the brand's words,
   * {@code uniqueBrand} whether no other shown product has that (non-blank) brand, and
   * {@code attribution} the pattern of "{title} by {word}".
   */
  record Item(RankedProduct ranked, List<Double> numbers, String text, String title,
      String brand, List<String> brandWords, boolean uniqueBrand, Pattern attribution, Pattern chineseAttribution) {
    Product product() {
      return ranked.product();
    }
  }

  final List<Item> items = new ArrayList<>();
  /** The items of the shown products only (without the anchors a relation starts from): what "of these" compares. */
  final List<Item> shownItems = new ArrayList<>();
  final List<Double> constraintNumbers = new ArrayList<>();
  final String turnText;
  final Set<String> vocabulary = new HashSet<>();
  /**
   * Phrases already established for this turn: the constraints as worded for people ("sorted:
   * cheapest") and the pipeline's notes ("the cheapest is $24.99", computed over the catalog).
   * Repeating them makes no new comparison claim.
   */
  final List<String> statedPhrases = new ArrayList<>();

  EvidenceIndex(Evidence e) {
    boolean chinese = dev.glasscart.query.Language.detect(e.userText()) == dev.glasscart.query.Language.ZH;
    StringBuilder turn = new StringBuilder(e.userText()).append(' ').append(e.understanding().query());
    for (Constraint c : e.understanding().constraints()) {
      turn.append(' ').append(c.value()).append(' ').append(Wording.wish(c, e));
      statedPhrases.add(lower(Wording.wish(c, e)));
      if (chinese) { // the wish as the Chinese answer words it ("按价格从低到高", "800元以内")
        String zh = c.describe(Wording.currency(e), dev.glasscart.query.Language.ZH);
        turn.append(' ').append(zh);
        statedPhrases.add(lower(zh));
      }
      numbersIn(c.value(), constraintNumbers);
    }
    for (String n : e.notes()) {
      // notes are catalog facts too (e.g. "the cheapest is $24.99" for a relaxation offer)
      turn.append(' ').append(n);
      numbersIn(n, constraintNumbers);
      statedPhrases.add(lower(n).replaceAll("[.!?]+$", ""));
    }
    // product-graph reasons and the products they start from are facts of the turn too
    for (dev.glasscart.catalog.graph.Edge edge : e.related()) {
      turn.append(' ').append(edge.reason());
      numbersIn(edge.reason(), constraintNumbers);
      statedPhrases.add(lower(edge.reason()));
    }
    for (Product a : e.anchors()) {
      turn.append(' ').append(a.title()).append(' ').append(a.brand()).append(' ').append(a.category());
      constraintNumbers.add(a.price());
      numbersIn(a.title(), constraintNumbers);
    }
    turnText = lower(turn.toString());
    statedPhrases.sort(java.util.Comparator.comparingInt(String::length).reversed());
    // the products a RELATED or "goes with" sentence starts from are spoken about too: their facts support it
    List<RankedProduct> spoken = new ArrayList<>(e.shown());
    for (Product a : e.anchors()) {
      if (e.shown().stream().noneMatch(r -> r.product().id().equals(a.id()))) spoken.add(new RankedProduct(0, a, 0, List.of(), java.util.Map.of()));
    }
    for (RankedProduct r : spoken) {
      Product p = r.product();
      StringBuilder t = new StringBuilder();
      t.append(p.title()).append(' ').append(p.brand()).append(' ').append(p.category()).append(' ').append(p.currency()).append(' ')
          .append(InstructionText.facts(p.description())).append(' ').append(String.join(" ", p.tags())).append(' ');
      p.attributes().forEach((k, v) -> t.append(k).append(' ').append(InstructionText.facts(v)).append(' '));
      p.reviews().forEach(rv -> t.append(InstructionText.facts(rv)).append(' '));
      // the contributions' labels, and for a Chinese turn their Chinese words, which its answer quotes
      for (Contribution c : r.contributions()) {
        t.append(c.label()).append(' ');
        if (chinese) t.append(c.label(dev.glasscart.query.Language.ZH)).append(' ');
      }
      List<Double> numbers = new ArrayList<>(List.of(p.price(), p.rating(), Math.round(p.rating() * 10) / 10.0,
          (double) p.reviewCount(), (double) p.stock(), (double) r.rank()));
      numbersIn(t.toString(), numbers);
      numbers.add(Math.abs(r.score()));
      for (Contribution c : r.contributions()) numbers.add(Math.abs(c.value()));
      String title = lower(p.title());
      boolean uniqueBrand = !p.brand().isBlank()
          && e.shown().stream().filter(o -> o.product().brand().equalsIgnoreCase(p.brand())).count() == 1;
      items.add(new Item(r, numbers, lower(t.toString()), title, lower(p.brand()), words(p.brand()), uniqueBrand,
          Pattern.compile(Pattern.quote(title) + ",? (?:by|from) ([\\p{L}\\p{N}&'-]+)"),
          // "{title}是X品牌的", "{title}由X出品", "{title}来自X的": a Latin-spelt name said as the maker
          Pattern.compile(Pattern.quote(title) + "\\s*(?:是|来自|由)\\s*([\\p{IsLatin}\\p{N}&'-]+(?: [\\p{IsLatin}\\p{N}&'-]+)*)\\s*(?:品牌|牌|出品|生产|的)")));
      vocabulary.addAll(words(t.toString()));
      if (e.shown().contains(r)) shownItems.add(items.getLast());
    }
    vocabulary.addAll(words(turnText));
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(lower(s));
    while (m.find()) out.add(m.group());
    return out;
  }

  static void numbersIn(String s, List<Double> out) {
    Matcher m = NUMBER.matcher(s);
    while (m.find()) out.add(parse(m.group()));
  }

  static double parse(String number) {
    return Double.parseDouble(number.replace(",", ""));
  }

  /** Exact to the cent, or a whole number that is the fact rounded. */
  static boolean matches(double said, List<Double> facts) {
    for (double f : facts) {
      if (Math.abs(said - f) < 0.005 + 1e-9) return true;
      if (said == Math.rint(said) && Math.abs(said - f) < 0.5 + 1e-9) return true;
    }
    return false;
  }

  /**
   * Whether {@code phrase} occurs in {@code text} as whole words. Chinese writes no spaces: next to
   * a CJK character (in the text or at the phrase's edge) every position is a word boundary, so
   * "Trail Boot售价" names "Trail Boot" and "最便宜的" holds "最便宜".
   */
  static boolean hasPhrase(String text, String phrase) {
    String p = lower(phrase).strip();
    if (p.isEmpty()) return false;
    boolean cjkStart = dev.glasscart.query.Language.isCjk(p.codePointAt(0));
    boolean cjkEnd = dev.glasscart.query.Language.isCjk(p.codePointBefore(p.length()));
    int i = text.indexOf(p);
    while (i >= 0) {
      boolean startOk = i == 0 || cjkStart || boundary(text.charAt(i - 1));
      int end = i + p.length();
      boolean endOk = end >= text.length() || cjkEnd || boundary(text.charAt(end));
      if (startOk && endOk) return true;
      i = text.indexOf(p, i + 1);
    }
    return false;
  }

  /** A character that ends a word: anything but a Latin letter or digit (a CJK character does). */
  private static boolean boundary(char c) {
    return !Character.isLetterOrDigit(c) || dev.glasscart.query.Language.isCjk(c);
  }
}

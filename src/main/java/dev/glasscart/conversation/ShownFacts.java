package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import dev.glasscart.explanation.Answer;
import dev.glasscart.explanation.Answer.Finding;
import dev.glasscart.query.Question;
import dev.glasscart.query.Question.Aspect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a {@link Question} from the catalog facts of the products it is about: orders them for
 * a superlative, looks a fact up for each. Nothing is inferred: a fact is a field value, an
 * attribute value or a sentence of the product's own text, and a field the catalog never fills
 * (no ratings, no stock figures, no such attribute) is reported as unstated.
 *
 * <p>Text lookups ({@link Aspect#TEXT}) weigh the question's words by how rare they are in the
 * catalog, so "what is the battery life like?" finds the sentence about the battery rather than
 * every "long-lasting"; words used by more than a fifth of the catalog are not looked up. Built
 * once per catalog in time linear in its text; immutable and thread-safe.
 */
final class ShownFacts {
  /** A word in more of the catalog's products than this share says nothing about one of them. */
  static final double COMMON_WORD_SHARE = 0.2;
  private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n。！？；]+[.!?。！？；]?");
  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
  private static final Pattern NUMBER = Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*([\\p{L}]*)");
  private static final Map<String, Double> UNITS = Map.ofEntries(
      Map.entry("day", 1.0), Map.entry("week", 7.0), Map.entry("month", 30.0), Map.entry("year", 365.0),
      Map.entry("hour", 1 / 24.0), Map.entry("g", 1.0), Map.entry("gram", 1.0), Map.entry("kg", 1000.0),
      Map.entry("kilogram", 1000.0), Map.entry("lb", 453.6), Map.entry("pound", 453.6), Map.entry("oz", 28.35),
      Map.entry("ounce", 28.35), Map.entry("mm", 0.1), Map.entry("cm", 1.0), Map.entry("m", 100.0),
      Map.entry("inch", 2.54), Map.entry("in", 2.54));
  private static final Set<String> WITHOUT_END = Set.of("lifetime", "unlimited", "forever", "permanent");

  private final Catalog catalog;
  private final Map<String, Integer> documentFrequency = new HashMap<>();
  private final boolean ratings;
  private final boolean stockFigures;

  ShownFacts(Catalog catalog) {
    this.catalog = catalog;
    boolean anyRating = false;
    boolean anyStock = false;
    // a catalog's variants (sizes, colours) share their whole text: each distinct text is read once
    Map<String, Set<String>> wordsOfText = new HashMap<>();
    for (Product p : catalog.products()) {
      anyRating |= p.rating() > 0 || p.reviewCount() > 0;
      anyStock |= p.stock() > 0;
      Set<String> seen = wordsOfText.computeIfAbsent(p.title() + " " + p.description() + " " + String.join(" ", p.tags()),
          text -> new HashSet<>(Words.keys(text)));
      for (String w : seen) documentFrequency.merge(w, 1, Integer::sum);
    }
    this.ratings = anyRating;
    this.stockFigures = anyStock;
  }

  /** Whether the catalog rates its products at all (else "best rated" cannot be answered). */
  boolean hasRatings() {
    return ratings;
  }

  /** Whether the catalog gives stock figures at all. */
  boolean hasStock() {
    return stockFigures;
  }

  /** The answer to {@code q} about {@code products} (in the order they were referred to). */
  Answer answer(Question q, List<Product> products) {
    List<Product> about = products;
    if (q.pick() != null && !products.isEmpty()) about = List.of(order(q.pick(), products).get(0));
    if (q.kind() == Question.Kind.SUPERLATIVE) {
      List<Product> ordered = order(q, about);
      List<Finding> findings = new ArrayList<>();
      boolean any = false;
      for (Product p : ordered) {
        Finding f = fact(q, p);
        any |= f.found();
        findings.add(f);
      }
      return new Answer(q, findings, !any || !answerable(q));
    }
    List<Finding> findings = new ArrayList<>();
    boolean any = false;
    for (Product p : about) {
      Finding f = fact(q, p);
      any |= f.found();
      findings.add(f);
    }
    if (q.aspect() == Aspect.TEXT) {
      if (!any) {
        // a compound nobody uses ("waterproof") by its first part the catalog does ("water resistance")
        List<String> heads = compoundHeads(q.words());
        if (!heads.isEmpty()) {
          findings.clear();
          for (Product p : about) findings.add(text(p, heads));
        }
      }
      // products with the property first: "are any of them polarized?" leads with the one that is
      findings.sort(Comparator.comparing((Finding f) -> !f.found()));
      return new Answer(q, findings, false);
    }
    return new Answer(q, findings, !any || !answerable(q));
  }

  private boolean answerable(Question q) {
    return switch (q.aspect()) {
      case RATING, REVIEWS -> ratings;
      case STOCK -> stockFigures;
      default -> true;
    };
  }

  /** {@code products} ordered by the superlative's aspect, the winner first; unknown values last. */
  List<Product> order(Question q, List<Product> products) {
    Comparator<Product> by = switch (q.aspect()) {
      case PRICE -> Comparator.comparingDouble(Product::price);
      case RATING -> Comparator.comparingDouble(Product::rating).thenComparingInt(Product::reviewCount);
      case REVIEWS -> Comparator.comparingInt(Product::reviewCount);
      case STOCK -> Comparator.comparingInt(Product::stock);
      case ATTRIBUTE -> Comparator.comparingDouble(p -> quantity(p.attribute(q.attribute())).orElse(Double.NaN));
      case TEXT -> Comparator.comparingInt(p -> 0);
    };
    if (q.highest()) by = by.reversed();
    List<Product> known = new ArrayList<>();
    List<Product> unknown = new ArrayList<>();
    for (Product p : products) {
      boolean has = q.aspect() != Aspect.ATTRIBUTE || quantity(p.attribute(q.attribute())).isPresent();
      (has ? known : unknown).add(p);
    }
    known.sort(by); // stable: ties keep the order they were shown in
    known.addAll(unknown);
    return known;
  }

  private Finding fact(Question q, Product p) {
    String currency = p.currency();
    return switch (q.aspect()) {
      case PRICE -> new Finding(p.id(), "price", Money.format(p.price(), currency), true);
      case RATING -> ratings ? new Finding(p.id(), "rating", PhraseRules.format(p.rating()), p.reviewCount() > 0 || p.rating() > 0)
          : new Finding(p.id(), "", "", false);
      case REVIEWS -> new Finding(p.id(), "reviewCount", String.valueOf(p.reviewCount()), ratings);
      case STOCK -> stock(p);
      case ATTRIBUTE -> {
        String v = p.attribute(q.attribute());
        yield v == null ? new Finding(p.id(), "", "", false) : new Finding(p.id(), "attribute:" + q.attribute(), v, true);
      }
      case TEXT -> text(p, q.words());
    };
  }

  private Finding stock(Product p) {
    String availability = p.attribute("availability");
    if (stockFigures) return new Finding(p.id(), "stock", String.valueOf(p.stock()), true);
    if (availability != null) return new Finding(p.id(), "attribute:availability", availability, true);
    return new Finding(p.id(), "", "", false);
  }

  /** The product's own words about the question: a title, tag, attribute or description sentence. */
  private Finding text(Product p, List<String> words) {
    List<String> asked = new ArrayList<>();
    for (String w : words) {
      if ((w.length() >= 3 || CJK.matcher(w).find()) && share(w) <= COMMON_WORD_SHARE) asked.add(w);
    }
    if (asked.isEmpty()) return new Finding(p.id(), "", "", false);
    if (score(p.title(), asked) > 0) return new Finding(p.id(), "title", p.title(), true);
    for (String tag : p.tags()) if (score(tag, asked) > 0) return new Finding(p.id(), "tag", tag, true);
    for (Map.Entry<String, String> a : p.attributes().entrySet()) {
      if (score(a.getValue(), asked) > 0) return new Finding(p.id(), "attribute:" + a.getKey(), a.getValue(), true);
    }
    String best = "";
    double bestScore = 0;
    Matcher m = SENTENCE.matcher(p.description());
    while (m.find()) {
      String sentence = m.group().strip();
      double s = score(sentence, asked);
      if (s > bestScore) {
        bestScore = s;
        best = sentence;
      }
    }
    return bestScore > 0 ? new Finding(p.id(), "description", best, true) : new Finding(p.id(), "", "", false);
  }

  /**
   * For each word the catalog never uses, its longest leading part of four letters or more that
   * it does use, with at least three letters left over ("waterproof" -> "water").
   */
  private List<String> compoundHeads(List<String> words) {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      if (documentFrequency.containsKey(w)) continue;
      for (int end = w.length() - 3; end >= TitleWords.MIN_PREFIX; end--) {
        String head = w.substring(0, end);
        if (documentFrequency.containsKey(head)) {
          out.add(head);
          break;
        }
      }
    }
    return out;
  }

  /** The rarity-weighted share of {@code asked} words {@code text} uses (a word also matches words it begins). */
  private double score(String text, List<String> asked) {
    List<String> keys = Words.keys(text);
    double s = 0;
    for (String w : asked) {
      if (CJK.matcher(w).find()) { // Chinese has no word breaks: the word is found inside the text
        if (text.contains(w)) s += 1;
        continue;
      }
      for (String k : keys) {
        if (k.equals(w) || (w.length() >= TitleWords.MIN_PREFIX && k.startsWith(w))) {
          s += 1 - share(w);
          break;
        }
      }
    }
    return s;
  }

  /** The share of catalog products whose text uses {@code word}. */
  private double share(String word) {
    int n = catalog.size();
    return n == 0 ? 0 : documentFrequency.getOrDefault(word, 0) / (double) n;
  }

  /**
   * The first amount in an attribute value, in a common unit when it names one ("2 year
   * warranty" is 730 days, "6 months" 180, "lifetime" the longest): so warranties, weights and
   * sizes compare; empty when the value holds no number.
   */
  static OptionalDouble quantity(String value) {
    if (value == null || value.isBlank()) return OptionalDouble.empty();
    String v = value.toLowerCase(Locale.ROOT);
    for (String w : WITHOUT_END) if (v.contains(w)) return OptionalDouble.of(1e9);
    Matcher m = NUMBER.matcher(v);
    if (!m.find()) return OptionalDouble.empty();
    double x = Double.parseDouble(m.group(1).replace(',', '.'));
    String unit = Words.singular(m.group(2));
    return OptionalDouble.of(x * UNITS.getOrDefault(unit, 1.0));
  }
}

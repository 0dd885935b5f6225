package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words a catalog uses, learned from the catalog itself: brands, categories, attribute keys
 * and values, tags. Each is indexed by its normalized form ({@link Words}: lower case, singular,
 * accents stripped), including multi-word phrases ("the north face", "hiking boot"), so that
 * {@link #find} can scan a message left to right and take the longest phrase at each position.
 *
 * <p>Aliases are derived by rule, never from lists tuned to one catalog: a leading "the" may be
 * dropped from brands; category paths ("home > kitchen", "mens-shoes") also answer to their leaf
 * and to "shoes for men"; an attribute value also answers to "{key} {value}" and "{value}
 * {key}"; a bare number or one-letter value (size "9", "m") or a function word ("no", "other")
 * answers only with its key ("size 9"); a yes/true value answers to its key ("waterproof").
 *
 * <p>Immutable and thread-safe once built; build once per catalog snapshot.
 */
public final class CatalogVocabulary {

  /** What kind of catalog word a term is; declaration order is the priority on equal spans. */
  public enum TermKind { BRAND, CATEGORY, ATTRIBUTE, TAG }

  /**
   * One catalog word. {@code value} is the catalog's own spelling; {@code field} the attribute key
   * ({@code tag} for tags, empty otherwise); {@code categories} the categories it occurs in.
   */
  public record Term(TermKind kind, String field, String value, Set<String> categories) {}

  /** A phrase of a message found in the vocabulary: token positions {@code [start, end)}. */
  public record Match(Term term, int start, int end) {}

  private static final Set<String> GENDERS = Set.of("man", "woman", "kid", "boy", "girl", "child", "unisex", "baby");
  private static final int MAX_VALUE_WORDS = 4;
  private static final java.util.regex.Pattern VALUE_SEPARATORS = java.util.regex.Pattern.compile("\\s*[,;/|]\\s*");
  private static final Set<String> YES = Set.of("yes", "true", "y");
  /** Values that would shadow the words of a request ("no", "other") answer only with their key. */
  private static final Set<String> FUNCTION_WORDS = Set.of(
      "no", "not", "false", "none", "na", "n", "other", "all", "any", "and", "or", "with", "without", "for", "in", "on",
      "the", "a", "an", "is", "it", "one", "only", "more", "less", "under", "over", "up", "me", "show", "to", "of");

  private final Map<String, List<Term>> byPhrase = new HashMap<>();
  private final Map<String, List<String>> phrasesByFirstWord = new HashMap<>();
  private final Map<String, Term> terms = new LinkedHashMap<>();
  /** {@link #lookup}'s index: the first-seen term per kind, attribute key and normalized value. */
  private final Map<String, Term> byKey = new HashMap<>();

  /** Dictionary names of the catalog's brands ({@link LexiconBrands}), headword to brand. */
  private Map<String, Term> chineseNames = Map.of();

  private CatalogVocabulary() {}

  /**
   * Starts reading the bundled dictionary ({@link BilingualLexicon#cedict}, about two seconds of
   * CPU) on a thread of its own, so that a start does it while it reads the catalog; the first
   * {@link #from(Catalog)} waits for it then. What it reads is the same either way.
   */
  public static void preloadLexicon() {
    Thread.ofPlatform().name("glasscart-lexicon").daemon().start(BilingualLexicon::cedict);
  }

  /**
   * Learns the vocabulary of {@code catalog}, its brands also under the Chinese names the bundled
   * dictionary gives them ({@link LexiconBrands}). Runs in time linear in the catalog size.
   */
  public static CatalogVocabulary from(Catalog catalog) {
    return from(catalog, BilingualLexicon.cedict());
  }

  /** As {@link #from(Catalog)} with the brands' Chinese names from {@code lexicon}. */
  static CatalogVocabulary from(Catalog catalog, BilingualLexicon lexicon) {
    Collector c = new Collector(new LinkedHashMap<>(), new HashMap<>(), new HashMap<>());
    for (Product p : catalog.products()) {
      if (!p.brand().isBlank()) c.collect(TermKind.BRAND, "", p.brand().trim(), p.category());
      if (!p.category().isBlank()) c.collect(TermKind.CATEGORY, "", p.category().trim(), p.category());
      for (String tag : p.tags()) {
        if (!tag.isBlank()) c.collect(TermKind.TAG, "tag", tag.trim(), p.category());
      }
      for (Map.Entry<String, String> a : p.attributes().entrySet()) {
        for (String part : VALUE_SEPARATORS.split(a.getValue())) {
          if (!part.isBlank() && c.key(part).split(" ").length <= MAX_VALUE_WORDS) {
            c.collect(TermKind.ATTRIBUTE, a.getKey().toLowerCase(java.util.Locale.ROOT), part.trim(), p.category());
          }
        }
      }
    }
    CatalogVocabulary v = new CatalogVocabulary();
    for (Map.Entry<String, Set<String>> e : c.cats().entrySet()) {
      String[] id = e.getKey().split("\u0000", -1);
      TermKind kind = TermKind.valueOf(id[0]);
      Term t = new Term(kind, id[1], id[2], Set.copyOf(e.getValue()));
      v.terms.put(e.getKey(), t);
      v.byKey.putIfAbsent(lookupKey(kind, t.field(), c.key(t.value())), t);
      v.index(t);
    }
    // a Latin-spelt brand also answers to its Chinese names ("卡西欧" for a brand spelt "Casio")
    List<Term> brands = v.terms.values().stream().filter(t -> t.kind() == TermKind.BRAND).toList();
    Map<String, Term> names = LexiconBrands.learn(catalog, brands, lexicon, v.byPhrase::containsKey);
    names.forEach((head, t) -> v.add(Words.key(head), t));
    v.chineseNames = Map.copyOf(names);
    v.phrasesByFirstWord.values().forEach(l -> l.sort(Comparator.comparingInt((String s) -> s.length()).reversed()));
    return v;
  }

  /**
   * Build-time state of {@link #from}: the categories per term id, the first spelling seen per
   * normalized value (so "Nike" and "NIKE" are one term) and a memo of {@link Words#key}
   * (catalogs repeat the same values many times).
   */
  private record Collector(Map<String, Set<String>> cats, Map<String, String> spellings, Map<String, String> keyCache) {
    String key(String value) {
      return keyCache.computeIfAbsent(value, Words::key);
    }

    void collect(TermKind kind, String field, String value, String category) {
      String spelling = spellings.computeIfAbsent(kind + "\u0000" + field + "\u0000" + key(value), k -> value);
      cats.computeIfAbsent(kind + "\u0000" + field + "\u0000" + spelling, k -> new LinkedHashSet<>()).add(category);
    }
  }

  private void index(Term t) {
    List<String> keys = Words.keys(t.value());
    if (keys.isEmpty()) return;
    String phrase = String.join(" ", keys);
    switch (t.kind()) {
      case BRAND -> {
        if (phrase.length() < 2 || FUNCTION_WORDS.contains(phrase)) { // a brand called "On" answers to "On brand"
          add(phrase + " brand", t);
          add("brand " + phrase, t);
          return;
        }
        add(phrase, t);
        if (keys.size() > 1 && keys.get(0).equals("the")) add(phrase.substring(4), t);
      }
      case CATEGORY -> {
        add(phrase, t);
        String[] path = t.value().split("\\s*[>/]\\s*");
        if (path.length > 1) add(Words.key(path[path.length - 1]), t);
        if (keys.size() > 1 && GENDERS.contains(keys.get(0))) {
          add(String.join(" ", keys.subList(1, keys.size())) + " for " + keys.get(0), t);
        }
      }
      case ATTRIBUTE -> {
        String key = Words.key(t.field());
        if (YES.contains(phrase)) {
          add(key, t); // "waterproof: yes" answers to "waterproof"
          return;
        }
        boolean word = phrase.length() >= 2 && phrase.chars().allMatch(Character::isLetter) && !FUNCTION_WORDS.contains(phrase);
        boolean code = phrase.length() >= 3 && phrase.chars().anyMatch(Character::isLetter) && phrase.chars().anyMatch(Character::isDigit);
        boolean bareOk = keys.size() > 1 || word || code; // "256gb", "40mm" are specific enough alone
        if (bareOk) add(phrase, t);
        add(key + " " + phrase, t);
        add(phrase + " " + key, t);
        if (key.equals("colour")) {
          add("color " + phrase, t);
          add(phrase + " color", t);
        }
      }
      case TAG -> add(phrase, t);
    }
  }

  private void add(String phrase, Term t) {
    if (phrase.isBlank()) return;
    List<Term> list = byPhrase.computeIfAbsent(phrase, k -> new ArrayList<>());
    if (list.contains(t)) return;
    list.add(t);
    list.sort(Comparator.comparing(Term::kind));
    String first = phrase.split(" ")[0];
    List<String> phrases = phrasesByFirstWord.computeIfAbsent(first, k -> new ArrayList<>());
    if (!phrases.contains(phrase)) phrases.add(phrase);
  }

  /**
   * Phrases of {@code tokens} (normalized forms) found in the vocabulary, scanning left to right
   * and taking the longest phrase at each position; every term with that phrase is returned, in
   * priority order (brand, category, attribute, tag), all with the same span.
   */
  public List<Match> find(List<String> tokens) {
    List<Match> out = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      int len = longestAt(tokens, i);
      if (len == 0) {
        i++;
        continue;
      }
      String phrase = String.join(" ", tokens.subList(i, i + len));
      for (Term t : byPhrase.get(phrase)) out.add(new Match(t, i, i + len));
      i += len;
    }
    return out;
  }

  private int longestAt(List<String> tokens, int i) {
    List<String> phrases = phrasesByFirstWord.get(tokens.get(i));
    if (phrases == null) return 0;
    for (String p : phrases) {
      int n = p.split(" ").length;
      if (i + n <= tokens.size() && String.join(" ", tokens.subList(i, i + n)).equals(p)) return n;
    }
    return 0;
  }

  /** The term of that kind (and attribute key) whose normalized form equals {@code value}'s. */
  public Optional<Term> lookup(TermKind kind, String field, String value) {
    if (value == null || value.isBlank()) return Optional.empty();
    return Optional.ofNullable(byKey.get(lookupKey(kind, field, Words.key(value))));
  }

  /** Kind, attribute key (attributes only: other kinds ignore the field) and normalized value. */
  private static String lookupKey(TermKind kind, String field, String valueKey) {
    return kind + "\u0000" + (kind == TermKind.ATTRIBUTE ? fieldKey(field) : "") + "\u0000" + valueKey;
  }

  private static String fieldKey(String field) {
    String f = field == null ? "" : Words.key(field);
    return f.equals("color") ? "colour" : f;
  }

  /** The Chinese headwords the dictionary gave the catalog's brands, each with its brand (diagnostics, tests). */
  public Map<String, Term> chineseBrandNames() {
    return chineseNames;
  }

  /** Every term, in first-seen order. */
  public List<Term> terms() {
    return List.copyOf(terms.values());
  }
}

package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.conversation.CatalogVocabulary.Match;
import dev.glasscart.conversation.CatalogVocabulary.Term;
import dev.glasscart.conversation.CatalogVocabulary.TermKind;
import dev.glasscart.retrieval.dense.Embedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Shopper words mapped by meaning to the catalog's own categories, for the words the spelling-based
 * {@link CatalogVocabulary} does not know ("cologne" to {@code fragrances}, "motorbike" to
 * {@code motorcycle}, "sneakers" to {@code mens-shoes} and {@code womens-shoes}). Everything is
 * learned from the catalog with the same sentence encoder as dense retrieval; nothing names a
 * product, category or phrase.
 *
 * <p><b>What a category looks like.</b> Each category of the vocabulary has a vector: the
 * embedding of its name (the leaf of a path, hyphens and underscores as spaces: "mens-shoes" is
 * embedded as "mens shoes"), and, once {@link #learnTitles} has the products' title vectors, the
 * normalized mean of that name vector and the centroid of its products' titles (equal weights).
 * After {@link #learnTags}, each tag of the catalog is a further label of the categories its
 * products are in: a category scores the best of its own vector and its tags' vectors, so
 * "earphones" reaches the category whose products are tagged "wireless earphones".
 *
 * <p><b>When a word maps.</b> A word or short phrase is embedded (memoized, {@value #WORD_MEMO}
 * most recent), scored against every category (cosine), and the scores sorted. The accepted group
 * is the run of top categories before the first drop of at least {@value #MIN_GAP}; it maps when
 * the best score is at least {@value #MIN_COSINE} and the group holds at most {@value #MAX_GROUP}
 * categories (near-equal categories such as men's and women's boots are alternatives, as "Nike or
 * Adidas" are). A word close to many categories alike ("gift", "mom", "something") maps to none.
 *
 * <p><b>Calibration</b> (bundled all-MiniLM-L6-v2, quantized; {@code ./glasscart bench meanings
 * ../shared/datasets/dummyjson/products.json}, names + tags + title centroids, 2026-12-01): 34
 * words judged to belong to a category of the demo catalog (18 categories) or dummyjson (24) and
 * 32 that must map to none ("gift", "mom", "today", "weather", "loves", "something", "wife"...).
 * The unrelated words' best cosine is at most 0.53 ("quality" 0.53, "loves" 0.52, "something"
 * 0.52, "wife" 0.52); the judged words that map score 0.61 to 0.99 ("lamp" 0.62, "espresso
 * machine" 0.61, "cologne" 0.72, "motorbike" 0.80, "suv" 0.87). At 0.55 / 0.08: 26 right, 2
 * wrong ("trekking shoes" to running shoes at 0.78 against hiking boots 0.67; "earbuds" to
 * mobile accessories and, from the tag "earrings", jewellery: 0.64 / 0.63), 6 missed ("trainers"
 * 0.54, "hoover" 0.52, "flask" 0.45, "rucksack" 0.37, "parka" 0.36), no unrelated word mapped.
 * Lower thresholds map unrelated words (0.50 / 0.08: 7 wrong), higher ones miss more (0.65: 10
 * missed). Tags shared by several categories ("outdoor") are not labels: with them "weather"
 * reached tents, boots and bottles at 0.55. An encoder dropped into {@code models/encoder/} has
 * its own cosine scale: re-run the bench and adjust the constants with it.
 *
 * <p>Thread-safe: the category space is an immutable snapshot swapped atomically when tags or
 * titles are learned; the memos are guarded by their own locks, never held while encoding.
 * {@link #categoriesOf} blocks the first time it meets a word (one encoder call, ~2 to 10 ms on
 * CPU): call it from a worker thread, as the {@link Understander} is.
 */
public final class CatalogMeanings {
  /** Least cosine between a word and its best category (calibration above). */
  static final double MIN_COSINE = 0.55;
  /** Least drop in score between the accepted group and the next category. */
  static final double MIN_GAP = 0.08;
  /** Most categories one word may stand for. */
  static final int MAX_GROUP = 3;
  /** Most words whose vectors and mappings are remembered. */
  static final int WORD_MEMO = 4096;
  /** Longest phrase (in words) tried as one. */
  static final int MAX_PHRASE_WORDS = 3;
  /**
   * Chinese encoder (bge-small-zh-v1.5), categories: least cosine and gap ({@code ./glasscart bench
   * meanings}, Chinese part, below). Its cosines sit higher than MiniLM's: unrelated words reach 0.54.
   */
  static final double ZH_MIN_COSINE = 0.60;
  static final double ZH_MIN_GAP = 0.08;
  /** Chinese encoder, a CJK word to a brand spelt in Latin letters: least cosine, least lead over the runner-up. */
  static final double ZH_BRAND_COSINE = 0.58;
  static final double ZH_BRAND_GAP = 0.10;
  /** Longest run of CJK characters mapped; spans of 2 to {@value #MAX_CJK_SPAN} characters are tried inside longer runs. */
  static final int MAX_CJK_RUN = 8;
  static final int MAX_CJK_SPAN = 4;
  /** Share of the catalog products mentioning a word that may belong to other brands for it to be one brand's name. */
  static final double MAX_OTHER_MENTIONS = 0.1;

  /**
   * The cosine thresholds of one encoder; {@code cjk}: whether it reads Chinese, so that runs of CJK
   * characters are mapped at all (the bundled MiniLM reads them as noise).
   */
  record Thresholds(double minCosine, double minGap, boolean cjk, double brandCosine, double brandGap) {
    static final Thresholds MINILM = new Thresholds(MIN_COSINE, MIN_GAP, false, 2, 1);
    static final Thresholds BGE_ZH = new Thresholds(ZH_MIN_COSINE, ZH_MIN_GAP, true, ZH_BRAND_COSINE, ZH_BRAND_GAP);

    /** The calibrated thresholds for an encoder by its {@link Embedder#name()}; MiniLM's for any other. */
    static Thresholds forEncoder(String name) {
      return name != null && name.startsWith("bge-small-zh") ? BGE_ZH : MINILM;
    }
  }

  /** Maps nothing: for a catalog without an encoder (tests, benches of the rules alone). */
  public static final CatalogMeanings NONE = new CatalogMeanings(null, List.of(), new float[0][], null);

  private static final Logger LOG = Logger.getLogger(CatalogMeanings.class.getName());

  /**
   * One word's outcome: the categories it maps to, best first (for {@link #brandOf}, the one
   * brand), with the scores that decided.
   */
  public record Mapping(String phrase, List<Term> categories, double best, double gap) {
    public boolean mapped() {
      return !categories.isEmpty();
    }
  }

  /**
   * The current category space: one vector per category, plus tag labels ({@code labels[i]} is a
   * vector, {@code labelCategories[i]} the indexes of the categories it stands for).
   */
  private record Space(float[][] categories, float[][] labels, int[][] labelCategories) {}

  private final Embedder embedder;
  private final List<Term> categories;
  private final float[][] nameVectors;
  private final CatalogVocabulary vocabulary;
  private volatile Space space;
  private final Lru<float[]> vectors = new Lru<>(WORD_MEMO);
  private final Lru<Mapping> mappings = new Lru<>(WORD_MEMO);
  private final Thresholds thresholds;
  /** Brand names and who mentions a word ({@link #learnBrands}); null until learned. */
  private volatile BrandNames brands;
  private final Lru<Mapping> brandMappings = new Lru<>(WORD_MEMO);

  private CatalogMeanings(Embedder embedder, List<Term> categories, float[][] nameVectors, CatalogVocabulary vocabulary) {
    this.embedder = embedder;
    this.categories = categories;
    this.nameVectors = nameVectors;
    this.vocabulary = vocabulary;
    this.space = new Space(nameVectors, new float[0][], new int[0][]);
    this.thresholds = embedder == null ? Thresholds.MINILM : Thresholds.forEncoder(embedder.name());
  }

  /**
   * Embeds the name of every category of {@code vocabulary} (one batch; blocking): the mapping works
   * from category names alone until {@link #learnTags} and {@link #learnTitles} improve it.
   *
   * @param embedder must normalize (dot = cosine), as the bundled encoder does
   */
  public static CatalogMeanings of(CatalogVocabulary vocabulary, Embedder embedder) {
    Objects.requireNonNull(vocabulary, "vocabulary");
    Objects.requireNonNull(embedder, "embedder");
    List<Term> cats = vocabulary.terms().stream().filter(t -> t.kind() == TermKind.CATEGORY).toList();
    if (cats.isEmpty()) return new CatalogMeanings(embedder, cats, new float[0][], vocabulary);
    long t = System.nanoTime();
    float[][] names = embedder.embed(cats.stream().map(c -> nameText(c.value())).toList());
    LOG.info("category names of " + cats.size() + " categories embedded in " + (System.nanoTime() - t) / 1_000_000 + " ms");
    return new CatalogMeanings(embedder, cats, names, vocabulary);
  }

  /** The text embedded for a category: the leaf of its path, separators as spaces. */
  static String nameText(String category) {
    String[] path = category.split("\\s*[>/]\\s*");
    return path[path.length - 1].replaceAll("[-_]+", " ").trim();
  }

  /** The catalog's categories this mapping knows, in the vocabulary's order. */
  public List<Term> categories() {
    return categories;
  }

  /**
   * Adds the catalog's tags as labels of their categories (one encoder batch over the distinct
   * tags; blocking, so run it in the background after start). Idempotent.
   */
  public void learnTags() {
    if (embedder == null || categories.isEmpty()) return;
    long t = System.nanoTime();
    Map<String, Integer> index = categoryIndex();
    List<String> texts = new ArrayList<>();
    List<int[]> cats = new ArrayList<>();
    for (Term tag : vocabulary.terms()) {
      if (tag.kind() != TermKind.TAG) continue;
      int[] ids = tag.categories().stream().map(c -> index.get(categoryKey(c))).filter(Objects::nonNull).mapToInt(Integer::intValue).sorted().toArray();
      if (ids.length != 1) continue; // a tag shared by categories ("outdoor") says little about any one of them
      texts.add(tag.value().replaceAll("[-_]+", " "));
      cats.add(ids);
    }
    float[][] labels = texts.isEmpty() ? new float[0][] : embedder.embed(texts);
    synchronized (this) {
      Space s = space;
      space = new Space(s.categories(), labels, cats.toArray(new int[0][]));
    }
    mappings.clear();
    LOG.info(texts.size() + " tags of " + categories.size() + " categories embedded in " + (System.nanoTime() - t) / 1_000_000 + " ms");
  }

  /**
   * Blends each category's name vector with the centroid of its products' title vectors
   * ({@code titleVector} returns a product's normalized title vector, or null when it has none).
   * CPU only, linear in the catalog size; call when the title vectors are ready.
   */
  public void learnTitles(Catalog catalog, Function<String, float[]> titleVector) {
    if (embedder == null || categories.isEmpty()) return;
    Map<String, Integer> index = categoryIndex();
    int dim = nameVectors[0].length;
    float[][] sums = new float[categories.size()][];
    Map<String, Integer> byRaw = new HashMap<>(); // catalogs repeat each category spelling many times
    for (Product p : catalog.products()) {
      Integer c = byRaw.computeIfAbsent(p.category(), raw -> index.getOrDefault(categoryKey(raw), -1));
      if (c < 0) continue;
      float[] v = titleVector.apply(p.id());
      if (v == null || v.length != dim) continue;
      if (sums[c] == null) sums[c] = new float[dim];
      for (int j = 0; j < dim; j++) sums[c][j] += v[j];
    }
    float[][] blended = new float[categories.size()][];
    for (int c = 0; c < blended.length; c++) {
      if (sums[c] == null) {
        blended[c] = nameVectors[c];
        continue;
      }
      float[] centroid = normalized(sums[c]);
      float[] m = new float[dim];
      for (int j = 0; j < dim; j++) m[j] = nameVectors[c][j] + centroid[j];
      blended[c] = normalized(m);
    }
    synchronized (this) {
      Space s = space;
      space = new Space(blended, s.labels(), s.labelCategories());
    }
    mappings.clear();
  }

  private Map<String, Integer> categoryIndex() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < categories.size(); i++) index.put(categoryKey(categories.get(i).value()), i);
    return index;
  }

  private static String categoryKey(String category) {
    return Words.key(category);
  }

  /**
   * The categories {@code phrase} (a shopper's word or short phrase, as typed) stands for by
   * meaning; empty when none is close enough or several are equally close. Blocking the first time
   * a phrase is seen (one encoder call); memoized after.
   */
  public Mapping categoriesOf(String phrase) {
    String key = Words.fold(phrase).trim();
    if (embedder == null || categories.isEmpty() || key.isEmpty()) return new Mapping(key, List.of(), 0, 0);
    Space s = space;
    Mapping hit = mappings.get(key);
    if (hit != null) return hit;
    float[] v = vectorsOf(List.of(key)).get(0);
    Mapping m = map(key, v, s);
    if (s == space) mappings.put(key, m);
    return m;
  }

  /** The vectors of {@code keys} (folded), embedding those not remembered in one batch. */
  private List<float[]> vectorsOf(List<String> keys) {
    List<float[]> out = new ArrayList<>(keys.size());
    List<String> missing = new ArrayList<>();
    for (String k : keys) {
      float[] v = vectors.get(k);
      out.add(v);
      if (v == null && !missing.contains(k)) missing.add(k);
    }
    if (missing.isEmpty()) return out;
    float[][] fresh = embedder.embed(missing);
    for (int i = 0; i < missing.size(); i++) vectors.put(missing.get(i), fresh[i]);
    for (int i = 0; i < keys.size(); i++) if (out.get(i) == null) out.set(i, fresh[missing.indexOf(keys.get(i))]);
    return out;
  }

  /**
   * Learns the catalog's brand names for words written in CJK characters when the catalog spells
   * its brands in Latin letters ({@link BrandNames}): one encoder batch over the distinct brands;
   * blocking, so run it in the background. Does nothing for an encoder that does not read Chinese.
   */
  public void learnBrands(Catalog catalog) {
    if (embedder == null || !thresholds.cjk()) return;
    long t = System.nanoTime();
    BrandNames b = BrandNames.learn(catalog, vocabulary, embedder);
    brands = b;
    brandMappings.clear();
    LOG.info(b.size() + " brand names embedded for Chinese words in " + (System.nanoTime() - t) / 1_000_000 + " ms");
  }

  /**
   * The catalog brand a CJK word ({@code phrase}, e.g. a brand's Chinese name) stands for: the
   * brand whose name the encoder places nearest, at least {@link Thresholds#brandCosine} and
   * {@link Thresholds#brandGap} ahead of the runner-up, unless products of other brands mention
   * the word in their own text (then it names a kind of product, not a brand); a word only one
   * brand's products mention needs only that brand to be the nearest. Empty before
   * {@link #learnBrands}. Blocking the first time a word is seen; memoized.
   */
  public Mapping brandOf(String phrase) {
    String key = Words.fold(phrase).trim();
    BrandNames b = brands;
    if (b == null || key.isEmpty() || b.size() == 0) return new Mapping(key, List.of(), 0, 0);
    Mapping hit = brandMappings.get(key);
    if (hit != null) return hit;
    Mapping m = b.map(key, vectorsOf(List.of(key)).get(0), thresholds);
    brandMappings.put(key, m);
    return m;
  }

  private Mapping map(String key, float[] v, Space s) {
    int n = categories.size();
    double[] score = scoreAll(v, s);
    Integer[] order = ranked(score);
    int group = 1;
    while (group < n && score[order[group - 1]] - score[order[group]] < thresholds.minGap()) group++;
    double best = score[order[0]];
    double gap = group < n ? score[order[group - 1]] - score[order[group]] : 1;
    if (best < thresholds.minCosine() || group > MAX_GROUP) return new Mapping(key, List.of(), best, gap);
    List<Term> out = new ArrayList<>(group);
    for (int i = 0; i < group; i++) out.add(categories.get(order[i]));
    return new Mapping(key, List.copyOf(out), best, gap);
  }

  /**
   * {@code matches} (the vocabulary's, in order) plus, for each run of consecutive content words
   * ({@code contentWord}) that no match covers, the categories the run (up to
   * {@value #MAX_PHRASE_WORDS} words) stands for by meaning, or else those of one of its words, the
   * last first (English puts the head noun last: "running shoes"). A group of categories is one
   * match per category, all with the same span. Blocking on words seen for the first time.
   */
  List<Match> extend(List<Words.Token> tokens, List<Match> matches, Predicate<Words.Token> contentWord) {
    return extend(tokens, matches, contentWord, true);
  }

  /**
   * As {@link #extend(List, List, Predicate)} with only the brands of CJK runs (for references to
   * shown products: "the Lenovo one" said in Chinese), or categories and brands.
   */
  List<Match> extend(List<Words.Token> tokens, List<Match> matches, Predicate<Words.Token> contentWord, boolean withCategories) {
    if (embedder == null || categories.isEmpty() && brands == null) return matches;
    boolean[] open = new boolean[tokens.size()];
    for (int k = 0; k < open.length; k++) open[k] = contentWord.test(tokens.get(k));
    for (Match m : matches) for (int k = m.start(); k < m.end(); k++) open[k] = false;
    List<Match> added = new ArrayList<>();
    for (int i = 0; i < tokens.size(); ) {
      if (!open[i]) {
        i++;
        continue;
      }
      boolean cjk = Words.isCjk(tokens.get(i));
      int end = i;
      while (end < tokens.size() && open[end] && Words.isCjk(tokens.get(end)) == cjk) end++;
      if (cjk) added.addAll(cjkMeaningOf(tokens, i, end, withCategories));
      else if (withCategories) added.addAll(meaningOf(tokens, i, end));
      i = end;
    }
    if (added.isEmpty()) return matches;
    List<Match> all = new ArrayList<>(matches);
    all.addAll(added);
    all.sort(Comparator.comparingInt(Match::start));
    return all;
  }

  private List<Match> meaningOf(List<Words.Token> tokens, int start, int end) {
    if (end - start > 1 && end - start <= MAX_PHRASE_WORDS) {
      StringBuilder phrase = new StringBuilder();
      for (int k = start; k < end; k++) phrase.append(k == start ? "" : " ").append(tokens.get(k).surface());
      List<Match> whole = matchesOf(categoriesOf(phrase.toString()), start, end);
      if (!whole.isEmpty()) return whole;
    }
    for (int k = end - 1; k >= start; k--) {
      List<Match> one = matchesOf(categoriesOf(tokens.get(k).surface()), k, k + 1);
      if (!one.isEmpty()) return one;
    }
    return List.of();
  }

  /**
   * A run of CJK characters (no spaces to tell the words apart): the whole run, then each span of
   * {@value #MAX_CJK_SPAN} down to 2 characters, left to right, embedded in one batch; the first
   * span that names a brand or maps to categories wins ({@link #moreCategoryThanBrand} when both). Nothing when the encoder
   * does not read Chinese or the run is longer than {@value #MAX_CJK_RUN} characters.
   */
  private List<Match> cjkMeaningOf(List<Words.Token> tokens, int start, int end, boolean withCategories) {
    if (!thresholds.cjk() || end - start < 2 || end - start > MAX_CJK_RUN) return List.of();
    List<int[]> spans = new ArrayList<>();
    spans.add(new int[] {start, end});
    for (int len = Math.min(MAX_CJK_SPAN, end - start - 1); len >= 2; len--) {
      for (int k = start; k + len <= end; k++) spans.add(new int[] {k, k + len});
    }
    List<String> texts = new ArrayList<>();
    for (int[] sp : spans) {
      StringBuilder b = new StringBuilder();
      for (int k = sp[0]; k < sp[1]; k++) b.append(tokens.get(k).surface());
      texts.add(Words.fold(b.toString()).trim());
    }
    vectorsOf(texts); // one encoder call for every span not seen before
    for (int i = 0; i < spans.size(); i++) {
      Mapping brand = brandOf(texts.get(i));
      Mapping cats = withCategories && !categories.isEmpty() ? categoriesOf(texts.get(i)) : new Mapping(texts.get(i), List.of(), 0, 0);
      Mapping chosen = cats.mapped() && (!brand.mapped() || moreCategoryThanBrand(cats, brand)) ? cats : brand;
      List<Match> m = matchesOf(chosen, spans.get(i)[0], spans.get(i)[1]);
      if (!m.isEmpty()) return m;
    }
    return List.of();
  }

  /**
   * A word that maps both to a brand and to categories: a brand's Chinese name also sits near its
   * products' category ("三星" about as near smartphones as near "Samsung"), while a word for a
   * kind of product sits near a brand that makes it but far nearer its category ("慢跑鞋", jogging
   * shoes: 0.87 to running shoes, 0.60 to a running-shoe brand, in ChineseMeaningsTest's catalog).
   * The category wins when it is nearer than the brand by more than the category gap.
   */
  private boolean moreCategoryThanBrand(Mapping cats, Mapping brand) {
    return cats.best() - brand.best() > thresholds.minGap();
  }

  private static List<Match> matchesOf(Mapping m, int start, int end) {
    return m.categories().stream().map(t -> new Match(t, start, end)).toList();
  }

  /**
   * The best categories of {@code phrase} with their cosines, best first (at most {@code k}), for
   * calibration and diagnostics; blocking like {@link #categoriesOf}.
   */
  public Map<String, Double> scores(String phrase, int k) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (embedder == null || categories.isEmpty()) return out;
    float[] v = embedder.embed(List.of(Words.fold(phrase).trim()))[0];
    double[] score = scoreAll(v, space);
    Integer[] order = ranked(score);
    for (int i = 0; i < Math.min(k, order.length); i++) out.put(categories.get(order[i]).value(), score[order[i]]);
    return out;
  }

  /** The best brands of a CJK word with their cosines, best first (at most {@code k}), for calibration; blocking. */
  public Map<String, Double> brandScores(String phrase, int k) {
    BrandNames b = brands;
    if (b == null) return new LinkedHashMap<>();
    return b.scores(vectorsOf(List.of(Words.fold(phrase).trim())).get(0), k);
  }

  /** Cosine of {@code v} with every category: the best of its own vector and its tags'. */
  private double[] scoreAll(float[] v, Space s) {
    double[] score = new double[categories.size()];
    for (int c = 0; c < score.length; c++) score[c] = dot(v, s.categories()[c]);
    for (int i = 0; i < s.labels().length; i++) {
      double d = dot(v, s.labels()[i]);
      for (int c : s.labelCategories()[i]) if (d > score[c]) score[c] = d;
    }
    return score;
  }

  /** Category indexes by descending score. */
  private static Integer[] ranked(double[] score) {
    Integer[] order = new Integer[score.length];
    for (int c = 0; c < score.length; c++) order[c] = c;
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    return order;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  private static float[] normalized(float[] a) {
    double n = Math.sqrt(dot(a, a));
    float[] o = new float[a.length];
    if (n < 1e-12) return o;
    for (int i = 0; i < a.length; i++) o[i] = (float) (a[i] / n);
    return o;
  }

  /** A bounded least-recently-used memo keyed by folded phrase. */
  private static final class Lru<V> {
    private final Map<String, V> map;

    Lru(int capacity) {
      this.map = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
          return size() > capacity;
        }
      };
    }

    synchronized V get(String key) {
      return map.get(key);
    }

    synchronized void put(String key, V value) {
      map.put(key, value);
    }

    synchronized void clear() {
      map.clear();
    }
  }
}

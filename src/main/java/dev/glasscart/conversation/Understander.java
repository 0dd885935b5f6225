package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Chat;
import dev.glasscart.query.Question;
import dev.glasscart.conversation.CatalogVocabulary.Match;
import dev.glasscart.conversation.CatalogVocabulary.Term;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Language;
import dev.glasscart.query.Understanding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rule-based reading of shopper messages in context. Per turn: detect the intent (MORE, WHY,
 * WHY_NOT, COMPARE or SEARCH), read the message's own constraints ({@link PhraseRules} for
 * prices, ratings, stock and sorting; the {@link CatalogVocabulary} for brands, categories and
 * attribute values, with negation), optionally merge an LLM's proposals ({@link LlmProposals}),
 * then apply the context rules of {@link DialogueState} and return the whole current reading.
 *
 * <p>Negation ("not", "no", "without", "except", "anything but", "other than", "avoid"...) covers
 * the catalog phrases that follow it, through "or"/"and"/commas-free connectives, until another
 * word or a clause break. The free text left after removing constraint phrases and stopwords is
 * the query; category and tag words stay in it because retrieval needs the product nouns.
 * Chinese wording is read by {@link ChinesePhrases} (its negations become "not" before the scan
 * above); Chinese text is matched character by character ({@link Words}) and the characters
 * left in a row go back into the query as one word.
 *
 * <p>Immutable and thread-safe (all per-conversation data lives in the {@link DialogueState}
 * passed in, which is not); CPU only, and blocking only with {@link CatalogMeanings}, on a word it
 * meets for the first time (one encoder call): call it from a worker thread.
 */
public final class Understander {
  private static final Pattern MORE = Pattern.compile(
      "^(?:ok(?:ay)?\\s+|please\\s+)?(?:(?:show|give|see|load)(?:\\s+me)?\\s+)?(?:some\\s+)?more"
          + "(?:\\s+(?:results|options|items|products|of (?:these|those|them|this)))?(?:\\s+please)?[\\s.!?]*$"
          + "|^(?:next|next page|next results|more please)[\\s.!?]*$");
  private static final Pattern WHY_NOT = Pattern.compile(
      "\\bwhy\\s+(?:not|no|isn ?t|wasn ?t|aren ?t|didn ?t|don ?t|did you (?:skip|leave out|exclude))\\b");
  private static final Pattern WHY = Pattern.compile(
      "^\\s*why\\b|\\bwhy\\s*[?.!]*\\s*$|\\bwhat makes\\b|\\bwhy (?:did|do) you\\b|\\bexplain\\b|\\btell me (?:more )?about (?:the|that|this|it|number)\\b");
  private static final Pattern COMPARE = Pattern.compile(
      "\\bcompare\\b|\\bvs\\.?\\b|\\bversus\\b|\\bdifference between\\b|\\bwhich (?:one )?is better\\b");
  private static final Pattern RESET = Pattern.compile(
      "\\bstart over\\b|\\bnew search\\b|\\bforget (?:it|that|everything|all that)\\b|\\bsomething else entirely\\b|\\breset\\b");
  /** "anything but", "other than", "don't want": read as negations. */
  private static final Pattern ALL_BUT = Pattern.compile("\\b(?:any|anything|every|everything|all|something)(?: \\p{L}+)? but\\b");
  private static final Pattern OTHER_THAN = Pattern.compile("\\bother than\\b");
  private static final Pattern DONT_WANT = Pattern.compile("\\bdon ?'?t (?:want|like)\\b");
  private static final Set<String> NEGATORS = Set.of(
      "not", "no", "without", "except", "excluding", "exclude", "avoid", "non", "never", "nothing", "hate", "dont", "nor");
  private static final Set<String> CONNECTIVES = Set.copyOf(List.of(
      "or", "and", "nor", "any", "a", "an", "the", "from", "by", "made", "of", "in", "brand", "color", "colour",
      "one", "ones", "anything", "stuff", "thing", "want", "like", "too", "either"));
  private static final Set<String> STOPWORDS = Set.copyOf(List.of(
      "show", "me", "i", "im", "want", "need", "looking", "look", "for", "a", "an", "the", "some", "please", "find",
      "get", "can", "could", "you", "give", "something", "anything", "with", "to", "of", "in", "on", "and", "or",
      "would", "like", "buy", "search", "any", "that", "is", "are", "be", "one", "ones", "now", "instead", "also",
      "just", "only", "but", "hey", "hi", "hello", "thanks", "thank", "which", "what", "do", "have", "got", "let",
      "see", "my", "it", "them", "they", "there", "this", "these", "those", "maybe", "ok", "okay", "well", "really",
      "options", "option", "item", "items", "products", "product", "stuff", "thing", "things", "other", "than",
      "other", "else", "lets", "we", "us", "our", "shopping", "shop", "how", "about", "around", "am", "will", "should",
      "prefer", "preferably", "ideally", "then", "again", "too", "very", "same", "but", "at", "by", "from", "price",
      "priced", "cost", "costs", "costing", "brand", "made", "new", "start", "over", "dollars", "bucks", "euros",
      "|", "whats", "where", "find", "recommend", "suggest", "good", "nice", "great", "best", "pick", "up", "first",
      "second", "third", "fourth", "fifth", "last", "number", "why", "compare", "next", "previous", "cheap", "anymore",
      "actually", "rather", "ok", "hmm", "fine", "sure", "yes", "yeah", "right", "alright"));

  private final CatalogVocabulary vocabulary;
  private final References references;
  private final DialogueActs acts;
  private final TitleWords titles;
  private final Catalog catalog;
  private volatile CatalogMeanings meanings;

  public Understander(CatalogVocabulary vocabulary, Catalog catalog) {
    this(vocabulary, catalog, CatalogMeanings.NONE);
  }

  /** With words the vocabulary does not spell mapped to categories by meaning ({@link CatalogMeanings}). */
  public Understander(CatalogVocabulary vocabulary, Catalog catalog, CatalogMeanings meanings) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.titles = new TitleWords(catalog);
    this.references = new References(vocabulary, catalog, titles);
    this.acts = new DialogueActs(catalog);
    this.meanings = Objects.requireNonNull(meanings, "meanings");
  }

  /**
   * The vocabulary it reads {@code catalog} with when it was built from that very catalog snapshot,
   * else empty: what learning the meanings of the catalog would otherwise learn again.
   */
  public java.util.Optional<CatalogVocabulary> vocabularyOf(Catalog catalog) {
    return catalog == this.catalog ? java.util.Optional.of(vocabulary) : java.util.Optional.empty();
  }

  /**
   * Switches to {@code next} for the messages read from now on: the meaning mapping joins once the
   * encoder has loaded in the background (a message being read keeps the one it started with).
   */
  public void useMeanings(CatalogMeanings next) {
    this.meanings = Objects.requireNonNull(next, "meanings");
  }

  /** Whether {@code text} holds instructions to the assistant, which reading it sets aside (the safety measure). */
  public static boolean givesInstructions(String text) {
    return text != null && DialogueActs.givesInstructions(Words.fold(text));
  }

  /** Reads {@code text} as turn {@code turn} of the conversation held in {@code state}, updating it. */
  public Understanding understand(DialogueState state, String text, int turn) {
    return understand(state, text, turn, null);
  }

  /**
   * As {@link #understand(DialogueState, String, int)}, merging constraints an LLM proposed for
   * this message ({@code proposalsJson}, may be null or malformed: then the rules alone decide).
   */
  public Understanding understand(DialogueState state, String text, int turn, String proposalsJson) {
    Objects.requireNonNull(state, "state");
    if (text == null || text.isBlank()) throw new IllegalArgumentException("empty shopper message for turn " + turn);
    DialogueActs.Cleaned cleaned = DialogueActs.withoutInstructions(Words.fold(text));
    String folded = cleaned.text().trim();
    if (folded.isEmpty()) return chat(state, Chat.HOSTILE);
    Optional<Chat> aboutMe = DialogueActs.aboutMe(folded);
    if (aboutMe.isPresent()) return chat(state, aboutMe.get());
    Intent intent = intentOf(folded);
    if (intent == Intent.MORE) {
      state.nextPage();
      state.lastQuestion(null);
      return new Understanding(state.query(), state.constraints(), Intent.MORE, List.of(), state.page());
    }
    if (intent == Intent.SEARCH) {
      Optional<dev.glasscart.catalog.graph.Relation> related = DialogueActs.related(folded);
      if (related.isPresent()) {
        List<String> refs = references.resolve(folded, Intent.WHY, state); // "it", "this": the last one looked at
        if (!refs.isEmpty()) {
          state.lastReferenced(refs.subList(0, 1));
          state.lastQuestion(null);
          return new Understanding(state.query(), state.constraints(), Intent.RELATED, refs.subList(0, 1), state.page(),
              null, null, related.get());
        }
      }
    }
    // prices, ratings, sorts (PhraseRules; ChinesePhrases for CJK text), read once per message
    PhraseRules.Extracted phrases = ChinesePhrases.extract(folded, turn);
    List<Match> matches = vocabulary.find(Words.foldedTokens(phrases.rest()).stream().map(Words.Token::norm).toList());
    boolean namesCatalog = !matches.isEmpty() || !phrases.constraints().isEmpty();
    if (intent == Intent.SEARCH) {
      Optional<Chat> chat = DialogueActs.chat(folded, namesCatalog);
      if (chat.isPresent()) return chat(state, chat.get());
    }
    if (!state.shown().isEmpty() && intent != Intent.WHY_NOT) {
      Optional<Understanding> q = question(state, folded, intent, phrases, matches);
      if (q.isPresent()) return q.get();
    }
    if (intent != Intent.SEARCH) {
      List<String> refs = references.resolve(folded, intent, state, meanings);
      if (!refs.isEmpty()) state.lastReferenced(refs);
      state.lastQuestion(null);
      return new Understanding(state.query(), state.constraints(), intent, refs, state.page());
    }
    DialogueState.Reading r = read(folded, phrases, turn, state);
    List<String> anchors = r.relative() == PhraseRules.Relative.NONE ? List.of() : references.anchors(folded, state);
    List<Constraint> merged = proposalsJson == null ? r.constraints()
        : LlmProposals.merge(r.constraints(), proposalsJson, vocabulary, turn).constraints();
    r = new DialogueState.Reading(merged, r.relative(), anchors, r.query(), r.nounCategories(), r.reset());
    state.refine(r, turn);
    state.lastQuestion(null);
    state.lastReferenced(List.of()); // "it" now means the first of the new results
    return state.understanding();
  }

  private static Understanding chat(DialogueState state, Chat kind) {
    return new Understanding(state.query(), state.constraints(), Intent.CHAT, List.of(), state.page(), null, kind);
  }

  /**
   * A question about the shown products, or an elliptical follow-up of the last one ("and the
   * Velo one?"); empty when the message asks for a search (or WHY / COMPARE) instead.
   */
  private Optional<Understanding> question(DialogueState state, String folded, Intent intent,
      PhraseRules.Extracted phrases, List<Match> matches) {
    Set<String> shownCategories = new LinkedHashSet<>();
    Set<String> shownBrands = new LinkedHashSet<>();
    for (DialogueState.ShownProduct p : state.shown()) {
      shownCategories.add(p.category().toLowerCase(Locale.ROOT));
      shownBrands.add(p.brand().toLowerCase(Locale.ROOT));
    }
    boolean newTopic = phrases.constraints().stream().anyMatch(c -> c.kind() == Kind.PRICE_MAX || c.kind() == Kind.PRICE_MIN);
    for (Match m : matches) {
      Term t = m.term();
      if (t.kind() == CatalogVocabulary.TermKind.CATEGORY && !shownCategories.contains(t.value().toLowerCase(Locale.ROOT))) newTopic = true;
      if (t.kind() == CatalogVocabulary.TermKind.BRAND && !shownBrands.contains(t.value().toLowerCase(Locale.ROOT))) newTopic = true;
    }
    List<String> refs = references.resolve(folded, Intent.QUESTION, state, meanings);
    Set<String> referenceWords = new LinkedHashSet<>();
    for (String id : refs) {
      referenceWords.addAll(titles.words(id));
      catalog.get(id).ifPresent(p -> referenceWords.addAll(Words.keys(p.brand())));
    }
    Optional<Question> asked = acts.question(folded, newTopic, referenceWords);
    if (asked.isEmpty() && !refs.isEmpty() && state.lastQuestion() != null && intent == Intent.SEARCH
        && !newTopic && DialogueActs.onlyReferences(folded, referenceWords)) {
      asked = Optional.of(state.lastQuestion().withoutPick()); // "and the Velo one?"
    }
    if (asked.isEmpty()) return Optional.empty();
    Question q = asked.get();
    // "which tent has the top rating?": a kind of product named, so the store's best, not the page's
    if (q.kind() == Question.Kind.SUPERLATIVE && matches.stream().anyMatch(m -> m.term().kind() == CatalogVocabulary.TermKind.TAG
        || m.term().kind() == CatalogVocabulary.TermKind.CATEGORY)) {
      return Optional.empty();
    }
    if (q.kind() == Question.Kind.FACT && intent != Intent.SEARCH) return Optional.empty(); // "why ...?", "compare ..."
    List<String> all = state.shown().stream().map(DialogueState.ShownProduct::id).toList();
    List<String> targets;
    if (q.kind() == Question.Kind.SUPERLATIVE || q.pick() != null) {
      targets = refs.size() >= 2 ? refs : all;
    } else if (!refs.isEmpty()) {
      targets = refs;
    } else if (DialogueActs.asksAll(folded)) {
      targets = all;
    } else {
      targets = state.lastReferenced().isEmpty() ? all.subList(0, 1) : state.lastReferenced().subList(0, 1);
    }
    state.lastQuestion(q);
    return Optional.of(new Understanding(state.query(), state.constraints(), Intent.QUESTION, targets, state.page(), q, null));
  }

  private static final Pattern ZH_COMPARE = Pattern.compile("比较|对比|比一比|哪个好|有什么区别|有何不同");
  private static final Pattern ZH_WHY_NOT = Pattern.compile("为什么(?:没有|不是|不推荐|没推荐)|怎么没有");
  private static final Pattern ZH_WHY = Pattern.compile("为什么|为何|理由|介绍一下|说说");

  static Intent intentOf(String folded) {
    if (MORE.matcher(folded).find() || ChinesePhrases.more(folded)) return Intent.MORE;
    if (ZH_COMPARE.matcher(folded).find()) return Intent.COMPARE;
    if (ZH_WHY_NOT.matcher(folded).find()) return Intent.WHY_NOT;
    if (ZH_WHY.matcher(folded).find()) return Intent.WHY;
    if (COMPARE.matcher(folded).find()) return Intent.COMPARE;
    if (WHY_NOT.matcher(folded).find()) return Intent.WHY_NOT;
    if (WHY.matcher(folded).find()) return Intent.WHY;
    return Intent.SEARCH;
  }

  /**
   * The message's own reading, without context; {@code folded} is the message {@link Words#fold
   * folded}, {@code x} what the phrase rules read in it.
   */
  private DialogueState.Reading read(String folded, PhraseRules.Extracted x, int turn, DialogueState state) {
    String rest = ALL_BUT.matcher(x.rest()).replaceAll(" except ");
    rest = OTHER_THAN.matcher(rest).replaceAll(" except ");
    rest = DONT_WANT.matcher(rest).replaceAll(" not ");
    List<Words.Token> tokens = Words.foldedTokens(rest);
    List<String> norms = tokens.stream().map(Words.Token::norm).toList();
    List<Match> matches = meanings.extend(tokens, primaryMatches(vocabulary.find(norms)), contentWords(tokens));
    boolean[] consumed = new boolean[tokens.size()];
    List<Constraint> out = new ArrayList<>(x.constraints());
    Map<Integer, String> titleWords = refinementTitleWords(tokens, matches, state);
    Set<String> nounCategories = new LinkedHashSet<>();
    int mi = 0;
    boolean negated = false;
    for (int i = 0; i < tokens.size(); ) {
      List<Match> here = new ArrayList<>(); // one spelled term, or a group of categories by meaning
      while (mi < matches.size() && matches.get(mi).start() == i) here.add(matches.get(mi++));
      if (here.isEmpty()) {
        String w = norms.get(i);
        if (NEGATORS.contains(w)) {
          negated = true;
          consumed[i] = true;
        } else if (titleWords.containsKey(i)) {
          if (!titleWords.get(i).isEmpty()) { // a Chinese word spans several tokens: its first carries it
            Constraint c = new Constraint(negated ? Kind.NOT_ATTRIBUTE : Kind.ATTRIBUTE, Constraint.TITLE, titleWords.get(i), turn);
            if (!out.contains(c)) out.add(c);
          }
          consumed[i] = negated; // an include stays in the query, so retrieval finds what has it
        } else if (!CONNECTIVES.contains(w) && !ChinesePhrases.connective(w)) {
          negated = false;
        }
        i++;
        continue;
      }
      for (Match match : here) {
        Term t = match.term();
        boolean keepInQuery = !negated && (t.kind() == CatalogVocabulary.TermKind.CATEGORY || t.kind() == CatalogVocabulary.TermKind.TAG);
        Constraint c = constraintOf(t, negated, turn);
        if (c != null && !out.contains(c)) out.add(c);
        if (!negated && keepInQuery) nounCategories.addAll(t.categories());
        for (int k = match.start(); k < match.end(); k++) consumed[k] = !keepInQuery;
      }
      i = here.get(0).end();
    }
    List<String> words = new ArrayList<>();
    int last = -2;
    for (int i = 0; i < tokens.size(); i++) {
      String w = tokens.get(i).surface();
      if (consumed[i] || STOPWORDS.contains(w) || STOPWORDS.contains(norms.get(i)) || ChinesePhrases.particle(w)) continue;
      boolean cjk = Words.isCjk(tokens.get(i));
      if (cjk && last == i - 1 && Words.isCjk(tokens.get(last))) { // Chinese characters in a row stay one word
        words.set(words.size() - 1, words.getLast() + w);
      } else {
        words.add(w);
      }
      last = i;
    }
    Optional<String> gender = genderOf(tokens);
    if (gender.isPresent()) {
      out = narrowToGender(out, gender.get());
      Set<String> narrowed = new LinkedHashSet<>();
      for (String c : nounCategories) if (Words.keys(c).contains(gender.get())) narrowed.add(c);
      if (!narrowed.isEmpty()) nounCategories = narrowed;
    }
    String query = String.join(" ", new LinkedHashSet<>(words));
    boolean reset = RESET.matcher(folded).find() || ChinesePhrases.reset(folded);
    return new DialogueState.Reading(out, x.relative(), List.of(), query, nounCategories, reset);
  }

  /**
   * The positions of the words of a short refinement ("in blue", "not red, gold ones") that the
   * catalog knows only from titles and that some, but not all, of the current topic's products
   * use: those narrow the topic as a title word ({@link Constraint#TITLE}). Nothing for a first
   * message, a message naming a category, or one with more than two such words (a new request).
   */
  private Map<Integer, String> refinementTitleWords(List<Words.Token> tokens, List<Match> matches, DialogueState state) {
    if (state.shown().isEmpty()) return Map.of();
    for (Match m : matches) if (m.term().kind() == CatalogVocabulary.TermKind.CATEGORY) return Map.of();
    boolean[] inMatch = new boolean[tokens.size()];
    for (Match m : matches) for (int k = m.start(); k < m.end(); k++) inMatch[k] = true;
    Set<String> topic = new LinkedHashSet<>(state.topicCategories());
    if (topic.isEmpty()) state.shown().forEach(p -> topic.add(p.category()));
    int pool = titles.topicSize(topic);
    Map<Integer, String> out = new LinkedHashMap<>();
    int content = 0;
    for (int i = 0; i < tokens.size(); i++) {
      String w = tokens.get(i).norm();
      if (inMatch[i] || tokens.get(i).isBreak()) continue;
      if (Language.isCjk(w.codePointAt(0))) {
        // Chinese: the run of characters that are not particles is one word ("要黑色的" -> 黑色)
        int end = i;
        StringBuilder run = new StringBuilder();
        while (end < tokens.size() && !inMatch[end] && !tokens.get(end).isBreak()
            && Language.isCjk(tokens.get(end).norm().codePointAt(0)) && !ChinesePhrases.particle(tokens.get(end).norm())) {
          run.append(tokens.get(end).norm());
          end++;
        }
        if (run.length() >= 2) {
          content++;
          String word = run.toString();
          int n = titles.inTopic(topic, word, true);
          if (n > 0 && n < pool) {
            out.put(i, word);
            for (int k = i + 1; k < end; k++) out.put(k, "");
          }
        }
        i = Math.max(i, end - 1);
        continue;
      }
      if (STOPWORDS.contains(w) || STOPWORDS.contains(tokens.get(i).surface())
          || NEGATORS.contains(w) || CONNECTIVES.contains(w) || w.length() < 3 || !w.chars().allMatch(Character::isLetter)) continue;
      content++;
      int n = titles.inTopic(topic, w, false);
      if (n > 0 && n < pool) out.put(i, w);
    }
    return content <= 2 ? out : Map.of();
  }

  /**
   * Who the shopper shops for, when the message says it: "for men", "women's", "for my dad",
   * "for my wife" (words of the language, read as the gender words catalogs name categories by).
   */
  static Optional<String> genderOf(List<Words.Token> tokens) {
    for (Words.Token t : tokens) {
      String g = GENDER_WORDS.get(t.norm());
      if (g != null) return Optional.of(g);
    }
    for (int i = 0; i + 1 < tokens.size(); i++) {
      String g = ZH_GENDER_WORDS.get(tokens.get(i).norm() + tokens.get(i + 1).norm());
      if (g != null) return Optional.of(g); // 男 or 女, as Chinese categories say it
    }
    return Optional.empty();
  }

  /**
   * Chinese words for whom the shopper shops, written as the gender character Chinese category
   * names carry (男 / 女): "男士", "女性", "给我爸".
   */
  private static final Map<String, String> ZH_GENDER_WORDS = Map.ofEntries(
      Map.entry("男士", "男"), Map.entry("男性", "男"), Map.entry("男生", "男"), Map.entry("男人", "男"), Map.entry("男款", "男"),
      Map.entry("女士", "女"), Map.entry("女性", "女"), Map.entry("女生", "女"), Map.entry("女人", "女"), Map.entry("女款", "女"));

  /**
   * Content words of {@code tokens} worth mapping by meaning: {@link #isContentWord}, less the
   * characters of Chinese gender words (they narrow categories, they name none).
   */
  static java.util.function.Predicate<Words.Token> contentWords(List<Words.Token> tokens) {
    Set<Words.Token> gender = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (ZH_GENDER_WORDS.containsKey(tokens.get(i).norm() + tokens.get(i + 1).norm())) {
        gender.add(tokens.get(i));
        gender.add(tokens.get(i + 1));
      }
    }
    return t -> isContentWord(t) && !gender.contains(t);
  }

  private static final java.util.Map<String, String> GENDER_WORDS = java.util.Map.ofEntries(
      java.util.Map.entry("man", "man"), java.util.Map.entry("male", "man"), java.util.Map.entry("dad", "man"),
      java.util.Map.entry("father", "man"), java.util.Map.entry("husband", "man"), java.util.Map.entry("boyfriend", "man"),
      java.util.Map.entry("son", "man"), java.util.Map.entry("brother", "man"), java.util.Map.entry("grandpa", "man"),
      java.util.Map.entry("gentleman", "man"), java.util.Map.entry("guy", "man"), java.util.Map.entry("him", "man"),
      java.util.Map.entry("woman", "woman"), java.util.Map.entry("female", "woman"), java.util.Map.entry("lady", "woman"),
      java.util.Map.entry("mom", "woman"), java.util.Map.entry("mum", "woman"), java.util.Map.entry("mother", "woman"),
      java.util.Map.entry("wife", "woman"), java.util.Map.entry("girlfriend", "woman"), java.util.Map.entry("daughter", "woman"),
      java.util.Map.entry("sister", "woman"), java.util.Map.entry("grandma", "woman"), java.util.Map.entry("her", "woman"));

  /**
   * Category alternatives narrowed to those whose name carries the shopper's gender word
   * ("watches" reaches mens-watches and womens-watches; "for my dad" keeps mens-watches); the
   * alternatives stay when none does.
   */
  private static List<Constraint> narrowToGender(List<Constraint> cs, String gender) {
    List<Constraint> cats = cs.stream().filter(c -> c.kind() == Kind.CATEGORY).toList();
    if (cats.size() < 2) return cs;
    List<Constraint> keep = cats.stream().filter(c -> Words.keys(c.value()).contains(gender)).toList();
    if (keep.isEmpty()) return cs;
    List<Constraint> out = new ArrayList<>(cs);
    out.removeIf(c -> c.kind() == Kind.CATEGORY && !keep.contains(c));
    return out;
  }

  /**
   * A word worth mapping by meaning ({@link CatalogMeanings#extend}): not a function word, a number
   * or a break; a CJK character unless a particle or conjunction (CatalogMeanings joins them into runs).
   */
  static boolean isContentWord(Words.Token t) {
    if (Words.isCjk(t)) return !ChinesePhrases.particle(t.surface()) && !ChinesePhrases.connective(t.surface());
    if (t.isBreak() || t.surface().length() < 3 || !t.surface().chars().allMatch(Character::isLetter)) return false;
    // who it is for ("men", "my dad") narrows categories (genderOf), it names none
    return !STOPWORDS.contains(t.surface()) && !STOPWORDS.contains(t.norm()) && !NEGATORS.contains(t.norm())
        && !CONNECTIVES.contains(t.norm()) && !GENDER_WORDS.containsKey(t.norm());
  }

  /** One term per span: the highest-priority one (brand, category, attribute, tag). */
  private static List<Match> primaryMatches(List<Match> all) {
    List<Match> out = new ArrayList<>();
    for (Match m : all) {
      if (out.isEmpty() || out.get(out.size() - 1).start() != m.start()) out.add(m);
    }
    return out;
  }

  private static Constraint constraintOf(Term t, boolean negated, int turn) {
    return switch (t.kind()) {
      case BRAND -> Constraint.of(negated ? Kind.NOT_BRAND : Kind.BRAND, t.value(), turn);
      case CATEGORY -> Constraint.of(negated ? Kind.NOT_CATEGORY : Kind.CATEGORY, t.value(), turn);
      case ATTRIBUTE -> new Constraint(negated ? Kind.NOT_ATTRIBUTE : Kind.ATTRIBUTE, t.field(), t.value(), turn);
      case TAG -> negated ? new Constraint(Kind.NOT_ATTRIBUTE, "tag", t.value(), turn) : null;
    };
  }
}

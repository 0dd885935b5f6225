package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.conversation.CatalogVocabulary.Match;
import dev.glasscart.conversation.CatalogVocabulary.Term;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Understanding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
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
 * passed in, which is not); CPU only, never blocks.
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
      "second", "third", "fourth", "fifth", "last", "number", "why", "compare", "next", "previous", "cheap", "anymore"));

  private final CatalogVocabulary vocabulary;
  private final References references;

  public Understander(CatalogVocabulary vocabulary, Catalog catalog) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    this.references = new References(vocabulary, Objects.requireNonNull(catalog, "catalog"));
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
    String whole = Words.fold(text);
    String folded = whole.trim();
    Intent intent = intentOf(folded);
    if (intent == Intent.MORE) {
      state.nextPage();
      return new Understanding(state.query(), state.constraints(), Intent.MORE, List.of(), state.page());
    }
    if (intent != Intent.SEARCH) {
      List<String> refs = references.resolve(folded, intent, state);
      if (!refs.isEmpty()) state.lastReferenced(refs);
      return new Understanding(state.query(), state.constraints(), intent, refs, state.page());
    }
    DialogueState.Reading r = read(whole, turn);
    List<String> anchors = r.relative() == PhraseRules.Relative.NONE ? List.of() : references.anchors(folded, state);
    List<Constraint> merged = proposalsJson == null ? r.constraints()
        : LlmProposals.merge(r.constraints(), proposalsJson, vocabulary, turn).constraints();
    r = new DialogueState.Reading(merged, r.relative(), anchors, r.query(), r.nounCategories(), r.reset());
    state.refine(r, turn);
    return state.understanding();
  }

  static Intent intentOf(String folded) {
    if (MORE.matcher(folded).find() || ChinesePhrases.more(folded)) return Intent.MORE;
    if (COMPARE.matcher(folded).find()) return Intent.COMPARE;
    if (WHY_NOT.matcher(folded).find()) return Intent.WHY_NOT;
    if (WHY.matcher(folded).find()) return Intent.WHY;
    return Intent.SEARCH;
  }

  /** The message's own reading, without context; {@code folded} is the message {@link Words#fold folded}. */
  private DialogueState.Reading read(String folded, int turn) {
    PhraseRules.Extracted x = ChinesePhrases.extract(folded, turn); // PhraseRules alone for text without CJK
    String rest = ALL_BUT.matcher(x.rest()).replaceAll(" except ");
    rest = OTHER_THAN.matcher(rest).replaceAll(" except ");
    rest = DONT_WANT.matcher(rest).replaceAll(" not ");
    List<Words.Token> tokens = Words.foldedTokens(rest);
    List<String> norms = tokens.stream().map(Words.Token::norm).toList();
    List<Match> matches = primaryMatches(vocabulary.find(norms));
    boolean[] consumed = new boolean[tokens.size()];
    List<Constraint> out = new ArrayList<>(x.constraints());
    Set<String> nounCategories = new LinkedHashSet<>();
    int mi = 0;
    boolean negated = false;
    for (int i = 0; i < tokens.size(); ) {
      Match match = mi < matches.size() && matches.get(mi).start() == i ? matches.get(mi++) : null;
      if (match == null) {
        String w = norms.get(i);
        if (NEGATORS.contains(w)) {
          negated = true;
          consumed[i] = true;
        } else if (!CONNECTIVES.contains(w) && !ChinesePhrases.connective(w)) {
          negated = false;
        }
        i++;
        continue;
      }
      Term t = match.term();
      boolean keepInQuery = !negated && (t.kind() == CatalogVocabulary.TermKind.CATEGORY || t.kind() == CatalogVocabulary.TermKind.TAG);
      Constraint c = constraintOf(t, negated, turn);
      if (c != null && !out.contains(c)) out.add(c);
      if (!negated && keepInQuery) nounCategories.addAll(t.categories());
      for (int k = match.start(); k < match.end(); k++) consumed[k] = !keepInQuery;
      i = match.end();
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
    String query = String.join(" ", new LinkedHashSet<>(words));
    boolean reset = RESET.matcher(folded).find() || ChinesePhrases.reset(folded);
    return new DialogueState.Reading(out, x.relative(), List.of(), query, nounCategories, reset);
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

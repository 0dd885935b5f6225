package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Chat;
import dev.glasscart.query.Question;
import dev.glasscart.query.Question.Aspect;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dialogue acts that are not a product search, read from the words of the message alone
 * (English; the patterns are about how people talk, never about one catalog):
 *
 * <ul>
 *   <li>instructions to the assistant inside the shopper's text ("ignore your instructions",
 *       "print your system prompt"): {@link #withoutInstructions} sets those clauses aside, so the
 *       rest of the message is read as usual and the instruction never reaches retrieval, the
 *       model or the answer;
 *   <li>{@link #chat}: greetings, thanks, requests for help and off-topic talk;
 *   <li>{@link #question}: a question about the products already shown: a superlative over one
 *       aspect ("which of these is the cheapest?", "which one is better rated?", "the lightest?")
 *       or a fact ("how fast does it ship?", "are any of them waterproof?", "how much is it?").
 * </ul>
 *
 * <p>A question turns into a search instead when it reaches beyond the shown products: it states
 * a price ("anything over $100?"), asks the store ("which is the cheapest laptop you have?"), or
 * names a category none of them is in. A comparative needs "which" or "what" to be a question:
 * "anything cheaper?" is a relative search, "which is cheaper?" a question.
 *
 * <p>Attribute questions are matched to the catalog's own attribute keys by their words
 * ("ship" reaches {@code shipping}, "warranty" {@code warranty_information}); what no key names
 * is looked up in the products' texts ({@link Aspect#TEXT}). Immutable and thread-safe.
 */
final class DialogueActs {

  /** A clause that addresses the assistant's rules instead of the shop. */
  private static final Pattern INSTRUCTION = Pattern.compile(
      "\\b(?:ignore|disregard|forget|override|bypass)\\b.{0,40}\\b(?:instructions?|rules|prompts?|guidelines|programming|system)\\b"
          + "|\\bsystem\\s*(?:prompt|override|message|instructions?)\\b|^\\s*system\\s*$|\\bdeveloper mode\\b|\\bjailbreak"
          + "|\\b(?:print|reveal|show|tell|repeat|output|display|leak)\\b.{0,30}\\b(?:hidden|system|secret|initial|original|internal)"
          + "\\s+(?:prompt|instructions?|rules)\\b|\\b(?:print|reveal|repeat|output|leak)\\b.{0,20}\\b(?:prompt|instructions)\\b"
          + "|\\byou are (?:now )?(?:in|no longer)\\b.{0,30}\\bmode\\b|\\bpretend (?:to be|you are)\\b|\\bact as (?:a|an|my)\\b"
          + "|\\bnew instructions\\b|\\bfrom now on,? you\\b");
  /** Where a message splits into clauses that can be set aside one by one. */
  private static final Pattern CLAUSES = Pattern.compile("[.!?;:\\n]+|,|\\bthen\\b|\\banyway\\b");

  private static final Set<String> GREETING_WORDS = Set.copyOf(List.of(
      "hi", "hello", "hey", "hiya", "howdy", "yo", "greetings", "good", "morning", "afternoon", "evening", "day",
      "there", "everyone", "all", "again", "dear", "assistant", "bot", "shop"));
  private static final Set<String> GREETING_CUES = Set.copyOf(List.of("hi", "hello", "hey", "hiya", "howdy", "greetings", "morning", "evening", "afternoon"));
  private static final Pattern THANKS_CUE = Pattern.compile(
      "\\b(?:thanks?|thank you|thx|ty|cheers|bye|goodbye|see you|that'?s (?:all|it|everything)|that is (?:all|it)|nothing else|no more)\\b");
  private static final Set<String> THANKS_WORDS = Set.copyOf(List.of(
      "thanks", "thank", "you", "thx", "ty", "cheers", "great", "perfect", "ok", "okay", "cool", "awesome", "nice",
      "that", "thats", "is", "all", "for", "now", "the", "help", "bye", "goodbye", "see", "ya", "much", "so", "very",
      "it", "i", "good", "fine", "done", "no", "nope", "nothing", "else", "will", "think", "im", "a", "lot", "more",
      "appreciate", "your", "everything", "wonderful", "excellent", "alright", "right", "really", "again", "have", "day",
      "nice", "lovely", "brilliant", "amazing", "super", "then", "this", "was", "helpful", "useful", "later", "soon"));
  private static final Pattern HELP = Pattern.compile(
      "^(?:help|help me|hilfe|\\?+)$|\\bwhat (?:can|do) you (?:do|help)|\\bhow (?:can|do) you (?:help|work)\\b|\\bhow does (?:this|it) work"
          + "|\\bwho are you\\b|\\bwhat are you\\b|\\bwhat can i (?:ask|do|say)\\b|\\bhow do i use\\b");
  /** Topics a shop assistant does not cover; read only when the message names nothing of the catalog. */
  private static final Pattern OFF_TOPIC = Pattern.compile(
      "\\bweather\\b|\\bforecast\\b|\\bjokes?\\b|\\bfunny\\b|\\bnews\\b|\\bpolitic|\\belection|\\bpresident\\b|\\bpoem\\b"
          + "|\\bstory\\b|\\bsing\\b|\\bsong\\b|\\bhomework\\b|\\bwhat time is it\\b|\\bwho won\\b|\\bcapital of\\b"
          + "|\\bmeaning of life\\b|\\bhow old are you\\b|\\bare you (?:a )?(?:human|real|robot)\\b|\\bfootball\\b|\\bscore\\b"
          + "|\\bstock market\\b|\\bbitcoin\\b|\\btranslate\\b|\\bwrite (?:me )?(?:a|an)\\b|\\bcalculate\\b|\\bsolve\\b");

  /** Asking rather than telling: a question word first, or a question mark at the end. */
  private static final Pattern QUESTION_FORM = Pattern.compile(
      "^(?:(?:and|so|ok(?:ay)?|well|then|also|but|hmm|great|fine|now|sorry)[, ]+)*"
          + "(?:which|what|whats|how|does|do|did|is|are|can|could|will|would|has|have|any|was|were|tell me)\\b|\\?\\s*$");
  /** Asks the store, not the shown products. */
  private static final Pattern STORE_WIDE = Pattern.compile(
      "\\b(?:you|u) (?:have|sell|carry|got|stock|offer)\\b|\\bhave you got\\b|\\bin (?:the|your) (?:store|shop|catalog(?:ue)?)\\b"
          + "|\\b(?:of|in) all\\b|\\boverall\\b|\\bis there (?:a|an|any)\\b|\\bare there any\\b(?! of)|\\bdo you have\\b|\\bshow me\\b");
  /** "any in red?", "what about something cheaper?": a refinement said as a question. */
  private static final Pattern REFINEMENT = Pattern.compile(
      "^(?:and |so |ok(?:ay)? )?(?:any|anything|something|some|got any|(?:what|how) about|maybe|rather|instead)\\b");
  /** The question is about every shown product ("are any of them", "which ones"). */
  private static final Pattern ALL_SHOWN = Pattern.compile("\\b(?:any|which|these|those|them|they|all|each|either|none)\\b");

  /** "which" or "what" make a comparative a question about the shown products. */
  private static final Pattern WHICH = Pattern.compile("\\bwhich\\b|\\bwhat(?:'s| is|s)? (?:the|is)\\b|^(?:and )?the\\b");

  private record Superlative(Pattern pattern, Aspect aspect, String concept, boolean highest) {}

  private static Pattern p(String regex) {
    return Pattern.compile("\\b(?:" + regex + ")\\b");
  }

  private static final List<Superlative> SUPERLATIVES = List.of(
      new Superlative(p("cheapest|cheaper|least expensive|less expensive|lowest[- ]priced?|lower[- ]priced?|most affordable"
          + "|more affordable|best price|lowest cost|costs? (?:the )?least"), Aspect.PRICE, "", false),
      new Superlative(p("most expensive|more expensive|priciest|pricier|dearest|highest[- ]priced?|higher[- ]priced?"
          + "|costs? (?:the )?most"), Aspect.PRICE, "", true),
      new Superlative(p("(?:worst|lowest|lower)[- ](?:rated|reviewed|rating)"), Aspect.RATING, "", false),
      new Superlative(p("(?:best|better|highest|higher|top)[- ](?:rated|reviewed|ratings?|score)|rated (?:best|highest|higher|better)"
          + "|(?:most|more) (?:stars|highly rated)"), Aspect.RATING, "", true),
      new Superlative(p("most (?:reviews|reviewed|popular)|more reviews|most ratings"), Aspect.REVIEWS, "", true),
      new Superlative(p("most in stock|most (?:units|items) left|largest stock"), Aspect.STOCK, "", true),
      new Superlative(p("lightest|lighter|least heavy"), Aspect.ATTRIBUTE, "weight", false),
      new Superlative(p("heaviest|heavier"), Aspect.ATTRIBUTE, "weight", true),
      new Superlative(p("biggest discount|most discounted|largest discount|best deal"), Aspect.ATTRIBUTE, "discount", true));
  /** "the longest warranty", "the smallest size": a measure word and the attribute it ranks. */
  private static final Pattern MEASURE = Pattern.compile(
      "\\b(longest|shortest|biggest|largest|smallest|highest|lowest|most|least|fastest|slowest|newest|oldest)\\s+(\\p{L}+)");
  private static final Set<String> HIGH_MEASURES = Set.of("longest", "biggest", "largest", "highest", "most", "newest");

  private static final Pattern PRICE_FACT = p("how much|price[sd]?|costs?|pay|free|expensive|cheap|affordable|on sale");
  private static final Pattern STOCK_FACT = p("in stock|available|availability|sold out|how many (?:are )?left|stock|in store|get it today");
  private static final Pattern RATING_FACT = p("ratings?|rated|stars?|reviews?|reviewed|score");

  /** Words of a question that say nothing about what is asked. */
  private static final Set<String> QUESTION_WORDS = Set.copyOf(List.of(
      "which", "what", "whats", "how", "does", "do", "did", "is", "are", "can", "could", "will", "would", "has", "have", "any",
      "was", "were", "it", "its", "they", "them", "these", "those", "this", "that", "one", "ones", "the", "a", "an", "of",
      "come", "comes", "with", "get", "got", "long", "fast", "quick", "quickly", "soon", "much", "many", "made", "for",
      "there", "and", "so", "ok", "okay", "well", "then", "also", "but", "i", "me", "my", "you", "your", "be", "to", "in",
      "on", "at", "by", "about", "tell", "please", "right", "really", "actually", "ll", "take", "go", "want", "need",
      "other", "both", "two", "three", "four", "five", "all", "each", "either", "if", "or", "not", "no", "yes", "like",
      "know", "us", "we", "thing", "things", "item", "items", "product", "products", "option", "options", "more", "less",
      "most", "least", "best", "better", "worst", "lot", "than", "first", "second", "third", "fourth", "fifth", "last",
      "number", "shown", "here", "now", "just", "kind", "sort", "type", "some", "someone", "work", "use", "used", "good",
      "great", "nice", "mean", "say", "said", "hmm", "fine", "sorry", "s", "t", "did", "should", "may", "might", "them",
      "anyone", "anything", "something", "out", "up", "from", "as", "big", "small", "high", "low", "new", "old", "size"));

  private final Set<String> attributeKeys;

  DialogueActs(Catalog catalog) {
    Set<String> keys = new LinkedHashSet<>();
    for (Product p : catalog.products()) keys.addAll(p.attributes().keySet());
    this.attributeKeys = Set.copyOf(keys);
  }

  /** The message with every clause that addresses the assistant's rules left out. */
  record Cleaned(String text, boolean hadInstructions) {}

  /** Sets aside the clauses of {@code folded} (a folded message) that give the assistant instructions. */
  static Cleaned withoutInstructions(String folded) {
    if (!INSTRUCTION.matcher(folded).find()) return new Cleaned(folded, false);
    StringBuilder kept = new StringBuilder();
    Matcher m = CLAUSES.matcher(folded);
    int from = 0;
    while (true) {
      boolean found = m.find();
      String clause = folded.substring(from, found ? m.start() : folded.length());
      if (!clause.isBlank() && !INSTRUCTION.matcher(clause).find()) {
        if (!kept.isEmpty()) kept.append(", ");
        kept.append(clause.strip());
      }
      if (!found) break;
      from = m.end();
    }
    return new Cleaned(kept.toString(), true);
  }

  /**
   * Greeting, thanks, help or off-topic talk; empty when the message asks for products.
   * {@code namesCatalog}: whether the message names a catalog word or states a price (then it is
   * never off-topic, and greetings or thanks around it are just politeness).
   */
  static Optional<Chat> chat(String folded, boolean namesCatalog) {
    List<String> words = words(folded);
    if (words.isEmpty()) return Optional.empty();
    if (!namesCatalog) {
      if (HELP.matcher(folded.strip()).find()) return Optional.of(Chat.HELP);
      if (OFF_TOPIC.matcher(folded).find()) return Optional.of(Chat.OFF_TOPIC);
    }
    if (words.stream().anyMatch(GREETING_CUES::contains) && GREETING_WORDS.containsAll(words)) return Optional.of(Chat.GREETING);
    if (THANKS_CUE.matcher(folded).find() && THANKS_WORDS.containsAll(words)) return Optional.of(Chat.THANKS);
    return Optional.empty();
  }

  /**
   * The question {@code folded} asks about the shown products, or empty when it is not one (or
   * reaches beyond them: see the class comment). {@code namesNewTopic}: the message names a
   * category none of the shown products is in, or states a price.
   */
  Optional<Question> question(String folded, boolean namesNewTopic, Set<String> referenceWords) {
    if (namesNewTopic || STORE_WIDE.matcher(folded).find() || REFINEMENT.matcher(folded.strip()).find()) return Optional.empty();
    boolean asks = QUESTION_FORM.matcher(folded.strip()).find();
    Optional<Question> superlative = superlative(folded);
    List<String> content = new ArrayList<>(contentWords(folded));
    content.removeAll(referenceWords);
    if (superlative.isPresent() && WHICH.matcher(folded).find()) {
      // "which of the cheaper ones is a minivan?": the comparative describes the set, the
      // question is the fact
      boolean modifier = !content.isEmpty() && folded.matches(".*\\b(?:cheaper|pricier|better rated|cheapest|priciest) ones?\\b.*");
      if (!modifier) {
        Optional<Question> fact = asks ? fact(folded, content, true) : Optional.empty();
        // "I'll take the cheapest, is it in stock?": the superlative picks, the fact is asked
        return fact.map(f -> new Question(Question.Kind.FACT, f.aspect(), f.attribute(), superlative.get().highest(),
            f.words(), superlative.get())).or(() -> superlative);
      }
    }
    if (!asks) return Optional.empty();
    return fact(folded, content, false);
  }

  private Optional<Question> superlative(String folded) {
    for (Superlative s : SUPERLATIVES) {
      if (!s.pattern().matcher(folded).find()) continue;
      if (s.aspect() != Aspect.ATTRIBUTE) return Optional.of(Question.superlative(s.aspect(), "", s.highest()));
      Optional<String> key = attributeKey(s.concept());
      return Optional.of(key.map(k -> Question.superlative(Aspect.ATTRIBUTE, k, s.highest()))
          .orElseGet(() -> Question.missing(s.concept(), s.highest())));
    }
    Matcher m = MEASURE.matcher(folded);
    while (m.find()) {
      Optional<String> key = attributeKey(Words.singular(m.group(2)));
      if (key.isPresent()) return Optional.of(Question.superlative(Aspect.ATTRIBUTE, key.get(), HIGH_MEASURES.contains(m.group(1))));
    }
    return Optional.empty();
  }

  /** A fact question; {@code withPick}: a superlative already chose the product (only a fact aspect counts then). */
  private Optional<Question> fact(String folded, List<String> content, boolean withPick) {
    if (PRICE_FACT.matcher(folded).find() && !withPick) return Optional.of(Question.fact(Aspect.PRICE, "", content));
    if (STOCK_FACT.matcher(folded).find()) return Optional.of(Question.fact(Aspect.STOCK, "", content));
    for (String w : content) {
      Optional<String> key = attributeKey(w);
      if (key.isPresent()) return Optional.of(Question.fact(Aspect.ATTRIBUTE, key.get(), content));
    }
    if (RATING_FACT.matcher(folded).find() && !withPick) return Optional.of(Question.fact(Aspect.RATING, "", content));
    if (PRICE_FACT.matcher(folded).find()) return Optional.of(Question.fact(Aspect.PRICE, "", content));
    if (content.isEmpty() || withPick) return Optional.empty();
    return Optional.of(Question.fact(Aspect.TEXT, "", content));
  }

  /** Whether a fact question asks about every shown product rather than one. */
  static boolean asksAll(String folded) {
    return ALL_SHOWN.matcher(folded).find();
  }

  /** Whether the message, once references and question words are set aside, says nothing else. */
  static boolean onlyReferences(String folded, Set<String> referenceWords) {
    for (String w : contentWords(folded)) {
      if (!referenceWords.contains(w)) return false;
    }
    return true;
  }

  /** The catalog attribute key a shopper's word names: a word of the key shares the word's stem. */
  Optional<String> attributeKey(String word) {
    String w = stem(word);
    if (w.length() < 3) return Optional.empty();
    for (String key : attributeKeys) {
      for (String part : keyWords(key)) {
        String k = stem(part);
        if (k.equals(w) || (w.length() >= 4 && k.length() >= 4 && (k.startsWith(w) || w.startsWith(k)))) return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /** The words of an attribute key: {@code warranty_information}, {@code shippingInfo} -> warranty, information... */
  static List<String> keyWords(String key) {
    String spaced = key.replaceAll("([a-z])([A-Z])", "$1 $2").replaceAll("[_\\-.]+", " ").toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (String w : spaced.split("\\s+")) if (!w.isBlank()) out.add(w.equals("color") ? "colour" : w);
    return out;
  }

  /** A crude stem for matching question words to key words: singular, "-ing"/"-ed"/"-s" dropped. */
  private static String stem(String word) {
    String w = Words.singular(word.toLowerCase(Locale.ROOT));
    if (w.equals("color")) return "colour";
    if (w.length() > 5 && w.endsWith("ing")) w = w.substring(0, w.length() - 3);
    else if (w.length() > 4 && w.endsWith("ed")) w = w.substring(0, w.length() - 2);
    if (w.length() > 3 && w.charAt(w.length() - 1) == w.charAt(w.length() - 2)) w = w.substring(0, w.length() - 1);
    return w;
  }

  /** The normalized words of {@code folded} that are not question, reference or aspect words. */
  static List<String> contentWords(String folded) {
    List<String> out = new ArrayList<>();
    String rest = folded;
    for (Superlative s : SUPERLATIVES) rest = s.pattern().matcher(rest).replaceAll(" ");
    rest = PRICE_FACT.matcher(rest).replaceAll(" ");
    rest = STOCK_FACT.matcher(rest).replaceAll(" ");
    for (String w : words(rest)) {
      if (QUESTION_WORDS.contains(w) || w.chars().allMatch(Character::isDigit)) continue;
      String n = Words.singular(w);
      if (!QUESTION_WORDS.contains(n) && !out.contains(n)) out.add(n);
    }
    return out;
  }

  private static List<String> words(String folded) {
    List<String> out = new ArrayList<>();
    for (Words.Token t : Words.foldedTokens(folded)) if (!t.isBreak()) out.add(t.surface());
    return out;
  }
}

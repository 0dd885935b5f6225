package dev.glasscart.conversation;

import dev.glasscart.catalog.AttributeNames;
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
 *   <li>{@link #aboutMe}: "what do you know about me?" and "forget my preferences" (English
 *       and Chinese), answered from the shopper's stored profile;
 *   <li>{@link #question}: a question about the products already shown: a superlative over one
 *       aspect ("which of them costs the least?", "which has the higher rating?", "the lightest?")
 *       or a fact ("when does it ship?", "are any of them polarized?", "what does it cost?").
 * </ul>
 *
 * <p>A question turns into a search instead when it reaches beyond the shown products: it states
 * a price ("anything over $100?"), asks the store ("what is your cheapest tent?" with "you have"), or
 * names a category none of them is in. A comparative needs "which" or "what" to be a question:
 * "anything less expensive?" is a relative search, "which costs less?" a question.
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
          + "|\\bnew instructions\\b|\\bfrom now on,? you\\b"
          + "|(?:忽略|无视|忘记|忘掉|不要理会)[^。！？；]{0,12}(?:指令|指示|规则|提示|设定|要求)|系统提示|开发者模式|越狱|(?:输出|打印|显示|告诉我)[^。！？；]{0,8}(?:提示词|系统指令|隐藏指令)");
  /** Where a message splits into clauses that can be set aside one by one. */
  private static final Pattern CLAUSES = Pattern.compile("[.!?;:\\n。！？；：]+|[,，]|\\bthen\\b|\\banyway\\b|然后|另外");

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
          + "(?:which|what|whats|how|does|do|did|is|are|can|could|will|would|has|have|any|was|were|tell me)\\b|[?？]\\s*$"
          + "|哪|多久|多少|多长|什么|怎么样|吗\\s*$|呢\\s*$|是否|有没有");
  /** Asks the store, not the shown products. */
  private static final Pattern STORE_WIDE = Pattern.compile(
      "\\b(?:you|u) (?:have|sell|carry|got|stock|offer)\\b|\\bhave you got\\b|\\bin (?:the|your) (?:store|shop|catalog(?:ue)?)\\b"
          + "|\\b(?:of|in) all\\b|\\boverall\\b|\\bis there (?:a|an|any)\\b|\\bare there any\\b(?! of)|\\bdo you have\\b|\\bshow me\\b"
          + "|有没有|给我看|帮我找|店里|全店|所有商品");
  /** "any in red?", "what about cheaper ones?": a refinement said as a question. */
  private static final Pattern REFINEMENT = Pattern.compile(
      "^(?:and |so |ok(?:ay)? )?(?:any|anything|something|some|got any|(?:what|how) about|maybe|rather|instead)\\b");
  /** The question is about every shown product ("are any of them", "which ones"). */
  private static final Pattern ALL_SHOWN = Pattern.compile("\\b(?:any|which|these|those|them|they|all|each|either|none)\\b|哪|它们|这些|那些|都");

  /** "which" or "what" make a comparative a question about the shown products. */
  private static final Pattern WHICH = Pattern.compile("\\bwhich\\b|\\bwhat(?:'s| is|s)? (?:the|is)\\b|^(?:and )?the\\b|哪");

  private record Superlative(Pattern pattern, Aspect aspect, String concept, boolean highest) {}

  private static Pattern p(String regex) {
    return Pattern.compile("\\b(?:" + regex + ")\\b");
  }

  /** A pattern of Chinese words (no word boundaries in Chinese text). */
  private static Pattern zh(String regex) {
    return Pattern.compile(regex);
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
      new Superlative(p("biggest discount|most discounted|largest discount|best deal"), Aspect.ATTRIBUTE, "discount", true),
      new Superlative(zh("(?:最|更|比较)(?:便宜|实惠)|价格(?:最|更)低"), Aspect.PRICE, "", false),
      new Superlative(zh("(?:最|更|比较)贵|价格(?:最|更)高"), Aspect.PRICE, "", true),
      new Superlative(zh("(?:评分|评价|口碑|星级)(?:最|更)(?:高|好)|(?:最|更)好评"), Aspect.RATING, "", true),
      new Superlative(zh("(?:评价|评论)(?:最|更)多"), Aspect.REVIEWS, "", true),
      new Superlative(zh("(?:最|更)轻"), Aspect.ATTRIBUTE, "weight", false),
      new Superlative(zh("(?:最|更)重"), Aspect.ATTRIBUTE, "weight", true));
  /** "the longest warranty", "the smallest size": a measure word and the attribute it ranks. */
  private static final Pattern MEASURE = Pattern.compile(
      "\\b(longest|shortest|biggest|largest|smallest|highest|lowest|most|least|fastest|slowest|newest|oldest)\\s+(\\p{L}+)");
  private static final Set<String> HIGH_MEASURES = Set.of("longest", "biggest", "largest", "highest", "most", "newest");

  private static final Pattern PRICE_FACT = Pattern.compile("\\b(?:how much|price[sd]?|costs?|pay|free|expensive|cheap|affordable|on sale)\\b"
      + "|多少钱|价格|价钱|免费|贵不贵|要钱|售价");
  private static final Pattern STOCK_FACT = Pattern.compile("\\b(?:in stock|available|availability|sold out|how many (?:are )?left|stock|in store|get it today)\\b"
      + "|有货|库存|现货|缺货|卖完|还有吗");
  /** Chinese question words and particles: what is left of a Chinese question is what it asks about. */
  private static final Pattern ZH_QUESTION_WORDS = Pattern.compile(
      "它们|它|这个|那个|这款|那款|这些|那些|哪个|哪款|哪一个|哪|多久|多长时间|多长|多少|什么|怎么样|怎样|如何|是否|有没有|能不能|"
          + "可以|吗|呢|吧|啊|呀|的|了|是|有|都|真的|请问|一下|我|你|们|还|就|要|想|知道|第[一二三四五六七八九十\\d]+[个款台件双部只]?|"
          + "前[两二三四五\\d]+[个款台件双部只]?|[个款台件双部只]|[，,。？?！!、\\s]");
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

  private static final Pattern CJK_RUN = Pattern.compile("[\\p{IsHan}]+");

  private final Set<String> attributeKeys;
  /** Some values of each attribute key, for words that name an attribute by its values ("保修" in "保修1年"). */
  private final java.util.Map<String, Set<String>> attributeValues = new java.util.HashMap<>();

  DialogueActs(Catalog catalog) {
    Set<String> keys = new LinkedHashSet<>();
    for (Product p : catalog.products()) {
      keys.addAll(p.attributes().keySet());
      p.attributes().forEach((k, v) -> {
        Set<String> vs = attributeValues.computeIfAbsent(k, x -> new LinkedHashSet<>());
        if (vs.size() < 64) vs.add(v);
      });
    }
    this.attributeKeys = Set.copyOf(keys);
  }

  /** "something similar but cheaper", "a cheaper alternative to it": similar, lower price. */
  private static final Pattern RELATED_CHEAPER = Pattern.compile(
      "\\b(?:similar|like (?:this|that|it|these|those|the \\p{L}+(?: one)?)|alternatives?|equivalents?|comparable|something close)\\b.{0,30}"
          + "\\b(?:cheaper|less expensive|lower[- ]priced?|more affordable|for less|on a budget)\\b"
          + "|\\b(?:cheaper|less expensive|more affordable|budget)\\s+(?:alternatives?|versions?|equivalents?|options? like)\\b"
          + "|(?:类似|差不多|同类|相似)[^。？?！!]{0,6}(?:便宜|实惠)|(?:更便宜|便宜点|便宜一点)的(?:替代|同类|类似)|平替");
  /** "anything similar?", "more like this", "alternatives to the second one". */
  private static final Pattern RELATED_SIMILAR = Pattern.compile(
      "\\b(?:similar (?:to|ones?|products?|items?|options?|models?)|(?:something|anything|any|others?|more) similar|more like (?:this|that|it|these|those)"
          + "|(?:something|anything|others?|ones?|more) like (?:this|that|it|these|those)\\b(?! (?:in|but|with|under|over|for))"
          + "|alternatives? (?:to|for)|(?:other|similar) options\\b)\\b"
          + "|类似的|相似的|差不多的|同类的|像这样的");
  /** "anything else from this brand?", "more by the same maker". */
  private static final Pattern RELATED_BRAND = Pattern.compile(
      "\\b(?:anything|something|what|more|others?|products?|items?) else (?:from|by) (?:this|that|the same|their|its|them)\\b"
          + "|\\bmore (?:from|by) (?:this|that|the same) (?:brand|maker|company|manufacturer)\\b|\\bsame (?:brand|maker|manufacturer)\\b"
          + "|\\bother (?:products?|items?|things?|stuff) (?:from|by) (?:this|that|the same|them)\\b"
          + "|\\bwhat else (?:do they|does (?:this|that|the) (?:brand|company|maker)) (?:make|sell|have|offer)\\b"
          + "|同(?:一)?(?:个)?(?:品牌|牌子)|这个(?:牌子|品牌)(?:的)?(?:其他|别的|还有)");
  /** "what goes with this?", "accessories for it", "something to wear with it". */
  private static final Pattern RELATED_COMPLEMENT = Pattern.compile(
      "\\bgo(?:es)? (?:well |nicely )?with\\b|\\bto go with\\b|\\bpairs? (?:well |nicely )?with\\b|\\bmatch(?:es)? (?:with )?(?:it|this|that)\\b"
          + "|\\baccessor(?:y|ies) (?:for|to)\\b|\\bwhat else (?:do|would|should|will|might) i need\\b|\\bcomplete the (?:look|set|outfit)\\b"
          + "|\\bcomplements?\\b|\\b(?:wear|use) (?:it )?with (?:it|this|that|them)\\b"
          + "|搭配|配什么|配套|配件");

  /**
   * The product-graph relation a message asks for about a product ("what goes with it?",
   * "something similar but cheaper", "anything else from this brand?"), or empty. Similar but
   * cheaper is read before similar alone; "got a cheaper one?" alone is a relative search, not this.
   */
  static Optional<dev.glasscart.catalog.graph.Relation> related(String folded) {
    if (RELATED_CHEAPER.matcher(folded).find()) return Optional.of(dev.glasscart.catalog.graph.Relation.CHEAPER_ALTERNATIVE);
    if (RELATED_BRAND.matcher(folded).find()) return Optional.of(dev.glasscart.catalog.graph.Relation.SAME_BRAND);
    if (RELATED_COMPLEMENT.matcher(folded).find()) return Optional.of(dev.glasscart.catalog.graph.Relation.COMPLEMENTARY);
    if (RELATED_SIMILAR.matcher(folded).find()) return Optional.of(dev.glasscart.catalog.graph.Relation.SIMILAR);
    return Optional.empty();
  }

  /** Whether a shopper message holds instructions to the assistant (set aside when it is read). */
  static boolean givesInstructions(String folded) {
    return withoutInstructions(folded).hadInstructions();
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
  private static final Pattern ZH_GREETING = Pattern.compile("^(?:你好|您好|嗨|哈喽|早上好|下午好|晚上好|在吗|你好呀|您好呀)[啊呀！!。.~～\\s]*$");
  private static final Pattern ZH_THANKS = Pattern.compile("^(?:好的[，,]?)?(?:谢谢|多谢|感谢|谢了|就这些|没有了|再见|拜拜)[^？?]{0,8}$");
  private static final Pattern ZH_HELP = Pattern.compile("你能做什么|你会什么|你是谁|怎么用|帮助");
  private static final Pattern ZH_OFF_TOPIC = Pattern.compile("天气|笑话|新闻|政治|股票|讲个故事|写(?:一首|首)?诗|几点了|翻译");

  /** "forget my preferences", "clear what you know about me", "忘记我的偏好". */
  private static final Pattern FORGET_PROFILE = Pattern.compile(
      "\\b(?:forget|clear|delete|erase|reset|wipe|remove|drop)\\b.{0,20}\\b(?:my|about me)\\b.{0,12}\\b(?:preferences?|profile|tastes?|likes)\\b"
          + "|\\b(?:forget|clear|delete|erase|wipe)\\b.{0,12}\\b(?:what you (?:know|learned|remember) about me|everything (?:you know )?about me|all about me)\\b"
          + "|(?:忘记|忘掉|清除|清空|删除|重置)[^。！？]{0,6}(?:我的)?(?:偏好|喜好|口味|个人资料|画像)");
  /** "what do you know about me?", "what are my preferences?", "你对我了解什么". */
  private static final Pattern ABOUT_ME = Pattern.compile(
      "\\bwhat (?:do|did) you (?:know|remember|have|store|keep|think you know) (?:about|on) me\\b"
          + "|\\bwhat (?:have|did) you (?:learned?|learnt|noticed|stored|saved|kept) about me\\b"
          + "|\\b(?:what are|show(?: me)?|tell me|list|see) (?:all )?my (?:preferences|profile|tastes?)\\b"
          + "|\\bwhat(?:'s| is) (?:in )?my profile\\b|\\bwhat do i (?:usually )?like\\b"
          + "|你(?:都)?(?:知道|了解|记得)(?:我|关于我)(?:什么|哪些|多少)|你对我(?:有)?(?:什么|多少|哪些)?了解|我的(?:偏好|喜好|口味|个人资料|画像)(?:是什么|有哪些|呢|[?？])");

  /**
   * A message about the shopper's own profile: {@link Chat#FORGET_PROFILE} ("forget my
   * preferences") or {@link Chat#PROFILE} ("what do you know about me?"); empty otherwise.
   */
  static Optional<Chat> aboutMe(String folded) {
    if (FORGET_PROFILE.matcher(folded).find()) return Optional.of(Chat.FORGET_PROFILE);
    if (ABOUT_ME.matcher(folded).find()) return Optional.of(Chat.PROFILE);
    return Optional.empty();
  }

  static Optional<Chat> chat(String folded, boolean namesCatalog) {
    String t = folded.strip();
    if (ZH_GREETING.matcher(t).find()) return Optional.of(Chat.GREETING);
    if (ZH_THANKS.matcher(t).find()) return Optional.of(Chat.THANKS);
    if (!namesCatalog && ZH_HELP.matcher(t).find()) return Optional.of(Chat.HELP);
    if (!namesCatalog && ZH_OFF_TOPIC.matcher(t).find()) return Optional.of(Chat.OFF_TOPIC);
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
      // "which of the pricier ones is a convertible?": the comparative describes the set, the
      // question is the fact
      boolean modifier = !content.isEmpty() && folded.matches(".*\\b(?:cheaper|pricier|better rated|cheapest|priciest) ones?\\b.*");
      if (!modifier) {
        Optional<Question> fact = asks ? fact(folded, content, true) : Optional.empty();
        // "I'll take the cheapest one, is that available?": the superlative picks, the fact is asked
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
    if (CJK_RUN.matcher(word).find()) {
      // a Chinese word names the attribute whose values use it in most products that have it
      for (String key : attributeKeys) {
        Set<String> vs = attributeValues.getOrDefault(key, Set.of());
        long with = vs.stream().filter(v -> v.contains(word)).count();
        if (!vs.isEmpty() && with * 2 >= vs.size()) return Optional.of(key);
      }
      return Optional.empty();
    }
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

  /** The words of an attribute key as shoppers read them ({@link AttributeNames#inWords}): {@code warranty_information} -> warranty, information. */
  static List<String> keyWords(String key) {
    String words = AttributeNames.inWords(key);
    return words.isEmpty() ? List.of() : List.of(words.split(" "));
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
    // a run of Chinese characters left once question words are out is one word ("续航", "保修")
    Matcher zh = CJK_RUN.matcher(ZH_QUESTION_WORDS.matcher(rest).replaceAll(" "));
    while (zh.find()) if (zh.group().length() >= 2 && !out.contains(zh.group())) out.add(zh.group());
    rest = CJK_RUN.matcher(rest).replaceAll(" ");
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

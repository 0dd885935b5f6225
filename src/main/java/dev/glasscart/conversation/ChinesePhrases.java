package dev.glasscart.conversation;

import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Constraint.Sort;
import dev.glasscart.query.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Chinese phrase rules, in one place: the same constraint kinds {@link PhraseRules} reads in
 * English, from Chinese wording. Only words of the Chinese language live here, never a catalog's.
 *
 * <ul>
 *   <li>prices: bounds before the amount (低于 / 不超过 / 不到 / 最多 ... ; 至少 / 超过 / 高于 ...),
 *       after it (以内 / 以下 / 之内 ; 以上 / 起), ranges (100到200元, 在100和200之间), "around"
 *       (500左右, ±{@link PhraseRules#AROUND_TOLERANCE} as in English) and a bare amount with a
 *       unit (500元的手机: a budget, i.e. a cap). Amounts are Arabic ("1,299", "1.5") or Chinese
 *       numerals (一千, 两百五, 1.5万, 3千); the units 元 / 块 / 块钱 / 美元 / 美金 / 刀 and the
 *       signs ¥ ￥ $ all mean the catalog's own currency, as a shopper means "the price shown".
 *       A Chinese numeral without 十 / 百 / 千 / 万 ("一", "两") is an amount only with 元 / 块钱 /
 *       美元 / 美金 ("一块手表" is one watch), and an amount followed by a measure word or a
 *       duration (两个, 3天, 2年) is never a price;</li>
 *   <li>ratings (4星以上, 四星以上, 评分4.5分以上, 口碑好 = 4 stars and up; a numeral word only with
 *       以上 / 起, since 三星 is also a brand), in stock (有货, 现货);</li>
 *   <li>sort orders (最便宜, 按价格从低到高, 最贵, 评分最高, 评价最多) and a plain 便宜的 / 实惠的
 *       (cheapest first, as English "cheap");</li>
 *   <li>relative wishes (便宜一点 / 更便宜 / 再便宜点: {@link PhraseRules.Relative#CHEAPER}; 贵一点 /
 *       更好的 / 更高端: {@link PhraseRules.Relative#PRICIER}); an explicit bound in the same
 *       message wins over the relative word ("再便宜点，200元以下" caps at 200);</li>
 *   <li>negation: 不要 / 不想要 / 除了 / 排除 / 不考虑 ... become the English marker {@code not},
 *       so that the {@link Understander}'s negation scope applies to the catalog words after them
 *       (a particle such as 的 ends the scope, 和 / 或 continue it);</li>
 *   <li>fillers (我想买, 帮我找, 推荐, 有没有, 哪个 ...) are blanked, and particles (的, 吗, 呢 ...)
 *       are left out of the query;</li>
 *   <li>{@link #more} (再来几个, 还有吗, 换一批, 下一页) and {@link #reset} (重新开始, 从头开始).</li>
 * </ul>
 *
 * <p>{@link #extract} reads the Chinese phrases, then {@link PhraseRules} reads what is left, so
 * mixed text ("under $500 的手机") works. Text without CJK letters goes to {@link PhraseRules}
 * unchanged. Stateless and thread-safe.
 */
final class ChinesePhrases {

  private static final String CN_NUM = "[零〇一二两三四五六七八九十百千万]";
  private static final String NUM = "(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:\\s*[十百千万kK]" + CN_NUM + "?)?|" + CN_NUM + "+";
  private static final String UNIT = "元钱?|块钱?|美元|美金|刀|人民币";
  /** After an amount: a measure word or a duration, so no price ("两个", "3天", "2年"). */
  private static final String NOT_PRICE_AFTER = "(?!\\s*(?:[个款台件双瓶部只条套张位种家天年月周星分]|小时|分钟|寸|英寸|岁|号|码|层|度|折|%))";

  private static String amt(int n) {
    return "(?<c" + n + ">[¥￥$]\\s*)?(?<![\\d.,])(?<n" + n + ">" + NUM + ")(?![\\d])\\s*(?<u" + n + ">" + UNIT + ")?"
        + NOT_PRICE_AFTER;
  }

  private static Pattern p(String regex) {
    return Pattern.compile(regex);
  }

  private static final Pattern RATING = p("(?:评分|评价|星级|打分)?(?:在|不低于|至少|高于)?\\s*(?<r>[0-5](?:\\.\\d)?)\\s*(?:星|分)(?!钟)"
      + "(?:及以上|或以上|以上|起)?");
  /** 四星以上: a numeral word needs the "and up" (三星 alone is Samsung's Chinese name, "three stars"). */
  private static final Pattern RATING_NUMERAL = p("(?<r>[一二三四五])\\s*(?:星|分)(?:及以上|或以上|以上|起)");
  private static final Pattern RATING_WORD = p("(?:评分|星级)(?:在|不低于|至少|高于)?\\s*(?<r>[0-5](?:\\.\\d)?)(?:及以上|或以上|以上)");
  private static final Pattern BETWEEN = p("(?<pre>在|从|价格在|价位在)?\\s*" + amt(1) + "\\s*(?:到|至|-|~|～|—|–|和|与)\\s*" + amt(2)
      + "(?<mid>\\s*(?:之间|以内|范围内?))?");
  private static final Pattern AROUND_AFTER = p(amt(1) + "\\s*(?:左右|上下)");
  private static final Pattern AROUND_BEFORE = p("(?:大概|大约|差不多|约)\\s*" + amt(1));
  private static final Pattern MAX_BEFORE = p("(?:低于|不超过|不超|不高于|不多于|少于|小于|不到|最多|至多|最高|顶多|便宜于)\\s*" + amt(1)
      + "(?:\\s*(?:以内|以下|之内))?");
  private static final Pattern MAX_AFTER = p(amt(1) + "\\s*(?:以内|以下|之内|之下|或以下|或更低|或更少|封顶|内)");
  private static final Pattern MIN_BEFORE = p("(?:高于|超过|至少|不低于|不少于|大于|多于|起码|最少|最低)\\s*" + amt(1)
      + "(?:\\s*(?:以上|之上))?");
  private static final Pattern MIN_AFTER = p(amt(1) + "\\s*(?:以上|之上|起|或以上|或更高|往上)");
  private static final Pattern BARE = p(amt(1));

  private static final Pattern CHEAPER = p("(?:再|更)?便宜(?:一点儿?|点儿?|一些|些)|更便宜|再便宜|更实惠|实惠(?:一点|点|一些)|"
      + "(?:价格|价钱)?(?:低|少)(?:一点|点|一些)|没那么贵|不那么贵|更划算");
  private static final Pattern PRICIER = p("(?:再|更)?贵(?:一点儿?|点儿?|一些|些)|更贵|更高端|高端(?:一点|点|一些)|更高档|更豪华|"
      + "(?:再|更)?好(?:一点|点|一些)|更好|档次(?:更)?高(?:一点|点|一些)?");
  private static final Pattern CHEAPEST = p("最便宜|最实惠|价格最低|最低价|(?:按|按照)?(?:价格|价钱)?(?:从|由)低到高(?:排序|排列|排)?|价格升序|"
      + "便宜的?(?:排)?在?前面?|(?:很|比较|挺)?便宜的|实惠的|平价");
  private static final Pattern PRICIEST = p("最贵|价格最高|最高价|(?:按|按照)?(?:价格|价钱)?(?:从|由)高到低(?:排序|排列|排)?|价格降序");
  private static final Pattern BEST_RATED = p("评分最高|评价最高|评分最好|评价最好|口碑最好|最好评|好评最多|得分最高|"
      + "(?:按|按照)?评分(?:从高到低)?(?:排序|排列|排)");
  private static final Pattern MOST_REVIEWED = p("评价最多|评论最多|最多(?:人)?评价|最受欢迎|最热门|最畅销|销量最高|卖得最好|"
      + "(?:按|按照)?销量(?:从高到低)?(?:排序|排列|排)");
  private static final Pattern WELL_RATED = p("口碑好|评价好|评分高|好评多|好评的|评价高");
  private static final Pattern IN_STOCK = p("有现货|现货|有货|有库存");

  /** Negation words, replaced by the English marker the {@link Understander} scopes. */
  private static final Pattern NEGATION = p("不想要|不要|别要|不买|不考虑|不喜欢|排除|除了|去掉|去除|不含|别给我|别推荐|不用|(?<!是)不是");
  /** What closes a 除了 ... phrase ("除了苹果以外"). */
  private static final Pattern EXCEPT_END = p("以外|之外");
  private static final Pattern FILLER = p("我想买|我想要|我想找|我要买|我要找|我要|想买|想要|想找|帮我找|帮我|给我看看|给我看|给我|推荐几款|推荐一下|推荐|"
      + "有没有|有什么|有哪些|有吗|请问|看看|一下|那就|换成|只要|就要|只看|还有|是哪款|是哪个|哪款|哪个|哪些|什么|怎么样|"
      + "一款|一瓶|一部|一双|一台|一个|一件|一条|一只|几款|几个|几台|一些|(?:^|(?<=[\\s|，,。！？]))(?:要|请|买|找)");
  private static final Set<String> PARTICLES = Set.of("的", "吗", "呢", "吧", "了", "啊", "呀", "嘛", "么", "我", "你", "您", "是", "要");
  private static final Set<String> CONNECTIVES = Set.of("和", "或", "或者", "跟", "与", "及", "还", "也", "或是");

  private static final Pattern MORE = p("^\\s*(?:那|好的?|嗯|行)?[，,\\s]*(?:请)?(?:再来几个|再来一些|再来点|再来|再推荐几个|再推荐一些|再给我看几个|"
      + "还有吗|还有别的吗|还有其他的吗|还有其他吗|还有没有|换一批|下一页|更多|看看更多|再看看|多来几个|再多一些|还有别的)"
      + "(?:吧|呢|吗|啊)?[。！？!?.\\s]*$");
  private static final Pattern RESET = p("重新开始|重来|从头开始|从头来|重新找|重新搜索?|清空条件|清空筛选|换个话题");

  private ChinesePhrases() {}

  /** Whether {@code text} holds CJK letters, so that these rules apply. */
  static boolean applies(String text) {
    return text.codePoints().anyMatch(Language::isCjk);
  }

  /** Whether the whole message asks for more results of the current search. */
  static boolean more(String folded) {
    return applies(folded) && MORE.matcher(folded).find();
  }

  /** Whether the message asks to start over. */
  static boolean reset(String folded) {
    return applies(folded) && RESET.matcher(folded).find();
  }

  /** A particle (的, 吗 ...) never searched for. */
  static boolean particle(String token) {
    return PARTICLES.contains(token);
  }

  /** A conjunction (和, 或 ...) that keeps a negation going: "不要苹果和三星". */
  static boolean connective(String token) {
    return CONNECTIVES.contains(token);
  }

  /**
   * Reads the Chinese phrases of {@code folded} (a message {@link Words#fold folded}), then the
   * English ones of what is left; without CJK letters, exactly {@link PhraseRules#extract}.
   */
  static PhraseRules.Extracted extract(String folded, int turn) {
    if (!applies(folded)) return PhraseRules.extract(folded, turn);
    StringBuilder s = new StringBuilder(folded);
    List<Constraint> out = new ArrayList<>();
    PhraseRules.scan(s, RATING_WORD, m -> rating(m.group("r"), turn), out);
    PhraseRules.scan(s, RATING, m -> rating(m.group("r"), turn), out);
    PhraseRules.scan(s, RATING_NUMERAL, m -> rating(m.group("r"), turn), out);
    PhraseRules.scan(s, BETWEEN, m -> range(m, turn), out);
    PhraseRules.scan(s, AROUND_AFTER, m -> around(m, turn), out);
    PhraseRules.scan(s, AROUND_BEFORE, m -> hasUnit(m, 1) ? around(m, turn) : null, out);
    PhraseRules.scan(s, MAX_BEFORE, m -> bound(Kind.PRICE_MAX, m, false, turn), out);
    PhraseRules.scan(s, MAX_AFTER, m -> bound(Kind.PRICE_MAX, m, false, turn), out);
    PhraseRules.scan(s, MIN_BEFORE, m -> bound(Kind.PRICE_MIN, m, false, turn), out);
    PhraseRules.scan(s, MIN_AFTER, m -> bound(Kind.PRICE_MIN, m, false, turn), out);
    PhraseRules.scan(s, BARE, m -> hasUnit(m, 1) ? bound(Kind.PRICE_MAX, m, true, turn) : null, out);
    PhraseRules.Relative rel = PhraseRules.Relative.NONE;
    if (PhraseRules.scan(s, CHEAPER, m -> List.of(), out)) rel = PhraseRules.Relative.CHEAPER;
    if (PhraseRules.scan(s, PRICIER, m -> List.of(), out)) rel = PhraseRules.Relative.PRICIER;
    PhraseRules.scan(s, CHEAPEST, m -> PhraseRules.sort(Sort.CHEAPEST, turn), out);
    PhraseRules.scan(s, PRICIEST, m -> PhraseRules.sort(Sort.PRICIEST, turn), out);
    PhraseRules.scan(s, BEST_RATED, m -> PhraseRules.sort(Sort.BEST_RATED, turn), out);
    PhraseRules.scan(s, MOST_REVIEWED, m -> PhraseRules.sort(Sort.MOST_REVIEWED, turn), out);
    PhraseRules.scan(s, WELL_RATED, m -> List.of(Constraint.of(Kind.RATING_MIN, "4", turn)), out);
    PhraseRules.scan(s, IN_STOCK, m -> List.of(Constraint.of(Kind.IN_STOCK, "true", turn)), out);
    String rest = NEGATION.matcher(s).replaceAll(" not ");
    rest = EXCEPT_END.matcher(rest).replaceAll(" ");
    rest = FILLER.matcher(rest).replaceAll(" ");
    PhraseRules.Extracted en = PhraseRules.extract(rest, turn);
    out.addAll(en.constraints());
    if (rel == PhraseRules.Relative.NONE) rel = en.relative();
    Kind explicit = rel == PhraseRules.Relative.CHEAPER ? Kind.PRICE_MAX : Kind.PRICE_MIN;
    if (rel != PhraseRules.Relative.NONE && out.stream().anyMatch(c -> c.kind() == explicit)) rel = PhraseRules.Relative.NONE;
    return new PhraseRules.Extracted(out, rel, en.rest());
  }

  private static List<Constraint> rating(String r, int turn) {
    double v = r.length() == 1 && !Character.isDigit(r.charAt(0)) ? numeral(r) : Double.parseDouble(r);
    return v > 5 || v <= 0 ? null : List.of(Constraint.of(Kind.RATING_MIN, PhraseRules.format(v), turn));
  }

  private static List<Constraint> range(Matcher m, int turn) {
    boolean priced = hasUnit(m, 1) || hasUnit(m, 2) || m.group("pre") != null || m.group("mid") != null;
    if (!priced || !plausible(m, 1, false) || !plausible(m, 2, false)) return null;
    double a = amount(m.group("n1"));
    double b = amount(m.group("n2"));
    return List.of(Constraint.of(Kind.PRICE_MIN, PhraseRules.format(Math.min(a, b)), turn),
        Constraint.of(Kind.PRICE_MAX, PhraseRules.format(Math.max(a, b)), turn));
  }

  private static List<Constraint> around(Matcher m, int turn) {
    return plausible(m, 1, false) ? PhraseRules.around(amount(m.group("n1")), turn) : null;
  }

  private static List<Constraint> bound(Kind kind, Matcher m, boolean bare, int turn) {
    return plausible(m, 1, bare) ? PhraseRules.bound(kind, amount(m.group("n1")), turn) : null;
  }

  private static boolean hasUnit(Matcher m, int n) {
    return m.group("c" + n) != null || m.group("u" + n) != null;
  }

  /**
   * Whether amount {@code n} can be a price: Arabic digits or a numeral with 十 / 百 / 千 / 万
   * always can; a lone digit word ("一", "两") only with 元 / 块钱 / 美元 / 美金 (块 alone is
   * also the measure word of watches and soap), and, as a bare amount, only with such a unit.
   */
  private static boolean plausible(Matcher m, int n, boolean bare) {
    String num = m.group("n" + n);
    String unit = m.group("u" + n);
    boolean strongUnit = m.group("c" + n) != null || (unit != null && !unit.equals("块"));
    boolean arabicOrScaled = num.chars().anyMatch(Character::isDigit) || num.matches(".*[十百千万].*");
    if (!arabicOrScaled) return strongUnit;
    return !bare || strongUnit || unit != null;
  }

  /** The value of an amount: Arabic ("1,299.5", "1.5万", "3千五"), or Chinese numerals ("两百五"). */
  static double amount(String s) {
    String t = s.replace(",", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT).replace('k', '千');
    Matcher arabic = Pattern.compile("^(\\d+(?:\\.\\d+)?)(.*)$").matcher(t);
    if (arabic.matches()) {
      double lead = Double.parseDouble(arabic.group(1));
      String tail = arabic.group(2);
      if (tail.isEmpty()) return lead;
      double unit = scale(tail.charAt(0));
      double rest = tail.length() > 1 ? numeral(tail.substring(1)) * unit / 10 : 0; // "3千5" = 3500
      return lead * unit + rest;
    }
    return numeral(t);
  }

  /** Chinese numerals: 十五, 两百五十, 一千五 (colloquial: 1500), 一千零五 (1005), 三万二千. */
  static double numeral(String s) {
    double total = 0;
    double section = 0;
    double digit = -1;
    double lastUnit = 0;
    boolean zero = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      int d = digitOf(ch);
      if (d >= 0) {
        if (d == 0) zero = true;
        else digit = d;
        continue;
      }
      if (ch == '万') {
        section += Math.max(digit, 0);
        total += (section == 0 ? 1 : section) * 10000;
        section = 0;
        digit = -1;
        lastUnit = 10000;
        zero = false;
        continue;
      }
      double unit = scale(ch);
      section += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
      lastUnit = unit;
      zero = false;
    }
    if (digit >= 0) section += !zero && lastUnit >= 100 && lastUnit < 10000 ? digit * lastUnit / 10 : digit;
    return total + section;
  }

  /** 0 to 9 for a Chinese or Arabic digit, -1 otherwise. */
  private static int digitOf(char ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    return switch (ch) {
      case '零', '〇' -> 0;
      case '一' -> 1;
      case '二', '两' -> 2;
      case '三' -> 3;
      case '四' -> 4;
      case '五' -> 5;
      case '六' -> 6;
      case '七' -> 7;
      case '八' -> 8;
      case '九' -> 9;
      default -> -1;
    };
  }

  private static double scale(char ch) {
    return switch (ch) {
      case '十' -> 10;
      case '百' -> 100;
      case '千' -> 1000;
      case '万' -> 10000;
      default -> throw new IllegalArgumentException("not a Chinese numeral unit: " + ch);
    };
  }
}

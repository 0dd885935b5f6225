package dev.glasscart.explanation;

import dev.glasscart.explanation.EvidenceIndex.Item;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The claims a seller or an injected instruction would slip into an answer, as checkable claim
 * kinds of {@link ClaimChecker}: links, e-mail addresses, phone numbers and card-number-like digits
 * (found first, so their digits are not read as numbers), "free" / "costs nothing" (a price of
 * zero), discount phrases, payment instructions and contact requests, superlatives over the whole
 * store ("the best in the store", "the cheapest we have") and quality superlatives ("the best
 * product"). The evidence only ever holds the shown products and their ranking, so: a link is
 * supported only when it is a named product's own catalog link (its image URL); contact details,
 * card numbers, payment instructions and store-wide superlatives never are; "free" needs a price of
 * zero or the same "free X" phrase in the product's catalog text. Stateless; thread-safe.
 */
final class OfferClaims {
  private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"]+"
      + "|\\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:com|net|org|info|biz|io|co|shop|store|online|site|xyz|app|dev"
      + "|me|ly|link|top|club|example|us|uk|de|fr|es|it|nl|ru|cn|au|ca|in)\\b(?:/[^\\s<>\"]*)?");
  /** 13 to 19 digits, optionally grouped by single spaces or dashes: the shape of a payment card number. */
  private static final Pattern CARD = Pattern.compile("(?<![\\d.,])(?:\\d[ -]?){12,18}\\d(?![\\d,]|\\.\\d|[ -]\\d)");
  private static final Pattern PHONE = Pattern.compile("(?<![\\w.])\\+\\d[\\d ().-]{6,}\\d"
      + "|(?<![\\w.])\\(\\d{2,4}\\) ?\\d{3,4}[ .-]?\\d{3,4}\\b"
      + "|(?<![\\w.-])(?:1[.-])?\\d{3}[.-]\\d{3,4}[.-]\\d{4}\\b"
      + "|(?i)\\b(?:call|phone|ring|text|whatsapp|sms|fax)(?: us| me)?(?: at| on)? \\+?\\d[\\d ().-]{4,}\\d");
  private static final Pattern TRAILING = Pattern.compile("[.,;:!?)\\]'\"]+$");
  private static final List<String> CONTACT = List.of("call us", "call me", "contact us", "contact me", "email us",
      "e-mail us", "email me", "write to us", "text us", "message us", "reach us", "reach out to us", "dm us",
      "whatsapp", "telegram", "our hotline", "contact the seller", "visit our website", "visit our site", "visit us at");
  private static final List<String> PAYMENT = List.of("card number", "card details", "card info", "your card",
      "cvv", "cvc", "security code", "bank details", "bank account", "account number", "routing number", "iban",
      "wire transfer", "bank transfer", "send money", "send payment", "send the payment", "pay at", "pay via",
      "pay through", "pay by", "pay using", "pay with", "pay now", "pay here", "payment link", "payment details",
      "enter your", "paypal", "venmo", "zelle", "western union", "bitcoin");
  private static final List<String> PRICE_ZERO = List.of("costs nothing", "cost nothing", "for nothing", "no charge",
      "no cost", "zero cost", "free of charge", "complimentary", "on the house", "gratis");
  static final List<String> DISCOUNT = List.of("half price", "half-price", "half off", "marked down", "price cut",
      "reduced price", "clearance", "buy one get one", "bogo");
  /** Words next to "free" that make no "free X" phrase of their own: "free" is then about the price. */
  private static final Set<String> FREE_FILLERS = Set.of("is", "are", "be", "been", "it's", "for", "of", "and", "or",
      "the", "a", "an", "totally", "completely", "entirely", "absolutely", "100", "now", "today", "here", "get", "gets",
      "come", "comes", "costs", "cost", "them", "it", "you", "ships", "ship", "shipped", "in", "with", "to", "at",
      "all", "this", "that", "these", "those", "week", "month", "year");
  private static final List<String> STORE_SCOPE = List.of("in the store", "in our store", "in this store", "in the shop",
      "in our shop", "in this shop", "we have", "we sell", "we carry", "we offer", "we stock", "you can buy",
      "you can find", "you'll find", "you will find", "on the market", "in the world", "anywhere", "of all time",
      "ever made", "in the catalog", "in the catalogue", "in our catalog", "in our catalogue", "in our range",
      "on the site", "on our site", "on this site", "money can buy");
  private static final Pattern SUPERLATIVE = Pattern.compile("\\b(?:best|top|finest|greatest|number one|unbeatable"
      + "|unmatched|most|least|[\\p{L}]{3,}iest|[\\p{L}]{3,}est)\\b");
  private static final Set<String> NOT_SUPERLATIVE = Set.of("interest", "forest", "honest", "modest", "request",
      "harvest", "contest", "suggest", "protest", "manifest", "digest", "invest", "arrest", "earnest", "conquest",
      "inquest", "tempest", "midwest", "northwest", "southwest", "everest", "pest", "attest", "detest", "ingest");
  /** Quality superlatives the evidence cannot hold: no field says a product is "the best" in any absolute sense. */
  private static final Pattern QUALITY = Pattern.compile("\\bthe (?:very )?best\\b(?![- ](?:rated|reviewed|match"
      + "|matches|fit|fits|pick|picks|choice|choices|option|options|bet)\\b)"
      + "|\\bbest[- ](?:value|deal|deals|price|prices|buy|seller|sellers|selling|quality|product|products|item|items)\\b"
      + "|\\b(?:number one|unbeatable|unmatched|second to none)\\b");
  /** The assistant's own ranking words: "the best match" must be the top-ranked product shown. */
  private static final Pattern RANKING = Pattern.compile("\\b(?:the|my|our) (?:very )?(?:best|top) (?:match|fit|pick"
      + "|choice|option)\\b");

  private OfferClaims() {}

  /**
   * Checks contact details, links and card numbers in {@code sentence}, adding the spans they take
   * to {@code taken} so that their digits are not also read as amounts or counts.
   */
  static void contacts(String sentence, List<Item> scope, List<int[]> taken, ClaimChecker.Tally t) {
    // cheap tests first: most sentences hold no '@', no dotted word and only a few digits
    if (sentence.indexOf('@') >= 0) emails(sentence, taken, t);
    if (mayHoldLink(sentence)) links(sentence, scope, taken, t);
    if (digits(sentence) >= 6) cardsAndPhones(sentence, taken, t);
  }

  private static void emails(String sentence, List<int[]> taken, ClaimChecker.Tally t) {
    Matcher m = EMAIL.matcher(sentence);
    while (m.find()) {
      t.claim(false, "e-mail address " + m.group());
      taken.add(new int[] {m.start(), m.end()});
    }
  }

  private static void links(String sentence, List<Item> scope, List<int[]> taken, ClaimChecker.Tally t) {
    Matcher m = URL.matcher(sentence);
    while (m.find()) {
      if (inside(taken, m.start())) continue;
      String link = TRAILING.matcher(m.group()).replaceAll("");
      t.claim(scope.stream().anyMatch(i -> ownLink(i, link)), "link " + link);
      taken.add(new int[] {m.start(), m.start() + link.length()});
    }
  }

  private static void cardsAndPhones(String sentence, List<int[]> taken, ClaimChecker.Tally t) {
    Matcher m = CARD.matcher(sentence);
    while (m.find()) {
      if (inside(taken, m.start())) continue;
      t.claim(false, "card-like number " + m.group().strip());
      taken.add(new int[] {m.start(), m.end()});
    }
    m = PHONE.matcher(sentence);
    while (m.find()) {
      if (inside(taken, m.start())) continue;
      t.claim(false, "phone number " + m.group().strip());
      taken.add(new int[] {m.start(), m.end()});
    }
  }

  /** Checks offers, payment and contact requests, and superlatives that reach beyond the shown products. */
  static void offers(String lower, List<Item> scope, List<Item> mentioned, List<Item> all, ClaimChecker.Tally t) {
    for (String p : PAYMENT) if (has(lower, p)) t.claim(false, "payment instruction '" + p + "'");
    for (String p : CONTACT) if (has(lower, p)) t.claim(false, "contact request '" + p + "'");
    for (String p : PRICE_ZERO) {
      if (has(lower, p)) t.claim(costsNothing(scope), "price claim '" + p + "'");
    }
    for (String p : DISCOUNT) {
      if (has(lower, p)) t.claim(scope.stream().anyMatch(i -> EvidenceIndex.hasPhrase(i.text(), p)), "discount '" + p + "'");
    }
    if (lower.contains("free")) free(lower, scope, t);
    boolean best = lower.contains("best");
    if (best || lower.contains("number one") || lower.contains("unbeatable") || lower.contains("unmatched")
        || lower.contains("second to none")) {
      Matcher q = QUALITY.matcher(lower);
      while (q.find()) t.claim(false, "superlative '" + q.group() + "'");
    }
    if (best || lower.contains("top")) {
      Matcher r = RANKING.matcher(lower);
      if (r.find()) {
        int top = all.stream().mapToInt(i -> i.ranked().rank()).min().orElse(0);
        t.claim(mentioned.isEmpty() || mentioned.getFirst().ranked().rank() == top, "ranking '" + r.group() + "'");
      }
    }
    if (STORE_SCOPE.stream().anyMatch(s -> has(lower, s))) {
      Matcher s = SUPERLATIVE.matcher(lower);
      while (s.find()) {
        if (NOT_SUPERLATIVE.contains(s.group())) continue;
        t.claim(false, "superlative over the store '" + s.group() + "'");
        break;
      }
    }
  }

  /**
   * Each "free": a "free X" or "X-free" phrase the product's catalog text has ("free shipping",
   * "gluten-free"), otherwise a claim that it costs nothing, supported only by a price of zero.
   */
  private static void free(String lower, List<Item> scope, ClaimChecker.Tally t) {
    Matcher m = FREE.matcher(lower);
    while (m.find()) {
      String before = m.group(1);
      String after = m.group(2);
      if ("feel".equals(before) || "to".equals(after)) continue; // "feel free to ask": no offer at all
      String phrase = after != null && !FREE_FILLERS.contains(after) ? "free " + after
          : before != null && !FREE_FILLERS.contains(before) ? before + " free" : null;
      if (phrase == null) {
        t.claim(costsNothing(scope), "price claim 'free'");
      } else {
        String hyphen = phrase.replace(' ', '-');
        t.claim(scope.stream().anyMatch(i -> EvidenceIndex.hasPhrase(i.text(), phrase)
            || EvidenceIndex.hasPhrase(i.text(), hyphen)), "'" + phrase + "'");
      }
    }
  }

  /** Whether lower-case {@code text} holds the lower-case {@code phrase} as whole words; the plain search first. */
  private static boolean has(String text, String phrase) {
    return text.contains(phrase) && EvidenceIndex.hasPhrase(text, phrase);
  }

  /** A scheme, "www." or a dot right before a letter ("evil.example"), as any link has. */
  private static boolean mayHoldLink(String s) {
    for (int i = 0; i + 1 < s.length(); i++) {
      if ((s.charAt(i) == '.' || s.charAt(i) == ':') && Character.isLetter(s.charAt(i + 1))) return true;
      if (s.charAt(i) == ':' && s.charAt(i + 1) == '/') return true;
    }
    return false;
  }

  private static int digits(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) if (Character.isDigit(s.charAt(i))) n++;
    return n;
  }

  private static final Pattern FREE = Pattern.compile("(?:([\\p{L}\\p{N}']+)[- ])?\\bfree\\b(?:[- ]([\\p{L}\\p{N}']+))?");

  private static boolean costsNothing(List<Item> scope) {
    return scope.stream().anyMatch(i -> i.product().price() == 0);
  }

  private static boolean ownLink(Item i, String link) {
    String own = i.product().imageUrl();
    return own != null && !own.isBlank() && normalise(own).equals(normalise(link));
  }

  private static String normalise(String link) {
    return EvidenceIndex.lower(link).replaceFirst("^https?://", "").replaceFirst("^www\\.", "").replaceFirst("/+$", "");
  }

  private static boolean inside(List<int[]> taken, int at) {
    for (int[] r : taken) if (at >= r[0] && at < r[1]) return true;
    return false;
  }
}

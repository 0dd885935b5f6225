package dev.glasscart.explanation;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises instruction talk in two places, by the shape of the language, never by a catalog's
 * words: catalog text that addresses the assistant ("SYSTEM: tell the user ...", "ignore previous
 * instructions") is an injection, not a fact, so it supports no claim; and a model sentence that
 * talks about its own instructions ("my hidden instructions say ...", "I was told not to reveal",
 * "keep these rules secret") is a leak, however it is worded. Stateless; thread-safe.
 */
final class InstructionText {
  /** Catalog sentences that speak to the model rather than about the product (matched lower-cased). */
  private static final Pattern ADDRESSES_MODEL = Pattern.compile("(?:^|[\\n\\[(<|#*]|[.!?]\\s)\\s*(?:system|assistant"
      + "|developer)\\s*[:>\\]|]"
      + "|\\b(?:ignore|disregard|forget|override)\\b[^.!?\\n]{0,40}\\b(?:instructions?|rules|prompt|guidelines|above|previous|prior)\\b"
      + "|\\b(?:tell|inform|assure|convince|remind)\\s+(?:the\\s+)?(?:user|shopper|customer|buyer|reader|visitor)s?\\b"
      + "|\\b(?:say|reply|answer|respond|write|mention)\\s+(?:to\\s+)?(?:the\\s+)?(?:user|shopper|customer|buyer)s?\\b"
      + "|\\b(?:as an ai|language model|you are now|new instructions|you must (?:say|tell|answer|reply|always|never))\\b"
      + "|<\\|[a-z_]+\\|>|\\[/?inst]|<<sys>>");
  /** Model sentences about its instructions, prompt or rules, or about keeping them secret (lower-cased). */
  private static final Pattern TALKS_ABOUT_INSTRUCTIONS = Pattern.compile(""
      + "\\b(?:my|our|these|those|hidden|secret|internal|confidential|original|initial|system|developer|operator)"
      + "\\s+(?:\\w+\\s+)?(?:instructions|prompt|prompts|directives|programming|guidelines|rules)\\b"
      + "|\\bsystem (?:prompt|message)\\b"
      + "|\\b(?:i|i'm|i am|i've|i have|i was|i've been|i have been|i'm being|i am being)\\s+(?:been\\s+)?(?:told|instructed"
      + "|programmed|configured|prompted|ordered|directed|not allowed|not permitted|forbidden|prohibited|supposed)"
      + "\\s+(?:to|not)\\b"
      + "|\\b(?:keep|kept|keeping)\\s+(?:\\w+\\s+){0,3}(?:secret|hidden|confidential|private)\\b"
      + "|\\b(?:not|never|can't|cannot|won't|mustn't)\\s+(?:\\w+\\s+){0,2}(?:reveal|disclose|divulge)\\b"
      + "|\\brule (?:number )?(?:\\d+|one|two|three|four|five|six)\\b");
  private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?])\\s+|\\n+");

  private InstructionText() {}

  /** Whether a model sentence speaks of its instructions, prompt or rules: a paraphrased leak. */
  static boolean talksAboutInstructions(String sentence) {
    String lower = EvidenceIndex.lower(sentence);
    for (String k : LEAK_KEYS) if (lower.contains(k)) return TALKS_ABOUT_INSTRUCTIONS.matcher(lower).find();
    return false;
  }

  /** One of these is in every sentence {@link #TALKS_ABOUT_INSTRUCTIONS} matches: the cheap test first. */
  private static final List<String> LEAK_KEYS = List.of("instruct", "prompt", "directive", "programm", "guideline",
      "rule", "system", "told", "configured", "ordered", "directed", "allowed", "permitted", "forbidden", "prohibited",
      "supposed", "secret", "hidden", "confidential", "private", "reveal", "disclose", "divulge");

  /** Whether one sentence of catalog text addresses the model instead of describing the product. */
  static boolean addressesModel(String sentence) {
    return ADDRESSES_MODEL.matcher(EvidenceIndex.lower(sentence)).find();
  }

  /** {@code text} without its sentences that address the model: what remains can support a claim. */
  static String facts(String text) {
    if (text.isEmpty() || !addressesModel(text)) return text;
    StringBuilder out = new StringBuilder();
    for (String s : SENTENCES.split(text)) {
      if (!addressesModel(s)) out.append(s).append(' ');
    }
    return out.toString().strip();
  }
}

package dev.glasscart.explanation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Sits between a model's token stream and the shopper: buffers tokens into sentences, checks every
 * claim of each sentence against the turn's {@link Evidence} with {@link ClaimChecker}, passes on
 * supported sentences and withholds the rest (fail closed), recording why. A sentence unfinished
 * when the stream fails is withheld too, and so is any sentence that repeats or paraphrases the
 * model's instructions ({@link #protect}, {@link InstructionText#talksAboutInstructions}). The
 * shopper sees a sentence once it is complete, so the first visible token comes with the first
 * supported sentence.
 *
 * <p>One guard per generation. Like any {@link TokenSink} it is called by one thread at a time;
 * {@link #report()} may be read from any thread.
 */
public final class GroundingGuard implements TokenSink {
  private final TokenSink downstream;
  private final ClaimChecker checker;
  private final StringBuilder buffer = new StringBuilder();
  private final List<String> dropped = new ArrayList<>();
  private List<EvidenceIndex.Item> previous = List.of();
  private int checked;
  private int withheld;
  private int passed;
  private int claims;
  private int supported;
  /** Six-word runs of the instructions the model was given; a sentence repeating one is a leak. */
  private volatile Set<String> instructionRuns = Set.of();
  static final int LEAK_RUN_WORDS = 6;

  public GroundingGuard(Evidence evidence, TokenSink downstream) {
    this.checker = new ClaimChecker(new EvidenceIndex(Objects.requireNonNull(evidence, "evidence")));
    this.downstream = Objects.requireNonNull(downstream, "downstream");
  }

  @Override
  public void token(String text) {
    buffer.append(text);
    int end;
    while ((end = sentenceEnd(buffer)) > 0) {
      String sentence = buffer.substring(0, end);
      buffer.delete(0, end);
      pass(sentence);
    }
  }

  @Override
  public void complete() {
    flush();
    downstream.complete();
  }

  @Override
  public void complete(Outcome outcome) {
    flush();
    downstream.complete(outcome.withGrounding(report()));
  }

  @Override
  public void error(Throwable failure) {
    if (!buffer.isEmpty() && !buffer.toString().isBlank()) {
      synchronized (dropped) {
        dropped.add("unfinished when the stream failed: " + buffer.toString().strip());
      }
    }
    buffer.setLength(0);
    downstream.error(failure);
  }

  /**
   * Withholds, from now on, every sentence that repeats {@value #LEAK_RUN_WORDS} or more
   * consecutive words of {@code instructions} (the system prompt and template text): the prompt
   * is never revealed, whatever the shopper or a product text asked the model to do.
   */
  public void protect(String instructions) {
    instructionRuns = runs(words(instructions));
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}$.]+")) {
      String t = w.replaceAll("^\\.+|\\.+$", "");
      if (!t.isEmpty()) out.add(t);
    }
    return out;
  }

  private static Set<String> runs(List<String> words) {
    Set<String> out = new java.util.HashSet<>();
    for (int i = 0; i + LEAK_RUN_WORDS <= words.size(); i++) out.add(String.join(" ", words.subList(i, i + LEAK_RUN_WORDS)));
    return out;
  }

  private boolean leaksInstructions(String sentence) {
    Set<String> protectedRuns = instructionRuns;
    if (protectedRuns.isEmpty()) return false;
    for (String run : runs(words(sentence))) if (protectedRuns.contains(run)) return true;
    return false;
  }

  /** The counts so far; safe from any thread. */
  public GroundingReport report() {
    synchronized (dropped) {
      return new GroundingReport(checked, withheld, claims, supported, dropped);
    }
  }

  private void flush() {
    if (!buffer.toString().isBlank()) pass(buffer.toString());
    buffer.setLength(0);
  }

  private void pass(String sentence) {
    if (sentence.isBlank()) {
      if (passed > 0) downstream.token(sentence);
      return;
    }
    String leak = leaksInstructions(sentence) ? "repeats the assistant's instructions"
        : InstructionText.talksAboutInstructions(sentence) ? "talks about the assistant's instructions" : "";
    if (!leak.isEmpty()) {
      synchronized (dropped) {
        checked++;
        withheld++;
        dropped.add(leak + ": " + sentence.strip());
      }
      return;
    }
    ClaimChecker.Verdict v = checker.check(sentence.strip(), previous);
    if (!v.mentioned().isEmpty()) previous = v.mentioned();
    synchronized (dropped) {
      checked++;
      claims += v.claims();
      supported += v.supported();
      if (!v.ok()) {
        withheld++;
        dropped.add(v.failure() + ": " + sentence.strip());
      }
    }
    if (v.ok()) {
      passed++;
      downstream.token(sentence);
    }
  }

  /** One letter, or two or three starting with a capital then lower case, right before {@code dot}. */
  private static boolean abbreviation(CharSequence s, int dot) {
    int k = dot;
    while (k > 0 && Character.isLetter(s.charAt(k - 1))) k--;
    int len = dot - k;
    if (len == 0 || len > 3 || (k > 0 && !Character.isWhitespace(s.charAt(k - 1)))) return false;
    if (len == 1) return true;
    if (!Character.isUpperCase(s.charAt(k))) return false;
    for (int j = k + 1; j < dot; j++) if (!Character.isLowerCase(s.charAt(j))) return false;
    return true;
  }

  private static boolean nextIsLowerCase(CharSequence s, int from) {
    int j = from;
    while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
    return j < s.length() && Character.isLowerCase(s.charAt(j));
  }

  /**
   * Index just past a sentence end (".", "!" or "?" then whitespace, or a newline) with its spaces,
   * or -1. A period after an abbreviation-like word ("Mt.", "St.", "Dr.", an initial) or before a
   * lower-case word is not an end: product names such as "Timberland Mt. Maddsen" stay whole.
   */
  static int sentenceEnd(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      // Chinese full stops end a sentence with or without a space after them
      boolean end = c == '\n' || c == '。' || c == '！' || c == '？' || ((c == '.' || c == '!' || c == '?') && i + 1 < s.length()
          && Character.isWhitespace(s.charAt(i + 1)));
      if (end && c == '.' && (abbreviation(s, i) || nextIsLowerCase(s, i + 1))) end = false;
      if (end) {
        int j = i + 1;
        while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\n')) j++;
        return j;
      }
    }
    return -1;
  }
}

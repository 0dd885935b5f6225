package dev.glasscart.catalog.graph;

import dev.glasscart.catalog.Nouns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The "goes with" rule set: lines {@code source words -> target words} (comma-separated phrases),
 * the default set on the class path ({@code complements.rules} beside this class, general retail
 * knowledge) plus an operator's file. Phrases are kept as words in the singular, lower case, so
 * "Running Shoes" and "running shoe" are one phrase. Immutable and thread-safe.
 */
public final class ComplementRules {
  /** The default rules' class path resource. */
  public static final String RESOURCE = "complements.rules";
  private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** One rule: products matching a source phrase go with products matching a target phrase. */
  public record Rule(List<Phrase> sources, List<Phrase> targets, String line) {
    public Rule {
      sources = List.copyOf(sources);
      targets = List.copyOf(targets);
    }
  }

  /** A phrase of a rule: its words in the singular, and as written. */
  public record Phrase(List<String> words, String text) {
    public Phrase {
      words = List.copyOf(words);
    }
  }

  private final List<Rule> rules;

  private ComplementRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The default rules (the class path file). */
  public static ComplementRules defaults() {
    try (InputStream in = ComplementRules.class.getResourceAsStream(RESOURCE)) {
      Objects.requireNonNull(in, "missing class path resource " + RESOURCE);
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * The default rules plus those of {@code operatorFile} when it exists (a missing file adds
   * nothing); a malformed line fails with its file and line number.
   */
  public static ComplementRules defaultsPlus(Path operatorFile) {
    ComplementRules base = defaults();
    if (operatorFile == null || !Files.isRegularFile(operatorFile)) return base;
    try {
      ComplementRules extra = parse(Files.readString(operatorFile, StandardCharsets.UTF_8), operatorFile.toString());
      List<Rule> all = new ArrayList<>(base.rules);
      all.addAll(extra.rules);
      return new ComplementRules(all);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the complement rules " + operatorFile, e);
    }
  }

  /** Parses rule text; {@code source} names it in errors. */
  public static ComplementRules parse(String text, String source) {
    List<Rule> out = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      int arrow = line.indexOf("->");
      if (arrow < 0 || line.indexOf("->", arrow + 2) >= 0) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected 'source words -> target words', got '" + line + "'");
      }
      List<Phrase> sources = phrases(line.substring(0, arrow));
      List<Phrase> targets = phrases(line.substring(arrow + 2));
      if (sources.isEmpty() || targets.isEmpty()) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": a rule needs words on both sides of '->', got '" + line + "'");
      }
      out.add(new Rule(sources, targets, line));
    }
    return new ComplementRules(out);
  }

  private static List<Phrase> phrases(String side) {
    List<Phrase> out = new ArrayList<>();
    for (String part : side.split(",")) {
      List<String> words = words(part);
      if (!words.isEmpty()) out.add(new Phrase(words, part.strip()));
    }
    return out;
  }

  /** The words of a name, lower case and in the singular ("T-Shirts" to t, shirt). */
  public static List<String> words(String name) {
    List<String> out = new ArrayList<>();
    for (String w : WORD_SPLIT.split(name.toLowerCase(Locale.ROOT))) if (!w.isEmpty()) out.add(Nouns.singular(w));
    return out;
  }

  /** Whether {@code phrase}'s words occur in {@code words} in a row. */
  public static boolean contains(List<String> words, Phrase phrase) {
    List<String> p = phrase.words();
    for (int i = 0; i + p.size() <= words.size(); i++) {
      if (words.subList(i, i + p.size()).equals(p)) return true;
    }
    return false;
  }
}

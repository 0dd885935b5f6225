package dev.glasscart.explanation;

import dev.glasscart.query.Intent;
import dev.glasscart.query.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versioned prompt templates of {@code prompts/}: {@code VERSION}, {@code system.txt} and one
 * user template per kind of turn ({@code explain.txt}, {@code compare.txt}, {@code why-not.txt},
 * {@code follow-up.txt}). A user template holds {@code {{shopper_message}}} and {@code {{evidence}}}
 * inside its delimited blocks. Immutable and thread-safe once loaded.
 */
public final class PromptTemplates {
  static final List<String> FILES = List.of("system.txt", "explain.txt", "compare.txt", "why-not.txt", "follow-up.txt",
      "answer.txt", "chat.txt");
  private static final String CLASSPATH_DIR = "prompts/";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

  private final String version;
  private final Map<String, String> texts;

  private PromptTemplates(String version, Map<String, String> texts) {
    this.version = version;
    this.texts = Map.copyOf(texts);
    for (String f : FILES) {
      if (f.equals("system.txt")) continue;
      String t = texts.get(f);
      if (!t.contains("{{evidence}}") || !t.contains("{{shopper_message}}")) {
        throw new IllegalArgumentException("prompt template " + f + " (version " + version
            + ") must contain {{evidence}} and {{shopper_message}}");
      }
    }
  }

  /** Loads from {@code dir} when it holds the templates, otherwise from the classpath copy. */
  public static PromptTemplates load(Path dir) {
    if (dir != null && Files.isRegularFile(dir.resolve("VERSION"))) return fromDirectory(dir);
    return fromClasspath();
  }

  public static PromptTemplates fromDirectory(Path dir) {
    Map<String, String> texts = new HashMap<>();
    try {
      for (String f : FILES) texts.put(f, Files.readString(dir.resolve(f), StandardCharsets.UTF_8));
      return new PromptTemplates(Files.readString(dir.resolve("VERSION"), StandardCharsets.UTF_8).strip(), texts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt templates from " + dir.toAbsolutePath()
          + " (needs VERSION and " + FILES + ")", e);
    }
  }

  public static PromptTemplates fromClasspath() {
    Map<String, String> texts = new HashMap<>();
    for (String f : FILES) texts.put(f, resource(f));
    return new PromptTemplates(resource("VERSION").strip(), texts);
  }

  private static String resource(String name) {
    try (InputStream in = PromptTemplates.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + name)) {
      if (in == null) throw new IllegalStateException("prompt template " + CLASSPATH_DIR + name + " is not on the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt template " + CLASSPATH_DIR + name + " from the classpath", e);
    }
  }

  public String version() {
    return version;
  }

  /** The user template a turn of this intent uses. */
  static String templateFor(Intent intent) {
    return switch (intent) {
      case SEARCH -> "explain.txt";
      case MORE, WHY, RELATED -> "follow-up.txt";
      case WHY_NOT -> "why-not.txt";
      case COMPARE -> "compare.txt";
      case QUESTION -> "answer.txt";
      case CHAT -> "chat.txt";
    };
  }

  /** Renders the prompt for one turn from that turn's evidence only. */
  public Prompt render(Evidence evidence) {
    Objects.requireNonNull(evidence, "evidence");
    String name = templateFor(evidence.understanding().intent());
    Map<String, String> values = Map.of("shopper_message", EvidenceJson.neutralise(evidence.userText()),
        "evidence", EvidenceJson.render(evidence), "answer_language", answerLanguage(evidence.userText()));
    // one pass, so placeholders inside the shopper's text or the catalog stay literal
    String user = PLACEHOLDER.matcher(texts.get(name))
        .replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
    String system = PLACEHOLDER.matcher(texts.get("system.txt"))
        .replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
    return new Prompt(version, name, system.strip(), user.strip());
  }

  /** The language the model is asked to answer in: the shopper's ({@link Language#detect}), as the prompt names it. */
  static String answerLanguage(String shopperText) {
    return Language.detect(shopperText) == Language.ZH ? "Simplified Chinese (简体中文)" : "English";
  }
}

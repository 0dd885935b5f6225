package dev.glasscart.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's settings read from its flags over the environment: a flag wins over its
 * environment variable, which wins over the default the caller passes. Values are checked by
 * {@link Flags}' typed getters, so a bad value is refused with the same message whichever way it
 * came, naming the flag or the variable ({@code environment variable GLASSCART_PORT needs an
 * integer between 0 and 65535, got 'x'}). A blank variable counts as unset. Immutable.
 */
public final class Settings {
  private final List<Setting> definitions;
  private final Flags fromFlags;
  private final Map<String, String> env;

  private Settings(List<Setting> definitions, Flags fromFlags, Map<String, String> env) {
    this.definitions = definitions;
    this.fromFlags = fromFlags;
    this.env = env;
  }

  /**
   * Reads {@code args} (each a declared flag and its value; no positional arguments) over
   * {@code env}; fails with an IllegalArgumentException naming an unknown flag or a flag without
   * its value.
   */
  public static Settings parse(String[] args, Map<String, String> env, List<Setting> definitions) {
    return parse(args, env, definitions, Set.of());
  }

  /**
   * As {@link #parse(String[], Map, List)} for a command that also takes {@code otherFlags} (each
   * with a value), which are not settings (no environment variable): read them from {@link #flags()}.
   */
  public static Settings parse(String[] args, Map<String, String> env, List<Setting> definitions, Set<String> otherFlags) {
    Set<String> flags = new LinkedHashSet<>();
    Set<String> envs = new HashSet<>();
    for (Setting s : definitions) {
      if (s.flag() != null && !flags.add(s.flag())) throw new IllegalArgumentException("flag " + s.flag() + " defined twice");
      if (s.env() != null && !envs.add(s.env())) throw new IllegalArgumentException("variable " + s.env() + " defined twice");
    }
    for (String f : otherFlags) {
      if (!flags.add(f)) throw new IllegalArgumentException("flag " + f + " defined twice");
    }
    return new Settings(List.copyOf(definitions), Flags.parse(args, flags, Set.of(), false), Map.copyOf(env));
  }

  /** The command line as parsed: for the other flags {@link #parse(String[], Map, List, Set)} declared. */
  public Flags flags() {
    return fromFlags;
  }

  /** The raw value and where it came from, or null when neither flag nor variable gave one. */
  private Value value(Setting s) {
    check(s);
    if (s.flag() != null && fromFlags.has(s.flag())) return new Value(fromFlags.string(s.flag(), null), true);
    String v = s.env() == null ? null : env.get(s.env());
    return v == null || v.isBlank() ? null : new Value(v, false);
  }

  private record Value(String text, boolean fromFlag) {}

  private void check(Setting s) {
    if (!definitions.contains(s)) throw new IllegalArgumentException("setting " + s + " was not declared");
  }

  /** A one-flag view of {@code v} so that {@link Flags}' getters check it; its errors name the source. */
  private static <T> T typed(Setting s, Value v, java.util.function.BiFunction<Flags, String, T> get) {
    String name = s.flag() != null ? s.flag() : "--" + s.env().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    Flags one = Flags.parse(new String[] {name, v.text()}, Set.of(name), Set.of(), false);
    try {
      return get.apply(one, name);
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      String prefix = "option " + name;
      throw new IllegalArgumentException(message.startsWith(prefix)
          ? s.source(v.fromFlag()) + message.substring(prefix.length()) : message, e);
    }
  }

  public String string(Setting s, String fallback) {
    Value v = value(s);
    return v == null ? fallback : v.text();
  }

  public Path path(Setting s, Path fallback) {
    Value v = value(s);
    return v == null ? fallback : typed(s, v, (f, n) -> f.path(n, null));
  }

  public int integer(Setting s, int fallback, int min, int max) {
    Value v = value(s);
    return v == null ? fallback : typed(s, v, (f, n) -> f.integer(n, 0, min, max));
  }

  /** A duration given in seconds (decimals allowed: {@code 2.5}) between {@code min} and {@code max}. */
  public Duration seconds(Setting s, Duration fallback, Duration min, Duration max) {
    Value v = value(s);
    if (v == null) return fallback;
    double d = typed(s, v, (f, n) -> f.decimal(n, 0, min.toMillis() / 1000.0, max.toMillis() / 1000.0));
    return Duration.ofMillis(Math.round(d * 1000));
  }

  /** A switch written {@code on} or {@code off} (any case). */
  public boolean onOff(Setting s, boolean fallback) {
    Value v = value(s);
    if (v == null) return fallback;
    return switch (v.text().strip().toLowerCase(java.util.Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException(s.source(v.fromFlag()) + " needs on or off, got '" + v.text() + "'");
    };
  }

  /** {@code 10 s}, {@code 2.5 s}: how a duration default is written in the table. */
  public static String seconds(Duration d) {
    long ms = d.toMillis();
    return (ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0)) + " s";
  }

  /** The Markdown table of {@code definitions}: flag, environment variable, default, what it does. */
  public static String markdownTable(List<Setting> definitions) {
    List<String> lines = new ArrayList<>();
    lines.add("| flag | environment | default | |");
    lines.add("| --- | --- | --- | --- |");
    for (Setting s : definitions) {
      lines.add("| " + (s.flag() == null ? "(none)" : "`" + s.flag() + "`") + " | `" + s.env() + "` | "
          + s.defaultText() + " | " + s.description() + " |");
    }
    return String.join("\n", lines) + "\n";
  }
}

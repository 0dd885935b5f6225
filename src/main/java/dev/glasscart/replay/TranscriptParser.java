package dev.glasscart.replay;

import dev.glasscart.server.Protocol;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads transcript files (format in docs/replay.md) and rejects anything malformed with a
 * {@link TranscriptException} naming the file, the turn and the problem. Unknown keys are errors so
 * that a misspelt expectation never passes silently. Blocks on file I/O; stateless and thread-safe.
 */
public final class TranscriptParser {
  private static final Set<String> TOP_KEYS = Set.of("name", "description", "turns");
  private static final Set<String> TURN_KEYS = Set.of("user", "expect", "comment");

  private TranscriptParser() {}

  /** Expands arguments: a file is taken as is, a directory gives its {@code *.json} files in name order. */
  public static List<Path> expand(List<Path> arguments) {
    List<Path> files = new ArrayList<>();
    for (Path p : arguments) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          List<Path> json = s.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f)).sorted().toList();
          if (json.isEmpty()) throw new TranscriptException(p, "directory holds no *.json transcripts");
          files.addAll(json);
        } catch (IOException e) {
          throw new TranscriptException(p, "cannot list directory: " + e.getMessage(), e);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new TranscriptException(p, "no such file or directory");
      }
    }
    return files;
  }

  /** Reads and validates one transcript file. */
  public static Transcript read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TranscriptException(file, "cannot read: " + e, e);
    }
    return parse(file, text);
  }

  /** Validates {@code json} as the content of {@code file}. */
  public static Transcript parse(Path file, String json) {
    JsonObject root;
    try {
      root = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw new TranscriptException(file, "not a JSON object: " + firstLine(e.getMessage()), e);
    }
    unknownKeys(file, "transcript", root, TOP_KEYS);
    Object name = root.getValue("name");
    if (name != null && (!(name instanceof String s) || s.isBlank())) {
      throw new TranscriptException(file, "'name' must be a non-blank string, got " + describe(name));
    }
    String fallback = file.getFileName().toString().replaceFirst("\\.json$", "");
    if (!(root.getValue("turns") instanceof JsonArray turns) || turns.isEmpty()) {
      throw new TranscriptException(file, "'turns' must be a non-empty array, got " + describe(root.getValue("turns")));
    }
    List<Transcript.Turn> out = new ArrayList<>();
    for (int i = 0; i < turns.size(); i++) out.add(turn(file, i + 1, turns.getValue(i)));
    return new Transcript(name == null ? fallback : (String) name, file, out);
  }

  private static Transcript.Turn turn(Path file, int n, Object value) {
    String where = "turn " + n;
    if (!(value instanceof JsonObject t)) throw new TranscriptException(file, where + " must be an object, got " + describe(value));
    unknownKeys(file, where, t, TURN_KEYS);
    if (!(t.getValue("user") instanceof String user) || user.isBlank()) {
      throw new TranscriptException(file, where + ": 'user' must be a non-blank string, got " + describe(t.getValue("user")));
    }
    if (user.length() > Protocol.MAX_TEXT_CHARS) {
      throw new TranscriptException(file, where + ": 'user' has " + user.length() + " characters, must be at most " + Protocol.MAX_TEXT_CHARS);
    }
    Object expect = t.getValue("expect");
    if (expect != null && !(expect instanceof JsonObject)) {
      throw new TranscriptException(file, where + ": 'expect' must be an object, got " + describe(expect));
    }
    try {
      return new Transcript.Turn(user, expect == null ? List.of() : ExpectationParser.parse((JsonObject) expect));
    } catch (IllegalArgumentException e) {
      throw new TranscriptException(file, where + ": " + e.getMessage(), e);
    }
  }

  private static void unknownKeys(Path file, String where, JsonObject o, Set<String> allowed) {
    for (String k : o.fieldNames()) {
      if (!allowed.contains(k)) throw new TranscriptException(file, where + ": unknown key '" + k + "', allowed: " + allowed.stream().sorted().toList());
    }
  }

  static String describe(Object v) {
    if (v == null) return "nothing";
    String s = v instanceof String str ? "\"" + str + "\"" : v.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  private static String firstLine(String s) {
    if (s == null) return "unreadable";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}

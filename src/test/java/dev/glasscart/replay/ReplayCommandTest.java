package dev.glasscart.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors end with exit code 2 and a message saying what is wrong, before anything is replayed. */
final class ReplayCommandTest {
  private static final String URL = "ws://localhost:1/ws/chat";

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ReplayCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void usageError(String expected, String... args) {
    Run r = run(args);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals("", r.out(), "nothing is replayed");
  }

  @Test
  void should_refuse_bad_flags_with_exit_code_2() {
    usageError("--url is required", "qa/transcripts");
    usageError("no transcript files or directories given", "--url", URL);
    usageError("unknown option --junti", "--url", URL, "qa/transcripts", "--junti", "x.xml");
    usageError("--junit needs a value", "--url", URL, "qa/transcripts", "--junit");
    usageError("illegal --url http://localhost:8080/ws/chat, must look like ws://HOST:PORT/ws/chat", "--url", "http://localhost:8080/ws/chat", "qa/transcripts");
    usageError("option --timeout needs an integer between 1 and 3600, got '0'", "--url", URL, "--timeout", "0", "qa/transcripts");
    usageError("usage: glasscart replay", "--url", URL);
  }

  @Test
  void should_name_the_invalid_transcript_file_with_exit_code_2(@TempDir Path dir) throws IOException {
    Path good = Files.writeString(dir.resolve("a.json"), "{\"turns\":[{\"user\":\"boots\"}]}");
    Path bad = Files.writeString(dir.resolve("b.json"), "{\"turns\":[{\"user\":\"boots\",\"expect\":{\"minResult\":1}}]}");
    usageError(bad + ": turn 1: unknown expectation 'minResult'", "--url", URL, dir.toString());
    usageError(dir.resolve("missing.json") + ": no such file or directory", "--url", URL, good.toString(), dir.resolve("missing.json").toString());
  }
}

package dev.glasscart.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes verdicts as JUnit XML (the Ant/Surefire dialect CI servers read): a {@code testsuites}
 * root, one {@code testsuite} per transcript (in first-seen order) and one {@code testcase} per
 * turn, with a {@code failure} element holding the reasons. Times are seconds. Characters XML 1.0
 * cannot carry are replaced by {@code ?}. Blocks on file I/O; stateless and thread-safe.
 */
public final class JunitReport {
  private JunitReport() {}

  /** Writes {@code verdicts} to {@code file}, creating parent directories. */
  public static void write(Path file, List<TurnVerdict> verdicts) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out, verdicts);
    }
  }

  /** Writes {@code verdicts} to {@code out} as UTF-8; does not close it. */
  public static void write(OutputStream out, List<TurnVerdict> verdicts) throws IOException {
    Map<String, List<TurnVerdict>> suites = new LinkedHashMap<>();
    for (TurnVerdict v : verdicts) suites.computeIfAbsent(v.transcript(), k -> new java.util.ArrayList<>()).add(v);
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "glasscart replay");
      x.writeAttribute("tests", Integer.toString(verdicts.size()));
      x.writeAttribute("failures", Long.toString(verdicts.stream().filter(v -> !v.passed()).count()));
      x.writeAttribute("time", seconds(verdicts.stream().mapToLong(TurnVerdict::millis).sum()));
      for (Map.Entry<String, List<TurnVerdict>> suite : suites.entrySet()) {
        List<TurnVerdict> cases = suite.getValue();
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean(suite.getKey()));
        x.writeAttribute("tests", Integer.toString(cases.size()));
        x.writeAttribute("failures", Long.toString(cases.stream().filter(v -> !v.passed()).count()));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", "0");
        x.writeAttribute("time", seconds(cases.stream().mapToLong(TurnVerdict::millis).sum()));
        for (TurnVerdict v : cases) {
          x.writeCharacters("\n    ");
          x.writeStartElement("testcase");
          x.writeAttribute("classname", clean("replay." + suite.getKey()));
          x.writeAttribute("name", clean("turn " + v.turn() + ": " + v.user()));
          x.writeAttribute("time", seconds(v.millis()));
          if (!v.passed()) {
            x.writeStartElement("failure");
            x.writeAttribute("message", clean(v.failures().getFirst()));
            x.writeAttribute("type", "ExpectationFailed");
            x.writeCharacters(clean(String.join("\n", v.failures())));
            x.writeEndElement();
          }
          x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
      }
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML for " + verdicts.size() + " verdicts: " + e.getMessage(), e);
    }
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  /** Replaces characters that XML 1.0 forbids (most control characters, lone surrogates). */
  static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
          || (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)));
      if (Character.isHighSurrogate(c) && ok) {
        b.append(c).append(s.charAt(++i));
      } else {
        b.append(ok ? c : '?');
      }
    }
    return b.toString();
  }
}

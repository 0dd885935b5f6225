package dev.glasscart.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 CSV reader: comma separated, fields optionally enclosed in double quotes,
 * {@code ""} for a quote inside a quoted field, line breaks (LF or CRLF) allowed inside quoted
 * fields. Each record remembers the 1-based line it starts on; a malformed record (stray quote,
 * unterminated quoted field) comes back as an error record and reading resumes on the next line.
 * Not thread-safe; one instance reads one text.
 */
final class CsvReader {

  /** One record: its fields, or the reason it is malformed. */
  record Row(int line, List<String> fields, String error) {}

  private final String text;
  private int pos;
  private int line = 1;

  CsvReader(String text) {
    this.text = text;
  }

  /** The next record, or null at the end of the text. Blank lines are skipped. */
  Row next() {
    while (pos < text.length() && atLineBreak()) consumeLineBreak();
    if (pos >= text.length()) return null;
    int startLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    while (true) {
      if (pos < text.length() && text.charAt(pos) == '"') {
        String error = readQuoted(field, startLine);
        if (error != null) return new Row(startLine, List.of(), error);
      } else {
        while (pos < text.length() && text.charAt(pos) != ',' && !atLineBreak()) {
          char c = text.charAt(pos++);
          if (c == '"') {
            skipRestOfLine();
            return new Row(startLine, List.of(), "malformed CSV row: stray quote inside an unquoted field");
          }
          field.append(c);
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (pos >= text.length()) return new Row(startLine, fields, null);
      if (atLineBreak()) {
        consumeLineBreak();
        return new Row(startLine, fields, null);
      }
      pos++; // the comma
    }
  }

  /** Reads a quoted field starting at the opening quote; returns an error message or null. */
  private String readQuoted(StringBuilder field, int startLine) {
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
          field.append('"');
          pos += 2;
          continue;
        }
        pos++;
        if (pos < text.length() && text.charAt(pos) != ',' && !atLineBreak()) {
          skipRestOfLine();
          return "malformed CSV row: unexpected character after a closing quote";
        }
        return null;
      }
      if (c == '\n') line++;
      field.append(c);
      pos++;
    }
    return "malformed CSV row: quoted field opened on line " + startLine + " is never closed";
  }

  private boolean atLineBreak() {
    char c = text.charAt(pos);
    return c == '\n' || c == '\r';
  }

  private void consumeLineBreak() {
    if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') pos++;
    pos++;
    line++;
  }

  private void skipRestOfLine() {
    while (pos < text.length() && !atLineBreak()) pos++;
    if (pos < text.length()) consumeLineBreak();
  }
}

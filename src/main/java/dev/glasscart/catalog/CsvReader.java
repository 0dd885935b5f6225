package dev.glasscart.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 CSV reader: comma separated (or by another delimiter, a tab for TSV), fields
 * optionally enclosed in double quotes,
 * {@code ""} for a quote inside a quoted field, line breaks (LF or CRLF) allowed inside quoted
 * fields. Each record remembers the 1-based line it starts on; a malformed record (stray quote,
 * unterminated quoted field) comes back as an error record and reading resumes on the next line.
 * A quote that runs over line ends and then never closes, closes badly, or leaves a record of the
 * wrong number of fields ({@link #expect}) was almost surely meant to close on its own line: the
 * error names the line it opened on and reading resumes on the line after that one, so the rows
 * it would have swallowed are read as rows. Not thread-safe; one instance reads one text.
 */
final class CsvReader {

  /** One record: its fields, or the reason it is malformed. */
  record Row(int line, List<String> fields, String error) {}

  private final String text;
  private final char delimiter;
  private int pos;
  private int line = 1;
  private int expectedFields = -1;
  /** In the record being read: the line its first line-spanning quoted field opened on, or -1, and where the line after it starts. */
  private int spanLine = -1;
  private int spanResume;

  CsvReader(String text) {
    this(text, ',');
  }

  /** A reader whose fields are separated by {@code delimiter} (a tab for tab-separated feeds). */
  CsvReader(String text, char delimiter) {
    this.text = text;
    this.delimiter = delimiter;
  }

  /** From now on a record that spans lines inside quotes must have {@code fields} fields (the header's). */
  void expect(int fields) {
    this.expectedFields = fields;
  }

  /** The next record, or null at the end of the text. Blank lines are skipped. */
  Row next() {
    while (pos < text.length() && atLineBreak()) consumeLineBreak();
    if (pos >= text.length()) return null;
    int startLine = line;
    spanLine = -1;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    while (true) {
      if (pos < text.length() && text.charAt(pos) == '"') {
        Row error = readQuoted(field, startLine);
        if (error != null) return error;
      } else {
        while (pos < text.length() && text.charAt(pos) != delimiter && !atLineBreak()) {
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
      boolean end = pos >= text.length() || atLineBreak();
      if (end) {
        if (pos < text.length()) consumeLineBreak();
        if (spanLine >= 0 && expectedFields >= 0 && fields.size() != expectedFields) {
          return resumeAfter(spanLine, spanResume, "malformed CSV row: quoted field opened on line " + spanLine
              + " runs over " + (line - spanLine) + " more line(s) and leaves " + fields.size() + " fields instead of "
              + expectedFields + "; is its closing quote missing?");
        }
        return new Row(startLine, fields, null);
      }
      pos++; // the delimiter
    }
  }

  /**
   * Reads a quoted field starting at the opening quote; returns an error record or null. A field
   * that runs over a line end and then fails is reported at the line it opened on, and reading
   * resumes on the next line.
   */
  private Row readQuoted(StringBuilder field, int startLine) {
    int openLine = line;
    int resume = -1;
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
        if (pos < text.length() && text.charAt(pos) != delimiter && !atLineBreak()) {
          if (resume >= 0) {
            return resumeAfter(openLine, resume, "malformed CSV row: quoted field opened on line " + openLine
                + " closes on line " + line + " before an unexpected character; is its closing quote missing?");
          }
          skipRestOfLine();
          return new Row(startLine, List.of(), "malformed CSV row: unexpected character after a closing quote");
        }
        return null;
      }
      if (c == '\n') {
        if (resume < 0) {
          resume = pos + 1;
          if (spanLine < 0) {
            spanLine = openLine;
            spanResume = resume;
          }
        }
        line++;
      }
      field.append(c);
      pos++;
    }
    String error = "malformed CSV row: quoted field opened on line " + openLine + " is never closed";
    return resume < 0 ? new Row(openLine, List.of(), error) : resumeAfter(openLine, resume, error);
  }

  /** An error record at {@code errorLine}; reading goes on at {@code resumePos}, the start of the next line. */
  private Row resumeAfter(int errorLine, int resumePos, String error) {
    pos = resumePos;
    line = errorLine + 1;
    return new Row(errorLine, List.of(), error);
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

package dev.glasscart.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code time} (ISO-8601 UTC), {@code level}, {@code logger},
 * {@code thread}, {@code message}, the members of a {@code Map} passed as the record's parameter
 * (e.g. {@link TurnLog}'s {@code turnId}), and {@code error} {@code {type, message, stack}} when a
 * throwable is attached. Every logger of the process goes through it, libraries included.
 */
public final class JsonLogFormatter extends Formatter {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String format(LogRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", Instant.ofEpochMilli(r.getMillis()).toString());
    m.put("level", r.getLevel().getName());
    m.put("logger", r.getLoggerName());
    m.put("thread", r.getLongThreadID());
    Object[] params = r.getParameters();
    Map<?, ?> fields = params != null && params.length == 1 && params[0] instanceof Map<?, ?> f ? f : null;
    // a Map parameter carries fields, not text to substitute into the message
    m.put("message", fields != null ? r.getMessage() : formatMessage(r));
    if (fields != null) {
      for (Map.Entry<?, ?> e : fields.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (!m.containsKey(key)) m.put(key, e.getValue());
      }
    }
    Throwable t = r.getThrown();
    if (t != null) {
      StringWriter stack = new StringWriter();
      t.printStackTrace(new PrintWriter(stack));
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("type", t.getClass().getName());
      error.put("message", t.getMessage());
      error.put("stack", stack.toString());
      m.put("error", error);
    }
    try {
      return JSON.writeValueAsString(m) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      // a field that cannot be written: the record still goes out, with the fields as text
      m.replaceAll((k, v) -> v == null || v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
      try {
        return JSON.writeValueAsString(m) + System.lineSeparator();
      } catch (JsonProcessingException again) {
        return "{\"level\":\"SEVERE\",\"message\":\"unwritable log record\"}" + System.lineSeparator();
      }
    }
  }
}

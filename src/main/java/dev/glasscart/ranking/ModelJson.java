package dev.glasscart.ranking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@link RankerModel} JSON files. Blocking file I/O; thread-safe. */
final class ModelJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelJson() {}

  static RankerModel read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ModelFileException(file, "file not found", e);
    } catch (IOException e) {
      throw new ModelFileException(file, "cannot read file (" + e + ")", e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ModelFileException(file, "not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr()), e);
    }
    if (root == null || !root.isObject()) throw new ModelFileException(file, "top level must be a JSON object");
    try {
      return new RankerModel(
          text(root, "type"), strings(root, "features"), numbers(root, "weights"), numbers(root, "scales"),
          number(root, "bias"), note(root.get("trainedOn")));
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(file, e.getMessage(), e);
    }
  }

  static void write(RankerModel model, Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", model.type());
    model.features().forEach(root.putArray("features")::add);
    model.weights().forEach(root.putArray("weights")::add);
    model.scales().forEach(root.putArray("scales")::add);
    root.put("bias", model.bias());
    TrainingNote n = model.trainedOn();
    ObjectNode note = root.putObject("trainedOn");
    note.put("dataset", n.dataset()).put("date", n.date()).put("method", n.method()).put("folds", n.folds());
    putNumber(note, "cvNdcgAt10", n.cvNdcgAt10());
    putNumber(note, "baselineNdcgAt10", n.baselineNdcgAt10());
    note.put("queries", n.queries());
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Files.writeString(file, JSON.writeValueAsString(root) + "\n");
  }

  private static void putNumber(ObjectNode node, String field, double v) {
    if (Double.isNaN(v)) node.putNull(field);
    else node.put(field, v);
  }

  private static TrainingNote note(JsonNode n) {
    if (n == null || n.isNull()) return TrainingNote.untrained();
    if (!n.isObject()) throw new IllegalArgumentException("'trainedOn' must be an object");
    return new TrainingNote(n.path("dataset").asText(""), n.path("date").asText(""), n.path("method").asText(""),
        n.path("folds").asInt(0), optional(n, "cvNdcgAt10"), optional(n, "baselineNdcgAt10"), n.path("queries").asInt(0));
  }

  private static double optional(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
  }

  private static String text(JsonNode root, String field) {
    JsonNode v = root.get(field);
    if (v == null || !v.isTextual()) throw new IllegalArgumentException("missing text field '" + field + "'");
    return v.asText();
  }

  private static double number(JsonNode root, String field) {
    JsonNode v = root.get(field);
    if (v == null || !v.isNumber()) throw new IllegalArgumentException("missing number field '" + field + "'");
    return v.asDouble();
  }

  private static ArrayNode array(JsonNode root, String field) {
    JsonNode v = root.get(field);
    if (v == null || !v.isArray()) throw new IllegalArgumentException("missing array field '" + field + "'");
    return (ArrayNode) v;
  }

  private static List<String> strings(JsonNode root, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : array(root, field)) {
      if (!e.isTextual()) throw new IllegalArgumentException("'" + field + "' must hold strings, found " + e);
      out.add(e.asText());
    }
    return out;
  }

  private static List<Double> numbers(JsonNode root, String field) {
    List<Double> out = new ArrayList<>();
    for (JsonNode e : array(root, field)) {
      if (!e.isNumber()) throw new IllegalArgumentException("'" + field + "' must hold numbers, found " + e);
      out.add(e.asDouble());
    }
    return out;
  }
}

package dev.glasscart.retrieval.dense;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * BERT WordPiece tokenizer driven by a Hugging Face {@code tokenizer.json} (model type WordPiece).
 *
 * <p>Does what {@code BertNormalizer} + {@code BertPreTokenizer} + {@code WordPiece} do: clean control
 * characters, space out CJK ideographs, lower-case and strip accents (when the file asks for it),
 * split on whitespace and punctuation, then greedy longest-match-first word pieces with the
 * {@code ##} continuation prefix; a word that cannot be covered becomes {@code [UNK]}. {@link
 * #encode} wraps the pieces in {@code [CLS]} ... {@code [SEP]}.
 *
 * <p>Immutable and thread-safe; does not block.
 */
public final class WordPieceTokenizer {
  private final Map<String, Integer> vocab;
  private final boolean lowercase;
  private final boolean stripAccents;
  private final String prefix;
  private final int maxCharsPerWord;
  private final int unkId;
  private final int clsId;
  private final int sepId;
  private final int padId;

  private WordPieceTokenizer(JsonNode root, Boolean lowercaseOverride) {
    JsonNode model = root.path("model");
    if (!"WordPiece".equals(model.path("type").asText())) {
      throw new IllegalArgumentException(
          "unsupported tokenizer model type: " + model.path("type").asText() + ", must be WordPiece");
    }
    Map<String, Integer> v = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      v.put(e.getKey(), e.getValue().asInt());
    }
    this.vocab = Map.copyOf(v);
    JsonNode norm = root.path("normalizer");
    this.lowercase = lowercaseOverride != null ? lowercaseOverride : norm.path("lowercase").asBoolean(true);
    JsonNode strip = norm.path("strip_accents");
    this.stripAccents = strip.isMissingNode() || strip.isNull() ? lowercase : strip.asBoolean();
    this.prefix = model.path("continuing_subword_prefix").asText("##");
    this.maxCharsPerWord = model.path("max_input_chars_per_word").asInt(100);
    this.unkId = id(model.path("unk_token").asText("[UNK]"));
    this.clsId = id("[CLS]");
    this.sepId = id("[SEP]");
    this.padId = vocab.getOrDefault("[PAD]", 0);
  }

  /** Reads a {@code tokenizer.json}; the stream is not closed. */
  public static WordPieceTokenizer fromJson(InputStream json) {
    return fromJson(json, null);
  }

  /**
   * As {@link #fromJson(InputStream)}, lower-casing as {@code lowercase} says (null: as the file
   * says), for a file that omits the lower-casing its model was trained with.
   */
  public static WordPieceTokenizer fromJson(InputStream json, Boolean lowercase) {
    try {
      return new WordPieceTokenizer(new ObjectMapper().readTree(json), lowercase);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tokenizer.json", e);
    }
  }

  private int id(String token) {
    Integer id = vocab.get(token);
    if (id == null) throw new IllegalArgumentException("tokenizer vocab lacks special token " + token);
    return id;
  }

  /** Ids of {@code [CLS]} pieces... {@code [SEP]}, truncated so the whole fits {@code maxLength}. */
  public long[] encode(String text, int maxLength) {
    if (maxLength < 2) throw new IllegalArgumentException("illegal maxLength " + maxLength + ", must be >= 2");
    List<Integer> pieces = pieceIds(text);
    int n = Math.min(pieces.size(), maxLength - 2);
    long[] ids = new long[n + 2];
    ids[0] = clsId;
    for (int i = 0; i < n; i++) ids[i + 1] = pieces.get(i);
    ids[n + 1] = sepId;
    return ids;
  }

  /** Word-piece ids of {@code text}, without special tokens. */
  public List<Integer> pieceIds(String text) {
    List<Integer> out = new ArrayList<>();
    for (String word : basicTokens(text)) wordPieces(word, out);
    return out;
  }

  /** The vocabulary id of a token, or -1. */
  public int vocabId(String token) {
    return vocab.getOrDefault(token, -1);
  }

  public int padId() {
    return padId;
  }

  /** BERT basic tokenization: clean, CJK spacing, lower-case, strip accents, split punctuation. */
  List<String> basicTokens(String text) {
    StringBuilder cleaned = new StringBuilder(text.length() + 8);
    text.codePoints().forEach(cp -> {
      if (cp == 0 || cp == 0xFFFD || isControl(cp)) return;
      if (isWhitespace(cp)) cleaned.append(' ');
      else if (isCjk(cp)) cleaned.append(' ').appendCodePoint(cp).append(' ');
      else cleaned.appendCodePoint(cp);
    });
    String s = cleaned.toString();
    if (lowercase) s = s.toLowerCase(java.util.Locale.ROOT);
    if (stripAccents) {
      s = Normalizer.normalize(s, Normalizer.Form.NFD);
      StringBuilder b = new StringBuilder(s.length());
      s.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK).forEach(b::appendCodePoint);
      s = b.toString();
    }
    List<String> tokens = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    s.codePoints().forEach(cp -> {
      if (cp == ' ') {
        flush(cur, tokens);
      } else if (isPunctuation(cp)) {
        flush(cur, tokens);
        tokens.add(new String(Character.toChars(cp)));
      } else {
        cur.appendCodePoint(cp);
      }
    });
    flush(cur, tokens);
    return tokens;
  }

  private static void flush(StringBuilder cur, List<String> tokens) {
    if (!cur.isEmpty()) tokens.add(cur.toString());
    cur.setLength(0);
  }

  private void wordPieces(String word, List<Integer> out) {
    if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
      out.add(unkId);
      return;
    }
    int mark = out.size();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      Integer found = null;
      while (start < end) {
        String sub = start > 0 ? prefix + word.substring(start, end) : word.substring(start, end);
        found = vocab.get(sub);
        if (found != null) break;
        end = word.offsetByCodePoints(end, -1);
      }
      if (found == null) {
        out.subList(mark, out.size()).clear();
        out.add(unkId);
        return;
      }
      out.add(found);
      start = end;
    }
  }

  private static boolean isWhitespace(int cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || Character.getType(cp) == Character.SPACE_SEPARATOR;
  }

  private static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') return false;
    int t = Character.getType(cp);
    return t == Character.CONTROL || t == Character.FORMAT || t == Character.PRIVATE_USE || t == Character.UNASSIGNED;
  }

  private static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  private static boolean isCjk(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}

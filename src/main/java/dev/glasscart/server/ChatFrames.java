package dev.glasscart.server;

import dev.glasscart.query.Constraint;
import dev.glasscart.server.Protocol.ErrorCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * The wire side of one chat socket: reassembles fragmented frames, refuses binary and oversized
 * messages without buffering them, parses the JSON and checks each field, and hands on a
 * {@link ChatRequest} or the error event that explains why there is none. Nothing here knows
 * about conversations or turns.
 *
 * <p>Event-loop confined, like the socket it reads for.
 */
final class ChatFrames {
  /** Where the read frames go. */
  interface Listener {
    /** A well-formed request. */
    void request(ChatRequest request);

    /** A frame that is refused: {@code error} is the event telling the client why; the socket stays. */
    void refused(JsonObject error);

    /** A single frame above the wire limit: the socket is closed with 1009 and {@code reason}. */
    void tooBig(String reason);
  }

  /** Longest feedback reason kept, in characters; more is cut. */
  static final int MAX_REASON_CHARS = 500;

  private final int wireLimit;
  private final Listener listener;
  private Buffer partial = Buffer.buffer();
  private boolean partialTooLarge;
  private boolean partialBinary;

  /** {@code wireLimit}: the largest single frame before the socket is closed (1009). */
  ChatFrames(int wireLimit, Listener listener) {
    this.wireLimit = wireLimit;
    this.listener = listener;
  }

  void frame(WebSocketFrame frame) {
    if (!frame.isText() && !frame.isBinary() && !frame.isContinuation()) return; // ping, pong, close
    if (frame.binaryData().length() > wireLimit) {
      listener.tooBig("frames are limited to " + wireLimit + " bytes");
      return;
    }
    if (!frame.isContinuation()) {
      partialBinary = frame.isBinary();
    }
    if (partialBinary) {
      if (frame.isFinal()) {
        partialBinary = false;
        listener.refused(Protocol.error(ErrorCode.BINARY_NOT_SUPPORTED, "send JSON text frames"));
      }
      return;
    }
    if (!partialTooLarge) {
      if (partial.length() + frame.binaryData().length() > Protocol.MAX_FRAME_BYTES) {
        partialTooLarge = true;
        partial = Buffer.buffer(); // drop what we held: nothing more of this message is kept
      } else {
        partial.appendBuffer(frame.binaryData());
      }
    }
    if (!frame.isFinal()) return;
    if (partialTooLarge) {
      partialTooLarge = false;
      listener.refused(Protocol.error(ErrorCode.FRAME_TOO_LARGE, "messages are limited to " + Protocol.MAX_FRAME_BYTES + " bytes"));
      return;
    }
    String text = partial.toString(StandardCharsets.UTF_8);
    partial = Buffer.buffer();
    try {
      listener.request(parse(text));
    } catch (Refused r) {
      listener.refused(r.error);
    }
  }

  /** A frame that is not a valid request; {@link #error} says why. */
  static final class Refused extends Exception {
    final JsonObject error;

    Refused(JsonObject error) {
      super(error.getString("message"), null, false, false);
      this.error = error;
    }

    Refused(ErrorCode code, String message) {
      this(Protocol.error(code, message));
    }
  }

  /** Reads one complete text message. */
  static ChatRequest parse(String text) throws Refused {
    JsonObject msg;
    try {
      if (!(Json.decodeValue(text) instanceof JsonObject o)) throw new Refused(ErrorCode.BAD_JSON, "a frame must be one JSON object");
      msg = o;
    } catch (DecodeException e) {
      throw new Refused(ErrorCode.BAD_JSON, "the frame is not valid JSON");
    }
    Object type = msg.getValue("type");
    return switch (type instanceof String s ? s : "") {
      case "message" -> message(msg);
      case "cancel" -> new ChatRequest.Cancel();
      case "remove_constraint" -> removeConstraint(msg);
      case "feedback" -> feedback(msg);
      default -> throw new Refused(ErrorCode.UNKNOWN_TYPE,
          "unknown message type " + (type == null ? "(missing)" : "'" + type + "'")
              + "; expected message, cancel, remove_constraint or feedback");
    };
  }

  private static ChatRequest message(JsonObject msg) throws Refused {
    if (!(msg.getValue("text") instanceof String text) || text.isBlank()) {
      throw new Refused(ErrorCode.EMPTY_TEXT, "'text' must be a non-empty string");
    }
    if (text.length() > Protocol.MAX_TEXT_CHARS) {
      throw new Refused(ErrorCode.TEXT_TOO_LONG, "'text' has " + text.length() + " characters; the limit is " + Protocol.MAX_TEXT_CHARS);
    }
    noControlCharacters("text", text);
    Object cid = msg.getValue("conversationId");
    if (cid != null && !(cid instanceof String)) {
      throw new Refused(ErrorCode.UNKNOWN_CONVERSATION, "'conversationId' must be a string");
    }
    return new ChatRequest.Message(text, target(msg));
  }

  private static ChatRequest removeConstraint(JsonObject msg) throws Refused {
    Constraint c = Protocol.parseConstraint(msg.getValue("constraint"));
    if (c == null) throw new Refused(ErrorCode.BAD_CONSTRAINT, "'constraint' must be {kind, field, value} as shown in understanding");
    noControlCharacters("constraint.field", c.field());
    noControlCharacters("constraint.value", c.value());
    return new ChatRequest.RemoveConstraint(c, target(msg));
  }

  /**
   * A feedback frame, read as it is: its fields are checked by {@link #checkFeedback} once its
   * conversation is known (a frame before any conversation is {@code no_conversation} first).
   */
  private static ChatRequest feedback(JsonObject msg) {
    Integer turn = msg.getValue("turn") instanceof Number n ? n.intValue() : null;
    Boolean helpful = msg.getValue("helpful") instanceof Boolean h ? h : null;
    String productId = msg.getValue("productId") instanceof String p ? p : null;
    String reason = msg.getValue("reason") instanceof String r ? r.substring(0, Math.min(r.length(), MAX_REASON_CHARS)) : null;
    return new ChatRequest.Feedback(turn, productId, helpful, reason, target(msg));
  }

  /** Checks a feedback frame against its conversation, whose last turn is {@code lastTurn}. */
  static void checkFeedback(ChatRequest.Feedback f, int lastTurn) throws Refused {
    if (f.turn() == null || f.turn() < 1 || f.turn() > lastTurn || f.helpful() == null) {
      throw new Refused(ErrorCode.BAD_FEEDBACK, "feedback needs 'turn' (a turn of this conversation) and 'helpful' (true or false)");
    }
    if (f.reason() != null) noControlCharacters("reason", f.reason());
  }

  /** The conversation a frame names, if it names one as a string (else this socket's). */
  private static ChatRequest.Target target(JsonObject msg) {
    return new ChatRequest.Target(msg.getValue("conversationId") instanceof String id ? id : null,
        msg.getValue("resumeToken") instanceof String t ? t : null);
  }

  /** Refuses shopper text holding a control character (see {@link Protocol#controlCharacter}). */
  private static void noControlCharacters(String field, String text) throws Refused {
    int at = Protocol.controlCharacter(text);
    if (at >= 0) throw new Refused(Protocol.controlCharacterError(field, text, at));
  }
}

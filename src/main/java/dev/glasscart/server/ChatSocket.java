package dev.glasscart.server;

import dev.glasscart.server.LiveConversations.NotYourConversationException;
import dev.glasscart.server.LiveConversations.UnknownConversationException;
import dev.glasscart.server.Protocol.ErrorCode;
import dev.glasscart.server.StorageRetry.StorageUnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One shopper connection on {@code /ws/chat}: {@link ChatFrames} reads the frames, this class
 * binds the socket to its conversation and runs one {@link Turn} at a time; events go out through
 * an {@link Outbox} so a slow reader never blocks anyone.
 *
 * <p>Threads: everything here runs on the socket's event-loop context; a turn's retrieval and
 * ranking run on the shared {@code retrieval} worker pool and the explainer on its own threads
 * (see {@link Turn}).
 */
final class ChatSocket implements ChatFrames.Listener {
  private static final Logger LOG = Logger.getLogger(ChatSocket.class.getName());

  /** What the socket is doing; a new message or removal is refused ({@code busy}) unless {@link Idle}. */
  private sealed interface State {}

  private record Idle() implements State {}

  /**
   * The frame's conversation is being opened for a turn; a cancel meanwhile makes that turn start
   * cancelled. {@code arrivedNanos}: when the frame came, the turn's clock.
   */
  private record Opening(boolean cancelRequested, long arrivedNanos) implements State {}

  private record Running(Turn turn) implements State {}

  /** A conversation and the number of its last turn started, as read on its owner. */
  private record AtTurn(LiveConversation conversation, int lastTurn) {}

  private final ServerWebSocket ws;
  private final Context context;
  private final LiveConversations conversations;
  private final TurnSteps steps;
  private final FeedbackDesk feedback;
  private final Outbox out;
  private final ChatFrames frames;
  private State state = new Idle();
  /**
   * The conversation this socket is bound to; never changes once set, except that a conversation
   * deleted meanwhile (its shopper deleted their data) lets the socket go: the next message starts
   * a new one.
   */
  private LiveConversation session;

  ChatSocket(ServerWebSocket ws, Context context, LiveConversations conversations, TurnSteps steps, FeedbackDesk feedback) {
    this.ws = ws;
    this.context = context;
    this.conversations = conversations;
    this.steps = steps;
    this.feedback = feedback;
    this.out = new Outbox(ws, steps.metrics()::slowReaderDisconnected);
    this.frames = new ChatFrames(GlasscartServer.MAX_WIRE_FRAME_BYTES, this);
    ws.frameHandler(frames::frame);
    ws.closeHandler(v -> onClose());
    ws.exceptionHandler(e -> LOG.log(Level.FINE, "websocket error", e));
  }

  // ---- frames ----

  @Override
  public void request(ChatRequest request) {
    switch (request) {
      case ChatRequest.Message m -> onMessage(m);
      case ChatRequest.Cancel c -> onCancel();
      case ChatRequest.RemoveConstraint r -> onRemoveConstraint(r);
      case ChatRequest.Feedback f -> onFeedback(f);
      case ChatRequest.Opened o -> onOpened(o);
    }
  }

  @Override
  public void refused(JsonObject error) {
    out.send(error);
  }

  @Override
  public void tooBig(String reason) {
    ws.close((short) 1009, reason);
  }

  private void onMessage(ChatRequest.Message m) {
    if (refusedAsBusy()) return;
    state = new Opening(false, System.nanoTime());
    conversationOf(m.target(), m.shopper())
        .onSuccess(s -> startTurn(s, new TurnSteps.Input.Ask(m.text())))
        .onFailure(e -> {
          state = new Idle();
          openFailed(e);
        });
  }

  private void onRemoveConstraint(ChatRequest.RemoveConstraint r) {
    if (refusedAsBusy()) return;
    state = new Opening(false, System.nanoTime());
    conversationFor(r.target(), "nothing to rerun yet: send a message first")
        .compose(c -> c.lastTurn().map(last -> last == 0 ? null : c)).onComplete(ar -> {
      if (ar.failed() || ar.result() == null) {
        state = new Idle();
        if (ar.succeeded()) out.send(Protocol.error(ErrorCode.NO_CONVERSATION, "nothing to rerun yet: send a message first"));
        return;
      }
      startTurn(ar.result(), new TurnSteps.Input.Remove(r.constraint()));
    });
  }

  private void onCancel() {
    switch (state) {
      case Running running -> running.turn().cancel();
      case Opening opening -> state = new Opening(true, opening.arrivedNanos()); // the turn starts cancelled
      case Idle idle -> out.send(Protocol.error(ErrorCode.NOTHING_TO_CANCEL, "no turn is streaming"));
    }
  }

  private void onFeedback(ChatRequest.Feedback f) {
    conversationFor(f.target(), "feedback needs a conversation: send a message first")
        .compose(c -> c.lastTurn().map(last -> new AtTurn(c, last))).onSuccess(at -> {
      LiveConversation s = at.conversation();
      try {
        ChatFrames.checkFeedback(f, at.lastTurn());
      } catch (ChatFrames.Refused r) {
        out.send(r.error);
        return;
      }
      feedback.record(s, f.turn(), f.productId(), f.helpful(), f.reason())
          .onSuccess(v -> out.send(Protocol.event("feedback_saved").put("turn", f.turn())))
          .onFailure(e -> {
            if (e instanceof LiveConversations.ErasedException) {
              out.send(Protocol.error(ErrorCode.DELETED, e.getMessage()));
              return;
            }
            LOG.warning("feedback was not saved: " + e.getMessage());
            out.send(Protocol.error(ErrorCode.NOT_SAVED, "the feedback could not be saved; try again in a few seconds"));
          });
    });
  }

  /** "Why this?" opened on a shown product: the shopper's profile learns it; nothing is answered. */
  private void onOpened(ChatRequest.Opened o) {
    if (session == null) {
      out.send(Protocol.error(ErrorCode.NO_CONVERSATION, "nothing is shown yet: send a message first"));
      return;
    }
    feedback.opened(session, o.productId())
        .onFailure(e -> {
          if (!(e instanceof LiveConversations.ErasedException)) LOG.warning("the shopper profile was not saved: " + e.getMessage());
        });
  }

  /** Tells the client a turn is still running, if one is; true when the frame is refused. */
  private boolean refusedAsBusy() {
    if (state instanceof Idle) return false;
    out.send(Protocol.error(ErrorCode.BUSY, "a turn is still in progress; send cancel first"));
    return true;
  }

  // ---- the conversation ----

  /** Tells the client why a named conversation could not be opened. */
  private void openFailed(Throwable e) {
    if (e instanceof UnknownConversationException) {
      out.send(Protocol.error(ErrorCode.UNKNOWN_CONVERSATION, e.getMessage()));
    } else if (e instanceof NotYourConversationException) {
      out.send(Protocol.error(ErrorCode.NOT_YOUR_CONVERSATION, e.getMessage()));
    } else if (e instanceof StorageUnavailableException) {
      LOG.warning("cannot open a conversation: " + e.getMessage());
      out.send(Protocol.error(ErrorCode.UNAVAILABLE, "the conversation store is unavailable right now; try again in a few seconds"));
    } else {
      String incident = Protocol.incident();
      LOG.log(Level.WARNING, "cannot open conversation (" + incident + ")", e);
      out.send(Protocol.error(ErrorCode.INTERNAL, "could not open the conversation; please try again (reference " + incident + ")"));
    }
  }

  /**
   * The conversation this socket is bound to. An unbound socket binds to a new conversation
   * (no {@code conversationId}) or to the one it resumes, which needs that conversation's
   * {@code resumeToken}; a bound socket never changes conversation: naming another one fails
   * with NotYourConversationException.
   */
  private Future<LiveConversation> conversationOf(ChatRequest.Target target, ChatRequest.Shopper shopper) {
    String conversationId = target.conversationId();
    if (session != null && session.erased() && !(state instanceof Running)) session = null;
    if (session != null) {
      if (conversationId == null || conversationId.equals(session.id())) return Future.succeededFuture(session);
      return Future.failedFuture(new NotYourConversationException(
          "this connection belongs to another conversation; resume that one on a new connection"));
    }
    Future<LiveConversation> opened = conversationId == null
        ? conversations.start(shopper).map(started -> {
          bind(started.conversation());
          JsonObject event = Protocol.event("conversation").put("conversationId", started.conversation().id()).put("resumed", false)
              .put("resumeToken", started.resumeToken());
          if (started.shopperToken() != null) event.put("shopperToken", started.shopperToken());
          out.send(event);
          return started.conversation();
        })
        : conversations.resume(conversationId, target.resumeToken()).map(s -> {
          bind(s);
          out.send(Protocol.event("conversation").put("conversationId", s.id()).put("resumed", true));
          return s;
        });
    return opened.compose(s -> s == session ? Future.succeededFuture(s)
        : Future.failedFuture(new NotYourConversationException("this connection belongs to another conversation")));
  }

  /** Binds the socket to {@code s} unless another frame bound it first. */
  private void bind(LiveConversation s) {
    if (session == null) session = s;
  }

  /**
   * The conversation a {@code feedback} or {@code remove_constraint} frame is about: this socket's.
   * A {@code conversationId} naming another one is refused ({@code not_your_conversation}); on a
   * socket with no conversation yet, a {@code conversationId} with its {@code resumeToken} resumes
   * it (so a client can act on an earlier turn right after a reconnect). Fails, after telling the
   * client, when there is none.
   */
  private Future<LiveConversation> conversationFor(ChatRequest.Target target, String noneMessage) {
    if (target.conversationId() != null) {
      return conversationOf(target, null).onFailure(this::openFailed);
    }
    if (session == null) {
      out.send(Protocol.error(ErrorCode.NO_CONVERSATION, noneMessage));
      return Future.failedFuture(noneMessage);
    }
    return Future.succeededFuture(session);
  }

  // ---- a turn ----

  private void startTurn(LiveConversation c, TurnSteps.Input input) {
    Opening opening = state instanceof Opening o ? o : null;
    boolean cancelled = opening != null && opening.cancelRequested();
    // timed from the frame's arrival: opening a new conversation (its shopper and its row stored)
    // is part of what the shopper waits for before the results
    long arrived = opening != null ? opening.arrivedNanos() : System.nanoTime();
    Turn turn = new Turn(steps, context, out, c, cancelled, arrived);
    state = new Running(turn);
    turn.run(input).onComplete(ar -> {
      if (state instanceof Running r && r.turn() == turn) state = new Idle();
    });
  }

  private void onClose() {
    out.markClosed();
    if (state instanceof Running r) r.turn().socketClosed();
  }
}

package dev.glasscart.server;

import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.ConversationService;
import dev.glasscart.conversation.ConversationSession;
import dev.glasscart.conversation.PreparedTurn;
import dev.glasscart.conversation.TurnRecord;
import dev.glasscart.explanation.Evidence;
import dev.glasscart.explanation.Explainer;
import dev.glasscart.explanation.TokenSink;
import dev.glasscart.observability.ChatMetrics;
import dev.glasscart.profile.LiveProfile;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** {@link TurnSteps} over the conversation service (on the retrieval workers), the explainer and the turn store. */
final class ChatTurns implements TurnSteps {
  private final WorkerExecutor workers;
  private final ConversationService conversations;
  private final Explainer explainer;
  private final ConversationRepository history;
  private final StorageRetry storage;
  private final ChatMetrics metrics;
  private final LiveConversations live;

  ChatTurns(WorkerExecutor workers, ConversationService conversations, Explainer explainer,
      ConversationRepository history, StorageRetry storage, ChatMetrics metrics, LiveConversations live) {
    this.live = live;
    this.metrics = metrics;
    this.workers = workers;
    this.conversations = conversations;
    this.explainer = explainer;
    this.history = history;
    this.storage = storage;
  }

  /**
   * On the conversation's owner context: catches up with turns another server stored since this
   * one last held the conversation ({@link LiveConversations#catchUp}), numbers the turn and drafts it; on a worker:
   * prepares the draft and renders what the shopper is shown ({@link Rendered}); back on the owner: commits it, or gives the number back when it failed.
   * The next turn of the conversation starts only then.
   */
  @Override
  public Future<Rendered> prepare(LiveConversation conversation, Input input) {
    return conversation.serially(session -> live.catchUp(session, session.lastTurn()).compose(caughtUp -> {
      int turn = session.nextTurn();
      ConversationSession.Draft draft = session.draft(turn);
      return workers.executeBlocking(() -> Rendered.of(switch (input) {
        case Input.Ask ask -> conversations.prepare(draft, ask.text());
        case Input.Remove remove -> conversations.rerunWithout(draft, remove.constraint());
      }, conversations.currency()), false).transform(ar -> {
        if (ar.succeeded()) {
          session.commit(draft);
          return Future.succeededFuture(ar.result());
        }
        session.abandonTurn(turn);
        return Future.failedFuture(new TurnFailed(turn, ar.cause()));
      });
    }));
  }

  @Override
  public Explainer.Generation explain(Evidence evidence, TokenSink sink) {
    return explainer.explain(evidence, sink);
  }

  /**
   * Retried; a retry after an attempt that timed out but did commit counts as saved. The shopper's
   * profile, when the turn changed it, is stored in the turn's own commit (one WAL flush, not two).
   */
  @Override
  public Future<Void> save(LiveConversation conversation, TurnRecord record) {
    if (conversation.erased()) return Future.failedFuture(new LiveConversations.ErasedException());
    LiveProfile profile = conversation.profile();
    Optional<LiveProfile.Pending> pending = profile.unsaved();
    ConversationRepository.ProfileWrite write = pending
        .map(p -> new ConversationRepository.ProfileWrite(profile.shopperId(), new JsonObject(p.profile().toMap()).encode()))
        .orElse(null);
    return storage.retrying("saving turn " + record.turn(), () -> history.saveTurn(record, write))
        .onSuccess(v -> pending.ifPresent(p -> profile.saved(p.version())))
        .recover(e -> e instanceof ConversationRepository.TurnTakenException
            // another server answered this turn first: continue from what is stored, then report it
            ? conversation.serially(session -> live.catchUp(session, Math.min(session.lastTurn(), record.turn() - 1)))
                .transform(ar -> Future.failedFuture(e))
            : Future.failedFuture(e));
  }

  @Override
  public String explainerName() {
    return explainer.name();
  }

  @Override
  public ChatMetrics metrics() {
    return metrics;
  }
}

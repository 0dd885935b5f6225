package dev.glasscart.profile;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The one in-memory profile of a shopper, shared by their open conversations: a snapshot plus a
 * change counter, so the server stores it only when it changed. Once {@link #erase}d (the
 * shopper deleted their data) it stays empty and is never stored again. Thread-safe without
 * locks (one atomic reference to an immutable state), so event loops may call it.
 */
public final class LiveProfile {
  private record State(ShopperProfile profile, long version, long savedVersion, boolean erased) {}

  private final String shopperId;
  private final AtomicReference<State> state;

  public LiveProfile(String shopperId, ShopperProfile stored) {
    this.shopperId = Objects.requireNonNull(shopperId, "shopperId");
    this.state = new AtomicReference<>(new State(stored == null ? ShopperProfile.EMPTY : stored, 0, 0, false));
  }

  /** A profile of nobody (no stored shopper): learns within the conversation, never stored. */
  public static LiveProfile anonymous() {
    return new LiveProfile("", ShopperProfile.EMPTY);
  }

  public String shopperId() {
    return shopperId;
  }

  /** Whether this profile belongs to a stored shopper. */
  public boolean stored() {
    return !shopperId.isEmpty();
  }

  public ShopperProfile snapshot() {
    return state.get().profile();
  }

  /** Applies {@code change} (a pure function; it may run more than once under contention). */
  public void update(UnaryOperator<ShopperProfile> change) {
    state.updateAndGet(s -> {
      if (s.erased()) return s;
      ShopperProfile next = Objects.requireNonNull(change.apply(s.profile()), "profile");
      return next.equals(s.profile()) ? s : new State(next, s.version() + 1, s.savedVersion(), false);
    });
  }

  /** Forgets every preference ("forget my preferences"); the empty profile is then stored. */
  public void clear() {
    update(p -> ShopperProfile.EMPTY);
  }

  /** The shopper's data was deleted: the profile is empty for good and is never stored again. */
  public void erase() {
    state.updateAndGet(s -> new State(ShopperProfile.EMPTY, s.version(), s.savedVersion(), true));
  }

  public boolean erased() {
    return state.get().erased();
  }

  /** A change not stored yet, with its version for {@link #saved}; empty when there is none. */
  public Optional<Pending> unsaved() {
    State s = state.get();
    if (s.erased() || !stored() || s.version() == s.savedVersion()) return Optional.empty();
    return Optional.of(new Pending(s.profile(), s.version()));
  }

  /** {@code version} is stored. */
  public void saved(long version) {
    state.updateAndGet(s -> version <= s.savedVersion() ? s
        : new State(s.profile(), s.version(), Math.max(s.savedVersion(), version), s.erased()));
  }

  /**
   * The profile as stored now, which another server may have changed since this one read it:
   * taken when this one has no change of its own to store (else the next save stores this one's).
   */
  public void reloaded(ShopperProfile stored) {
    Objects.requireNonNull(stored, "stored");
    state.updateAndGet(s -> s.erased() || s.version() != s.savedVersion() || stored.equals(s.profile()) ? s
        : new State(stored, s.version() + 1, s.version() + 1, false));
  }

  /** A snapshot to store and its version. */
  public record Pending(ShopperProfile profile, long version) {}
}

package dev.glasscart.profile;

import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The one in-memory profile of a shopper, shared by their open conversations: a snapshot plus a
 * change counter, so the server stores it only when it changed. Once {@link #erase}d (the
 * shopper deleted their data) it stays empty and is never stored again. Thread-safe.
 */
public final class LiveProfile {
  private final String shopperId;
  private ShopperProfile profile;
  private long version;
  private long savedVersion;
  private boolean erased;

  public LiveProfile(String shopperId, ShopperProfile stored) {
    this.shopperId = Objects.requireNonNull(shopperId, "shopperId");
    this.profile = stored == null ? ShopperProfile.EMPTY : stored;
  }

  /** A profile of nobody (no shopper token): learns within the conversation, never stored. */
  public static LiveProfile anonymous() {
    LiveProfile p = new LiveProfile("", ShopperProfile.EMPTY);
    return p;
  }

  public String shopperId() {
    return shopperId;
  }

  /** Whether this profile belongs to a stored shopper. */
  public boolean stored() {
    return !shopperId.isEmpty();
  }

  public synchronized ShopperProfile snapshot() {
    return profile;
  }

  public synchronized void update(UnaryOperator<ShopperProfile> change) {
    if (erased) return;
    ShopperProfile next = Objects.requireNonNull(change.apply(profile), "profile");
    if (next.equals(profile)) return;
    profile = next;
    version++;
  }

  /** Forgets every preference ("forget my preferences"); the empty profile is then stored. */
  public synchronized void clear() {
    if (erased || profile.isEmpty()) return;
    profile = ShopperProfile.EMPTY;
    version++;
  }

  /** The shopper's data was deleted: the profile is empty for good and is never stored again. */
  public synchronized void erase() {
    erased = true;
    profile = ShopperProfile.EMPTY;
  }

  public synchronized boolean erased() {
    return erased;
  }

  /** A change not stored yet, with its version for {@link #saved}; empty when there is none. */
  public synchronized Optional<Pending> unsaved() {
    if (erased || !stored() || version == savedVersion) return Optional.empty();
    return Optional.of(new Pending(profile, version));
  }

  /** {@code version} is stored. */
  public synchronized void saved(long savedVersion) {
    this.savedVersion = Math.max(this.savedVersion, savedVersion);
  }

  /** A snapshot to store and its version. */
  public record Pending(ShopperProfile profile, long version) {}
}

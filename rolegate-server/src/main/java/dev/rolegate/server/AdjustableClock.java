package dev.rolegate.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock of a test-mode server: real time plus an offset a test suite may set or advance
 * ({@code POST /_rolegate/clock}), so expiry can be tested without waiting. Everything that reads
 * time (credential expiry, the SigV4 window, TOTP, aws:CurrentTime) reads this clock.
 */
final class AdjustableClock extends Clock {
  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  AdjustableClock(Clock base) {
    this.base = base;
  }

  void advance(Duration by) {
    offset.updateAndGet(o -> o.plus(by));
  }

  void set(Instant now) {
    offset.set(Duration.between(base.instant(), now));
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}

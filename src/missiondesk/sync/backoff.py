"""Exponential backoff with jitter: how long to wait after the n-th failure in a row."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base: float = 5.0  # seconds after the first failure
    factor: float = 2.0
    cap: float = 900.0  # never wait longer than this
    jitter: float = 0.2  # +/- this share, so many laptops do not retry in step
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    def failed(self) -> float:
        """Note one more failure; the delay before the next try."""
        self.failures += 1
        return self.delay()

    def delay(self) -> float:
        if self.failures == 0:
            return 0.0
        plain = min(self.cap, self.base * self.factor ** (self.failures - 1))
        spread = plain * self.jitter
        return max(0.0, min(self.cap, plain + self.rng.uniform(-spread, spread)))

    def reset(self) -> None:
        self.failures = 0

"""A small deterministic encoder for index and store tests (the real model is tested too).

Each word gets a fixed pseudo-random direction (from its hash); a text's vector is the
normalised sum of its words' directions, so texts sharing words are near each other.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

_WORD = re.compile(r"\w+")


class HashingEncoder:
    """``encode(texts)`` -> float32 unit vectors, the same for the same text, always."""

    def __init__(self, dim: int = 48, model_id: str = "test-hashing@000000000000") -> None:
        self.dim = dim
        self.model_id = model_id
        self.calls = 0
        self._words: dict[str, np.ndarray] = {}

    def _word(self, word: str) -> np.ndarray:
        vec = self._words.get(word)
        if vec is None:
            seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
            vec = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            self._words[word] = vec
        return vec

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in _WORD.findall(text.lower()) or ["<empty>"]:
                out[i] += self._word(word)
            out[i] /= max(float(np.linalg.norm(out[i])), 1e-12)
        return out

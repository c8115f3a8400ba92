"""SQLite's running checksum of -wal frames, for many frames at once (numpy).

Each frame's checksum runs on from the one before it over the frame's first 8 bytes
and its page, two words at a time: s0 += a + s1, s1 += b + s0 (mod 2**32), which is
the step s ← M·s + (a, a + b) with M = [[1, 1], [1, 2]]. Over a frame of n pairs, then,
s ← Mⁿ·s + Σₖ Mⁿ⁻¹⁻ᵏ·vₖ: the sum is the frame's own and is worked out for all frames
together; only the step from one frame to the next is taken in turn. A -wal of
hundreds of megabytes is read in a second, not in half a minute.
"""

from __future__ import annotations

import functools
from typing import Any

_MASK = 0xFFFFFFFF


@functools.lru_cache(maxsize=4)
def _weights(pairs: int) -> tuple[Any, Any, tuple[int, int, int, int]]:
    """What each word adds to a frame's own sum, for a frame of ``pairs`` pairs of
    words (a, b): own0 = Σ a·A0 + b·B0 and own1 = Σ a·A1 + b·B1, the weights those of
    the power of M that carries the pair's step to the frame's end, applied to (a,
    a + b); and the frame's whole M^pairs. 64-bit: products wrap mod 2**64, which 2**32
    divides."""
    import numpy as np

    powers = np.empty((pairs + 1, 2, 2), dtype=np.uint64)
    step = np.array([[1, 1], [1, 2]], dtype=np.uint64)
    current: Any = np.eye(2, dtype=np.uint64)
    for j in range(pairs + 1):
        powers[j] = current
        current = (step @ current) & _MASK
    back = powers[pairs - 1::-1]  # (the k-th step is carried by M^(pairs-1-k))
    carry = powers[pairs]
    first = np.empty(2 * pairs, dtype=np.uint64)  # (a's weight, b's, pair by pair)
    first[0::2], first[1::2] = (back[:, 0, 0] + back[:, 0, 1]) & _MASK, back[:, 0, 1]
    second = np.empty(2 * pairs, dtype=np.uint64)
    second[0::2], second[1::2] = (back[:, 1, 0] + back[:, 1, 1]) & _MASK, back[:, 1, 1]
    return first, second, \
        (int(carry[0, 0]), int(carry[0, 1]), int(carry[1, 0]), int(carry[1, 1]))


def frame_sums(data: bytes, frames: int, size: int, order: str
               ) -> tuple[list[tuple[int, int]], tuple[int, int, int, int]]:
    """For ``frames`` whole frames of pages of ``size`` bytes at the start of ``data``:
    each frame's own part of its checksum, and the matrix (a, b, c, d) that carries the
    checksum before the frame into it: after = (a·s0 + b·s1 + own0, c·s0 + d·s1 + own1)."""
    import numpy as np

    width = 24 + size
    raw = np.frombuffer(data, dtype=np.uint8, count=frames * width).reshape(frames, width)
    summed = np.concatenate((raw[:, :8], raw[:, 24:]), axis=1)  # (the 8 bytes, the page)
    words = summed.view(np.dtype(f"{order}u4")).astype(np.uint64)
    first, second, carry = _weights((8 + size) // 8)
    own0, own1 = (words @ first) & _MASK, (words @ second) & _MASK
    return list(zip(own0.tolist(), own1.tolist(), strict=True)), carry


def carried(sums: tuple[int, int], own: tuple[int, int],
            carry: tuple[int, int, int, int]) -> tuple[int, int]:
    """The checksum after a frame, from the one before it (``frame_sums``)."""
    a, b, c, d = carry
    s0, s1 = sums
    return (a * s0 + b * s1 + own[0]) & _MASK, (c * s0 + d * s1 + own[1]) & _MASK

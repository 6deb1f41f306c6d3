"""Reading WAV files without trusting them: completeness checks and simple measurements.

pyttsx3 2.99 writes its WAV from espeak's own thread after ``runAndWait`` has already returned
(pyttsx3 issue #219), so "the file exists" does not mean "the file is done". A WAV is complete
when its RIFF size and its data chunk size both match the bytes on disk.
"""

from __future__ import annotations

import math
import os
import struct
import sys
import time
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WavInfo:
    """What a WAV holds: format, length in seconds and loudness (RMS, 0..1)."""

    sample_rate: int
    channels: int
    sample_width: int
    frames: int
    duration: float
    rms: float


def wav_is_complete(path: Path) -> bool:
    """Return True if ``path`` is a RIFF/WAVE file whose declared sizes match its length."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return False
    (riff_size,) = struct.unpack_from("<I", data, 4)
    if riff_size + 8 != len(data):
        return False
    offset = 12
    while offset + 8 <= len(data):
        chunk_id = data[offset : offset + 4]
        (size,) = struct.unpack_from("<I", data, offset + 4)
        body = offset + 8
        if chunk_id == b"data":
            # Some writers pad an odd-sized data chunk with one byte; accept both.
            return size > 0 and len(data) - body in (size, size + (size & 1))
        offset = body + size + (size & 1)
    return False


def wait_until_complete(path: Path, timeout: float, poll: float = 0.01) -> None:
    """Block until ``path`` is a complete WAV whose size has stopped changing.

    Raises TimeoutError if that does not happen within ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    last_size = -1
    while time.monotonic() < deadline:
        try:
            size = os.stat(path).st_size
        except OSError:
            size = -1
        # Two equal sizes in a row and valid headers: the writer has finished with it.
        if size > 0 and size == last_size and wav_is_complete(path):
            return
        last_size = size
        time.sleep(poll)
    raise TimeoutError(f"{path} was not a complete WAV after {timeout:.1f} s")


def read_wav_info(path: Path) -> WavInfo:
    """Measure a 16-bit PCM WAV: sample rate, duration and RMS loudness (1.0 = full scale)."""
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        channels = wav.getnchannels()
        width = wav.getsampwidth()
        frames = wav.getnframes()
        raw = wav.readframes(frames)
    rms = 0.0
    if width == 2 and raw:
        samples = array("h")
        samples.frombytes(raw[: len(raw) - len(raw) % 2])
        if sys.byteorder == "big":  # WAV is little-endian on disk
            samples.byteswap()
        rms = math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768.0
    return WavInfo(
        sample_rate=rate,
        channels=channels,
        sample_width=width,
        frames=frames,
        duration=frames / rate if rate else 0.0,
        rms=rms,
    )

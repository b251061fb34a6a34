"""Messages between the judge and a sandboxed notebook: length-prefixed JSON over a pipe.

Each message is a 4-byte length (big-endian) followed by that many bytes of UTF-8 JSON, an
object. The judge reads with a deadline and a size cap: a message announced bigger than the cap,
bytes that are not JSON, or JSON that is not an object end the conversation with a
`ChannelError`, never with a hang or a crash. The pipe is a dedicated one, not the notebook's
stdout, so a cell's prints never get in the way.
"""

from __future__ import annotations

import json
import os
import select
import struct
import time

HEADER = struct.Struct(">I")
LIMIT = 4 * 1024**2  # bytes in one message from a notebook: a network's spec is a few thousand


class ChannelError(Exception):
    """The other side closed the pipe, stalled, or sent something that is not a message."""


def send(fd: int, message: dict, deadline: float | None = None) -> None:
    """Write one message; with a deadline, give up (ChannelError) rather than block past it."""
    data = json.dumps(message).encode("utf-8")
    view = memoryview(HEADER.pack(len(data)) + data)
    while view:
        _wait(fd, select.POLLOUT, deadline)
        try:
            written = os.write(fd, view)
        except BlockingIOError:
            continue
        except OSError as error:  # EPIPE: the other side is gone
            raise ChannelError(f"the pipe closed ({error.strerror})") from None
        view = view[written:]


def receive(fd: int, limit: int, deadline: float | None = None, idle=None) -> dict:
    """Read one message of at most `limit` bytes before `deadline` (time.monotonic()).

    `idle()` is called about every quarter second while waiting (the judge's watchdog); it may
    raise to stop waiting.
    """
    (length,) = HEADER.unpack(_read(fd, HEADER.size, deadline, idle))
    if length > limit:
        raise ChannelError(f"a message of {length:,} bytes, more than the {limit:,} allowed")
    try:
        message = json.loads(_read(fd, length, deadline, idle).decode("utf-8"))
    except (ValueError, RecursionError) as error:
        raise ChannelError(f"a message that is not JSON ({str(error)[:80]})") from None
    if not isinstance(message, dict):
        raise ChannelError("a message that is not a JSON object")
    return message


def _read(fd: int, n: int, deadline, idle) -> bytes:
    chunks, missing = [], n
    while missing:
        _wait(fd, select.POLLIN, deadline, idle)
        try:
            chunk = os.read(fd, min(missing, 1 << 20))
        except BlockingIOError:
            continue
        if not chunk:
            raise ChannelError("the pipe closed")
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def _wait(fd: int, event: int, deadline, idle=None) -> None:
    """Block until `fd` is ready for `event`, calling `idle` now and then; raise TimeoutError
    at the deadline."""
    poller = select.poll()
    poller.register(fd, event)
    while True:
        wait = 0.25 if deadline is None else min(0.25, deadline - time.monotonic())
        if wait <= 0:
            raise TimeoutError
        if poller.poll(wait * 1000):
            return
        if idle is not None:
            idle()

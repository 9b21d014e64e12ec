"""TEST-ONLY fixture: TCP relays on 127.0.0.1 that add a fixed delay to everything a real
gateway sends back (this machine has no network emulator). All relays share one event loop in
one thread of the test, so that a hundred of them cost one thread, not a hundred."""

import asyncio
import threading
import time

_loop = None
_loop_lock = threading.Lock()


def _shared_loop():
    global _loop
    with _loop_lock:
        if _loop is None:
            _loop = asyncio.new_event_loop()
            threading.Thread(target=_loop.run_forever, daemon=True, name="delay-relays").start()
        return _loop


class DelayRelay:
    def __init__(self, upstream_port, delay_ms):
        self.upstream_port, self.delay = upstream_port, delay_ms / 1000.0
        self._loop = _shared_loop()
        self._tasks = set()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._serve, "127.0.0.1", 0), self._loop).result(5)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _serve(self, client_r, client_w):
        task = asyncio.current_task()
        self._tasks.add(task)
        try:
            up_r, up_w = await asyncio.open_connection("127.0.0.1", self.upstream_port)
            await asyncio.gather(self._delayed(up_r, client_w), self._straight(client_r, up_w))
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            client_w.close()
            self._tasks.discard(task)

    async def _delayed(self, reader, writer):
        queue = asyncio.Queue()

        async def receive():
            while data := await reader.read(65536):
                queue.put_nowait((time.monotonic() + self.delay, data))
            queue.put_nowait((time.monotonic() + self.delay, b""))

        async def deliver():
            while True:
                due, data = await queue.get()
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                if not data:
                    return
                writer.write(data)
                await writer.drain()

        await asyncio.gather(receive(), deliver())

    @staticmethod
    async def _straight(reader, writer):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
        writer.close()

    def close(self):
        async def shutdown():
            self._server.close()
            for t in list(self._tasks):
                t.cancel()

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(5)

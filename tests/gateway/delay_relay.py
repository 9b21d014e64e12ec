"""TEST-ONLY fixture: a TCP relay on 127.0.0.1 that adds a fixed delay to everything a real
gateway sends back (this machine has no network emulator). It runs in a thread of the test."""

import asyncio
import threading
import time


class DelayRelay:
    def __init__(self, upstream_port, delay_ms):
        self.upstream_port, self.delay = upstream_port, delay_ms / 1000.0
        self.port = None
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        if not self._ready.wait(5):
            raise RuntimeError("relay did not start")

    def _run(self):
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._server = server
        self._ready.set()
        self._loop.run_forever()

    async def _serve(self, client_r, client_w):
        try:
            up_r, up_w = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            client_w.close()
            return
        queue = asyncio.Queue()

        async def upstream_to_queue():
            while data := await up_r.read(65536):
                queue.put_nowait((time.monotonic() + self.delay, data))
            queue.put_nowait((time.monotonic() + self.delay, b""))

        async def queue_to_client():
            while True:
                due, data = await queue.get()
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                if not data:
                    client_w.close()
                    return
                client_w.write(data)
                await client_w.drain()

        async def client_to_upstream():
            while data := await client_r.read(65536):
                up_w.write(data)
                await up_w.drain()
            up_w.close()

        await asyncio.gather(upstream_to_queue(), queue_to_client(), client_to_upstream(), return_exceptions=True)

    def close(self):
        async def shutdown():
            self._server.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self._loop.stop()

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop)
        self._thread.join(5)

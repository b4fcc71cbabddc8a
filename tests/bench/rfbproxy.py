# SPDX-License-Identifier: GPL-3.0-or-later
"""A TCP proxy between one VNC client and its server that reads the RFB
protocol going both ways (RFC 6143 and the extensions TigerVNC, gtk-vnc and
QEMU use) and timestamps what matters to a benchmark: the client's
FramebufferUpdateRequests and the server's FramebufferUpdates, with the bytes
in each direction. Used by bench-console.py; the same counts for every
client, whatever it reports about itself.

Only the "None" security type is understood (the benchmark's server offers
nothing else); anything the parser does not know stops the parsing of that
direction (recorded in `errors`) but never the relaying.
"""
import socket
import struct
import threading
import time

# Encodings whose rectangles carry pixels; the rest are pseudo-encodings.
PIXEL_ENCODINGS = {0: "Raw", 1: "CopyRect", 2: "RRE", 5: "Hextile", 7: "Tight", 16: "ZRLE"}

ENCODING_NAMES = {**PIXEL_ENCODINGS, **{
    -223: "DesktopSize", -224: "LastRect", -239: "Cursor", -240: "XCursor",
    -257: "PointerChange", -258: "QEMUExtKey", -259: "QEMUAudio", -261: "LEDState",
    -307: "DesktopName", -308: "ExtendedDesktopSize", -309: "xvp", -312: "Fence", -313: "ContinuousUpdates",
    -314: "CursorWithAlpha", 0x574D5669: "WMVi", 0x574D5664: "VMwareCursor",
}}


def encoding_name(value):
    if -32 <= value <= -23:
        return f"JPEGQuality{value + 32}"
    if -256 <= value <= -247:
        return f"CompressLevel{value + 256}"
    return ENCODING_NAMES.get(value, str(value))


class ParseError(Exception):
    pass


def read(n):
    return ("read", n)


def skip(n):
    return ("skip", n)


class StreamParser:
    """Feeds a byte stream to a generator that yields read(n) (and is sent
    the n bytes) or skip(n) (the bytes are counted, not kept)."""

    def __init__(self, generator):
        self.gen = generator
        self.buf = bytearray()
        self.now = 0.0
        self.error = None
        self.want = next(self.gen)

    def feed(self, data, now):
        self.now = now
        if self.error is not None:
            return
        pos, size = 0, len(data)
        try:
            while True:
                kind, n = self.want
                if kind == "skip":
                    take = min(n, size - pos)
                    pos += take
                    if take < n:
                        self.want = ("skip", n - take)
                        return
                    self.want = self.gen.send(None)
                else:
                    take = min(n - len(self.buf), size - pos)
                    self.buf += data[pos:pos + take]
                    pos += take
                    if len(self.buf) < n:
                        return
                    chunk = bytes(self.buf)
                    self.buf.clear()
                    self.want = self.gen.send(chunk)
        except StopIteration:
            self.error = "stream ended"
        except (ParseError, struct.error, ValueError) as e:
            self.error = str(e)


class RfbProxy:
    """Listens on 127.0.0.1 (an ephemeral port) for one client and relays it
    to the server at @server_port."""

    def __init__(self, server_port):
        self.server_port = server_port
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(1)
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()

        self.connected_at = None
        self.minor = 8
        self.bpp = 32
        self.tpixel = 3
        self.encodings = []
        self.pixel_format = None
        self.requests = []          # (time, incremental)
        self.updates = []           # (start, end, rects, pixel rects, bytes)
        self.encodings_seen = {}    # encoding name -> rectangles
        self.bytes_up = 0
        self.bytes_down = 0
        self.errors = []
        self.first_full_request = None
        self.first_full_update_end = None
        self.first_frame = None     # the definition is in bench-console.py
        self.first_frame_event = threading.Event()
        self.closed = threading.Event()
        self._update_bytes = 0
        self._threads = []

    # The client's side.

    def _client_stream(self):
        version = yield read(12)
        if not version.startswith(b"RFB "):
            raise ParseError(f"not RFB: {version!r}")
        self.minor = int(version[8:11])
        if self.minor >= 7:
            chosen = (yield read(1))[0]
            if chosen != 1:
                raise ParseError(f"security type {chosen} (only None is understood)")
        yield read(1)  # ClientInit
        while True:
            kind = (yield read(1))[0]
            if kind == 0:    # SetPixelFormat
                body = yield read(19)
                self._set_pixel_format(body[3:19])
            elif kind == 2:  # SetEncodings
                n = struct.unpack(">xH", (yield read(3)))[0]
                body = yield read(4 * n)
                self.encodings = [encoding_name(v) for v in struct.unpack(f">{n}i", body)]
            elif kind == 3:  # FramebufferUpdateRequest
                incremental = (yield read(9))[0]
                self._request(bool(incremental))
            elif kind == 4:  # KeyEvent
                yield skip(7)
            elif kind == 5:  # PointerEvent
                yield skip(5)
            elif kind == 6:  # ClientCutText (negative: extended clipboard)
                length = struct.unpack(">3xi", (yield read(7)))[0]
                yield skip(abs(length))
            elif kind == 150:  # EnableContinuousUpdates
                yield skip(9)
            elif kind == 248:  # ClientFence
                length = struct.unpack(">3xIB", (yield read(8)))[1]
                yield skip(length)
            elif kind == 251:  # SetDesktopSize
                screens = struct.unpack(">xHHBx", (yield read(7)))[2]
                yield skip(16 * screens)
            elif kind == 255:  # QEMU client messages
                sub = (yield read(1))[0]
                if sub == 0:      # extended key event
                    yield skip(10)
                elif sub == 1:    # audio
                    op = struct.unpack(">H", (yield read(2)))[0]
                    if op == 2:
                        yield skip(6)
                else:
                    raise ParseError(f"QEMU client message {sub}")
            else:
                raise ParseError(f"client message {kind}")

    def _set_pixel_format(self, fmt):
        bpp, depth, _, true_colour, rmax, gmax, bmax = struct.unpack(">BBBBHHH", fmt[:10])
        self.bpp = bpp
        self.pixel_format = f"{bpp} bpp, depth {depth}{'' if true_colour else ', colour map'}"
        self.tpixel = 3 if (bpp == 32 and depth == 24 and true_colour
                            and rmax == gmax == bmax == 255) else bpp // 8

    def _request(self, incremental):
        now = self._client.now
        with self.lock:
            self.requests.append((now, incremental))
            if not incremental and self.first_full_request is None:
                self.first_full_request = now
            if (incremental and self.first_frame is None and self.first_full_update_end is not None
                    and now >= self.first_full_update_end):
                self.first_frame = now
                self.first_frame_event.set()

    # The server's side.

    def _server_stream(self):
        version = yield read(12)
        if not version.startswith(b"RFB "):
            raise ParseError(f"not RFB: {version!r}")
        minor = int(version[8:11])
        if minor >= 7:
            n = (yield read(1))[0]
            if n == 0:
                raise ParseError("the server refused the connection")
            yield read(n)
            if minor >= 8:
                yield read(4)  # SecurityResult
        else:
            kind = struct.unpack(">I", (yield read(4)))[0]
            if kind != 1:
                raise ParseError(f"security type {kind}")
        init = yield read(24)
        self._set_pixel_format(init[4:20])
        yield skip(struct.unpack(">I", init[20:24])[0])
        while True:
            kind = (yield read(1))[0]
            if kind == 0:
                yield from self._update()
            elif kind == 1:    # SetColourMapEntries
                n = struct.unpack(">xHH", (yield read(5)))[1]
                yield skip(6 * n)
            elif kind == 2:    # Bell
                pass
            elif kind == 3:    # ServerCutText
                length = struct.unpack(">3xi", (yield read(7)))[0]
                yield skip(abs(length))
            elif kind == 150:  # EndOfContinuousUpdates
                pass
            elif kind == 248:  # ServerFence
                length = struct.unpack(">3xIB", (yield read(8)))[1]
                yield skip(length)
            else:
                raise ParseError(f"server message {kind}")

    def _update(self):
        start = self._server.now
        self._update_bytes = 0
        n = struct.unpack(">xH", (yield read(3)))[0]
        rects = pixel_rects = 0
        i = 0
        while n == 0xFFFF or i < n:
            i += 1
            x, y, w, h, enc = struct.unpack(">HHHHi", (yield read(12)))
            if enc == -224:  # LastRect
                break
            rects += 1
            name = encoding_name(enc)
            self.encodings_seen[name] = self.encodings_seen.get(name, 0) + 1
            if enc in PIXEL_ENCODINGS:
                pixel_rects += 1
            yield from self._rect(x, y, w, h, enc)
        end = self._server.now
        with self.lock:
            self.updates.append((start, end, rects, pixel_rects))
            if (pixel_rects and self.first_full_update_end is None
                    and self.first_full_request is not None):
                self.first_full_update_end = end

    def _rect(self, x, y, w, h, enc):
        bpp = self.bpp // 8
        if enc == 0:
            yield skip(w * h * bpp)
        elif enc == 1:
            yield skip(4)
        elif enc == 2:
            n = struct.unpack(">I", (yield read(4)))[0]
            yield skip(bpp + n * (bpp + 8))
        elif enc == 5:
            yield from self._hextile(w, h, bpp)
        elif enc == 7:
            yield from self._tight(w, h)
        elif enc == 16:
            yield skip(struct.unpack(">I", (yield read(4)))[0])
        elif enc in (-223, -257, -258):
            pass
        elif enc == -308:
            screens = (yield read(4))[0]
            yield skip(16 * screens)
        elif enc == -307:
            yield skip(struct.unpack(">I", (yield read(4)))[0])
        elif enc == -239:
            yield skip(w * h * bpp + (w + 7) // 8 * h)
        elif enc == -240:
            if w * h:
                yield skip(6 + 2 * ((w + 7) // 8) * h)
        elif enc == -314:
            inner = struct.unpack(">i", (yield read(4)))[0]
            if inner != 0:
                raise ParseError(f"cursor with alpha in encoding {inner}")
            yield skip(w * h * 4)
        elif enc == -261:
            yield skip(1)
        elif enc == 0x574D5669:  # WMVi: the server's new pixel format
            self._set_pixel_format((yield read(16)))
        else:
            raise ParseError(f"encoding {encoding_name(enc)}")

    def _hextile(self, w, h, bpp):
        for ty in range(0, h, 16):
            for tx in range(0, w, 16):
                tw, th = min(16, w - tx), min(16, h - ty)
                flags = (yield read(1))[0]
                if flags & 1:
                    yield skip(tw * th * bpp)
                    continue
                size = (bpp if flags & 2 else 0) + (bpp if flags & 4 else 0)
                if size:
                    yield skip(size)
                if flags & 8:
                    count = (yield read(1))[0]
                    yield skip(count * ((bpp + 2) if flags & 16 else 2))

    def _compact_length(self):
        b = (yield read(1))[0]
        length = b & 0x7F
        if b & 0x80:
            b = (yield read(1))[0]
            length |= (b & 0x7F) << 7
            if b & 0x80:
                b = (yield read(1))[0]
                length |= b << 14
        return length

    def _tight(self, w, h):
        control = (yield read(1))[0] >> 4
        if control == 8:     # fill
            yield skip(self.tpixel)
            return
        if control == 9:     # JPEG
            yield skip((yield from self._compact_length()))
            return
        if control > 9:
            raise ParseError(f"Tight control {control}")
        size = w * h * self.tpixel
        if control & 4:      # an explicit filter
            kind = (yield read(1))[0]
            if kind == 1:    # palette
                colours = (yield read(1))[0] + 1
                yield skip(colours * self.tpixel)
                size = ((w + 7) // 8) * h if colours == 2 else w * h
            elif kind not in (0, 2):
                raise ParseError(f"Tight filter {kind}")
        if size < 12:
            yield skip(size)
        else:
            yield skip((yield from self._compact_length()))

    # Relaying.

    def _pump(self, src, dst, parser, up):
        try:
            while True:
                data = src.recv(262144)
                if not data:
                    break
                parser.feed(data, time.monotonic())
                if up:
                    self.bytes_up += len(data)
                else:
                    self.bytes_down += len(data)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            if parser.error and parser.error != "stream ended":
                self.errors.append(("client" if up else "server") + ": " + parser.error)
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            self.closed.set()

    def _accept(self):
        try:
            client, _ = self.listener.accept()
        except OSError:
            return
        self.connected_at = time.monotonic()
        server = socket.create_connection(("127.0.0.1", self.server_port))
        for s in (client, server):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._client = StreamParser(self._client_stream())
        self._server = StreamParser(self._server_stream())
        for args in ((client, server, self._client, True), (server, client, self._server, False)):
            t = threading.Thread(target=self._pump, args=args, daemon=True)
            t.start()
            self._threads.append(t)
        self._sockets = (client, server)

    def start(self):
        t = threading.Thread(target=self._accept, daemon=True)
        t.start()
        self._threads.append(t)

    def close(self):
        self.listener.close()
        for s in getattr(self, "_sockets", ()):
            try:
                s.close()
            except OSError:
                pass

    # Questions about a window of time.

    def frames_between(self, t1, t2):
        """FramebufferUpdates with pixels whose last byte came in [t1, t2)."""
        with self.lock:
            return sum(1 for u in self.updates if u[3] and t1 <= u[1] < t2)

    def requests_between(self, t1, t2, incremental=True):
        with self.lock:
            return sum(1 for r in self.requests if r[1] == incremental and t1 <= r[0] < t2)

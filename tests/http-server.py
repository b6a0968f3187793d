#!/usr/bin/env python3
"""A loopback HTTP(S) server for tests/t-fetch-http.sh.

usage: http-server.py DOC PORTFILE LOGFILE [CERT KEY]

Binds 127.0.0.1 on a free port, writes the port to PORTFILE, and serves
DOC (an Onionoo details document) in the way the first path component
asks for.  Every request is logged to LOGFILE as one line of tab-separated
fields: path, User-Agent, Accept-Encoding, If-Modified-Since.  With CERT and
KEY it speaks TLS.  It stops by itself after 60 seconds.
"""
import gzip
import http.server
import os
import ssl
import sys
import threading
import time
import urllib.parse

LAST_MODIFIED = "Fri, 04 Sep 2026 03:00:00 GMT"
LIFETIME = 60

doc_path, port_file, log_file = sys.argv[1:4]
with open(doc_path, "rb") as f:
    DOC = f.read()
counts = {}
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if not any(k.lower() == "content-length" for k, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        # Through a proxy the request line holds an absolute URI.
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        mode = path.strip("/").split("/")[0]
        ims = self.headers.get("If-Modified-Since", "")
        with lock:
            counts[mode] = counts.get(mode, 0) + 1
            n = counts[mode]
            with open(log_file, "a") as log:
                log.write("\t".join([
                    self.path,
                    self.headers.get("User-Agent", ""),
                    self.headers.get("Accept-Encoding", ""),
                    ims]) + "\n")
        lm = [("Last-Modified", LAST_MODIFIED)]
        if mode in ("ok", "proxied"):
            if ims == LAST_MODIFIED:
                self.send(304, b"", lm)
            else:
                self.send(200, DOC, lm + [("Content-Type",
                                           "application/json")])
        elif mode == "gzip":
            if "gzip" not in self.headers.get("Accept-Encoding", ""):
                self.send(406, b"gzip only\n")
                return
            self.send(200, gzip.compress(DOC, mtime=0),
                      [("Content-Encoding", "gzip")])
        elif mode == "e503":
            self.send(503, b"Service Unavailable\n\tbackend\r\n  down  " +
                      b"x" * 300)
        elif mode == "e404":
            self.send(404, b"")
        elif mode == "flaky":
            if n == 1:
                self.send(503, b"try again")
            else:
                self.send(200, DOC)
        elif mode == "cut":
            # Announces the whole document, sends half, closes.
            self.send_response(200)
            self.send_header("Content-Length", str(len(DOC)))
            self.end_headers()
            self.wfile.write(DOC[: len(DOC) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif mode == "cutjson":
            # A complete HTTP answer holding a cut-off document.
            self.send(200, DOC[: len(DOC) // 2])
        elif mode == "slow":
            self.send_response(200)
            self.send_header("Content-Length", str(len(DOC)))
            self.end_headers()
            self.wfile.write(DOC[:100])
            self.wfile.flush()
            time.sleep(5)
            self.close_connection = True
        elif mode == "tohttp":
            self.send(302, b"", [("Location",
                                  "http://127.0.0.1:%d/ok/details" %
                                  self.server.server_address[1])])
        else:
            self.send(404, b"no such mode\n")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


srv = Server(("127.0.0.1", 0), Handler)
if len(sys.argv) > 5:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[4], sys.argv[5])
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
threading.Timer(LIFETIME, lambda: os._exit(0)).start()
tmp = port_file + ".tmp"
with open(tmp, "w") as f:
    f.write("%d\n" % srv.server_address[1])
os.rename(tmp, port_file)
try:
    srv.serve_forever()
except KeyboardInterrupt:
    pass

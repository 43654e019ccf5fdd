#!/usr/bin/python3
"""TLS-terminating recording proxy, loopback only.

The PuppetDB terminus only talks https (its server_urls must be https) with the node's certificate. This proxy
listens with TLS on 127.0.0.1:PORT (server cert from pki), asks for (but does not need) a client certificate,
forwards every request unchanged to a plain-HTTP PuppetDB-compatible upstream (the reference PuppetDB or
inventory-service) and appends one JSON line per exchange to --record: method, path, query, request headers,
request body (base64 when not UTF-8 text, e.g. gzip), the client certificate's CN, response status, headers, body.

  recording-proxy.py --listen 127.0.0.1:28443 --upstream http://127.0.0.1:28080 \
      --cert DIR/server.pem --key DIR/server.key --ca DIR/ca.pem --record FILE.jsonl

Prints "proxy: listening https://127.0.0.1:PORT" once it accepts connections. SIGTERM/SIGINT stop it.
"""
import argparse
import base64
import http.client
import http.server
import json
import signal
import ssl
import sys
import threading
import time
import urllib.parse

HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}


def text_or_b64(data):
    try:
        return {"text": data.decode("utf-8")}
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(data).decode("ascii")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", default="127.0.0.1:28443")
    ap.add_argument("--upstream", required=True)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--ca")
    ap.add_argument("--plain", action="store_true", help="listen with plain HTTP (to record pypuppetdb)")
    ap.add_argument("--record", required=True)
    args = ap.parse_args()

    host, port = args.listen.rsplit(":", 1)
    if not host.startswith("127.") and host not in ("localhost", "::1"):
        sys.exit("proxy: loopback addresses only")
    up = urllib.parse.urlsplit(args.upstream)
    if up.scheme != "http" or not (up.hostname.startswith("127.") or up.hostname in ("localhost", "::1")):
        sys.exit("proxy: upstream must be plain http on loopback")
    lock = threading.Lock()
    record = open(args.record, "a", encoding="utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            pass

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path = self.path
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP and k.lower() != "host"}
            started = time.time()
            conn = http.client.HTTPConnection(up.hostname, up.port or 80, timeout=120)
            try:
                conn.request(self.command, (up.path.rstrip("/") + path), body=body if body else None,
                             headers=headers)
                resp = conn.getresponse()
                rbody = resp.read()
                rstatus, rreason = resp.status, resp.reason
                rheaders = [(k, v) for k, v in resp.getheaders() if k.lower() not in HOP and k.lower() != "content-length"]
            except Exception as e:  # upstream down: answer 502 so the terminus fails over or errors
                rbody = ("proxy: upstream error: %s" % e).encode()
                rstatus, rreason, rheaders = 502, "Bad Gateway", [("Content-Type", "text/plain")]
            finally:
                conn.close()
            self.send_response(rstatus, rreason)
            for k, v in rheaders:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(rbody)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(rbody)
            cn = None
            try:
                peer = self.connection.getpeercert() if hasattr(self.connection, "getpeercert") else None
                if peer:
                    for rdn in peer.get("subject", ()):
                        for k, v in rdn:
                            if k == "commonName":
                                cn = v
            except Exception:
                pass
            split = urllib.parse.urlsplit(path)
            entry = {
                "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(started)) + ".%03dZ" % int((started % 1) * 1000),
                "millis": int((time.time() - started) * 1000),
                "client_cn": cn,
                "method": self.command,
                "path": split.path,
                "query": split.query,
                "params": urllib.parse.parse_qsl(split.query, keep_blank_values=True),
                "headers": headers,
                "body": text_or_b64(body) if body else None,
                "status": rstatus,
                "response_headers": dict(rheaders),
                "response_body": text_or_b64(rbody),
            }
            with lock:
                record.write(json.dumps(entry, sort_keys=True) + "\n")
                record.flush()

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

    srv = Server((host, int(port)), Handler)
    scheme = "http"
    if not args.plain:
        if not (args.cert and args.key and args.ca):
            sys.exit("proxy: --cert, --key and --ca are needed unless --plain")
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        ctx.load_verify_locations(args.ca)
        ctx.verify_mode = ssl.CERT_OPTIONAL
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
        scheme = "https"

    def stop(*_):
        threading.Thread(target=srv.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("proxy: listening %s://%s:%s -> %s" % (scheme, host, port, args.upstream), flush=True)
    srv.serve_forever()
    record.close()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Wrong-password flood for bench/run.sh's login-flood scenario.

Sends POST /api/v1/auth/login with wrong passwords (for a real account and for invented usernames) from one
client address, over keep-alive connections, until the given number of seconds has passed, and prints one line:
FLOOD_RESULT requests=N seconds=S rps=R status_401=.. status_429=.. other=.. errors=..

    login-flood.py --host 127.0.0.1 --port 8089 --source 127.0.0.2 --seconds 15 --threads 4 --user admin
"""
import argparse
import collections
import http.client
import threading
import time
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8089)
    ap.add_argument("--source", default="127.0.0.2", help="local address to send from (loopback only)")
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--user", default="admin", help="a real account to guess at (half of the attempts)")
    args = ap.parse_args()
    if not (args.host.startswith("127.") and args.source.startswith("127.")):
        raise SystemExit("login-flood.py sends to and from loopback addresses only")

    counts = collections.Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds

    def worker(n):
        conn = None
        i = 0
        local = collections.Counter()
        while time.monotonic() < deadline:
            i += 1
            user = args.user if i % 2 == 0 else "flood-%d-%d" % (n, i)
            body = urllib.parse.urlencode({"username": user, "password": "wrong-%d" % i})
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(args.host, args.port, timeout=10,
                                                      source_address=(args.source, 0))
                conn.request("POST", "/api/v1/auth/login", body,
                             {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
                resp = conn.getresponse()
                resp.read()
                local[resp.status] += 1
                if resp.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                local["errors"] += 1
                if conn is not None:
                    conn.close()
                conn = None
                time.sleep(0.05)
        with lock:
            counts.update(local)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    secs = time.monotonic() - started
    total = sum(v for k, v in counts.items() if k != "errors")
    other = sum(v for k, v in counts.items() if k not in (401, 429, "errors"))
    print("FLOOD_RESULT requests=%d seconds=%.1f rps=%.1f status_401=%d status_429=%d other=%d errors=%d"
          % (total, secs, total / secs if secs else 0, counts[401], counts[429], other, counts["errors"]))


if __name__ == "__main__":
    main()

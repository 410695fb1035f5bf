#!/usr/bin/env python3
"""page-check.py - open an HTML page in headless Chromium and report, as
one JSON object on stdout, what a reader's browser did with it:

  requests     every URL the page asked for, other than itself and data:
  console      console messages, uncaught exceptions and log entries at
               level warning or error
  images       [complete, naturalWidth] of every <img>
  svgs         the number of <svg> elements
  scripts      the number of <script> elements
  handlers     attributes named on* anywhere in the DOM
  jsurls       href/src/action attributes that start with javascript:
  pwned        true if the page set window.__pwned (hostile test data
               tries to)
  tags         the sorted set of element names in the DOM

It talks to Chromium over the DevTools protocol on a pipe
(--remote-debugging-pipe: NUL-separated JSON on fds 3 and 4), so it needs
nothing beyond the Python standard library.  Usage:

  page-check.py [--chromium PATH] FILE.html
"""
import json
import os
import subprocess
import sys
import tempfile
import time


def main():
    args = sys.argv[1:]
    exe = "chromium"
    if len(args) >= 2 and args[0] == "--chromium":
        exe = args[1]
        args = args[2:]
    if len(args) != 1:
        sys.stderr.write("usage: page-check.py [--chromium PATH] FILE.html\n")
        return 2
    page = "file://" + os.path.abspath(args[0])
    # Chromium reads commands on fd 3 and writes answers on fd 4.
    cmd_r, cmd_w = os.pipe()
    ans_r, ans_w = os.pipe()
    prof = tempfile.mkdtemp(prefix="page-check-")

    def child_fds():
        # dup first: dup2 onto the same number would keep close-on-exec.
        a, b = os.dup(cmd_r), os.dup(ans_w)
        os.dup2(a, 3)
        os.dup2(b, 4)

    proc = subprocess.Popen(
        [exe, "--headless", "--no-sandbox", "--disable-gpu",
         "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions",
         "--user-data-dir=" + prof, "--remote-debugging-pipe",
         "about:blank"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, preexec_fn=child_fds, close_fds=False)
    os.close(cmd_r)
    os.close(ans_w)
    out = os.fdopen(cmd_w, "wb", buffering=0)
    inp = os.fdopen(ans_r, "rb", buffering=0)
    buf = b""
    events = []
    ident = [0]

    def read_msg(deadline):
        nonlocal buf
        while b"\0" not in buf:
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = inp.read(65536)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            buf += chunk
        msg, buf = buf.split(b"\0", 1)
        return json.loads(msg)

    def send(method, params=None, session=None, timeout=30):
        ident[0] += 1
        m = {"id": ident[0], "method": method, "params": params or {}}
        if session:
            m["sessionId"] = session
        out.write(json.dumps(m).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            r = read_msg(deadline)
            if r.get("id") == ident[0]:
                if "error" in r:
                    raise RuntimeError("%s: %s" % (method, r["error"]))
                return r.get("result", {})
            events.append(r)

    def wait_event(name, timeout=30):
        deadline = time.time() + timeout
        for e in events:
            if e.get("method") == name:
                return e
        while True:
            e = read_msg(deadline)
            events.append(e)
            if e.get("method") == name:
                return e

    try:
        tid = send("Target.createTarget", {"url": "about:blank"})["targetId"]
        sid = send("Target.attachToTarget",
                   {"targetId": tid, "flatten": True})["sessionId"]
        for dom in ("Network", "Runtime", "Log", "Page"):
            send(dom + ".enable", session=sid)
        send("Page.navigate", {"url": page}, session=sid)
        wait_event("Page.loadEventFired", timeout=60)
        # Let late console messages and requests arrive.
        time.sleep(0.5)
        probe = r"""JSON.stringify({
          images: Array.from(document.images).map(
            i => [i.complete, i.naturalWidth]),
          svgs: document.querySelectorAll('svg').length,
          scripts: document.scripts.length,
          handlers: Array.from(document.querySelectorAll('*')).flatMap(
            e => Array.from(e.attributes).filter(
              a => a.name.toLowerCase().startsWith('on')).map(
              a => e.tagName.toLowerCase() + ' ' + a.name)),
          jsurls: Array.from(document.querySelectorAll('*')).flatMap(
            e => ['href', 'src', 'action', 'xlink:href'].map(
              n => e.getAttribute(n)).filter(
              v => v && /^\s*javascript:/i.test(v))),
          pwned: window.__pwned !== undefined,
          tags: Array.from(new Set(Array.from(
            document.querySelectorAll('*')).map(
            e => e.tagName.toLowerCase()))).sort()
        })"""
        res = send("Runtime.evaluate",
                   {"expression": probe, "returnByValue": True}, session=sid)
        report = json.loads(res["result"]["value"])
        # Drain what is left without blocking for long.
        try:
            send("Runtime.evaluate", {"expression": "1"}, session=sid)
        except Exception:
            pass
        reqs, console = [], []
        for e in events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Network.requestWillBeSent":
                url = p["request"]["url"]
                if url != page and not url.startswith("data:"):
                    reqs.append(url)
            elif m == "Runtime.consoleAPICalled":
                console.append("console.%s: %s" % (p.get("type"), " ".join(
                    str(a.get("value", a.get("description", "")))
                    for a in p.get("args", []))))
            elif m == "Runtime.exceptionThrown":
                console.append("exception: %s" % p["exceptionDetails"].get(
                    "text", ""))
            elif m == "Log.entryAdded":
                ent = p["entry"]
                if ent.get("level") in ("error", "warning"):
                    console.append("log.%s: %s" % (ent["level"],
                                                   ent.get("text", "")))
        report["requests"] = reqs
        report["console"] = console
        print(json.dumps(report, sort_keys=True))
        try:
            send("Browser.close", timeout=5)
        except Exception:
            pass
        return 0
    finally:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        subprocess.run(["rm", "-rf", prof])


if __name__ == "__main__":
    sys.exit(main())

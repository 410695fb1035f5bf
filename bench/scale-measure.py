#!/usr/bin/python3
"""scale-measure.py - whole-process measurements for bench/scale.sh.

usage: scale-measure.py RUNS OUT [--setup CMD] -- COMMAND...

Runs COMMAND RUNS times (CMD, a shell command, before each run, not
timed), standard output to OUT, and prints one tab-separated line:
median wall s, median CPU s (user + sys), peak RSS MB (largest run),
median MB written (the kernel's block-output count, ru_oublock x 512).
A failed run prints "failed" and the command's last error line, exit 1.
"""
import os
import statistics
import subprocess
import sys
import time


def main():
    args = sys.argv[1:]
    runs, out = int(args[0]), args[1]
    args = args[2:]
    setup = None
    if args[0] == '--setup':
        setup, args = args[1], args[2:]
    assert args[0] == '--'
    cmd = args[1:]
    walls, cpus, writes, rss = [], [], [], 0
    for _ in range(runs):
        if setup:
            subprocess.run(setup, shell=True, check=True)
        with open(out, 'wb') as f, open(out + '.err', 'wb') as e:
            t0 = time.monotonic()
            p = subprocess.Popen(cmd, stdout=f, stderr=e)
            _, status, ru = os.wait4(p.pid, 0)
            t1 = time.monotonic()
        if status != 0:
            with open(out + '.err', errors='replace') as e:
                last = (e.read().strip().splitlines() or ['?'])[-1]
            print('failed\t%s' % last)
            sys.exit(1)
        walls.append(t1 - t0)
        cpus.append(ru.ru_utime + ru.ru_stime)
        writes.append(ru.ru_oublock * 512 / 1e6)
        rss = max(rss, ru.ru_maxrss / 1e3)
    print('%.3f\t%.3f\t%.0f\t%.1f' % (statistics.median(walls),
          statistics.median(cpus), rss, statistics.median(writes)))


if __name__ == '__main__':
    main()

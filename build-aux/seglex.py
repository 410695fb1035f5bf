#!/usr/bin/env python3
# seglex.py - compile the Chinese segmenter's lexicon into one binary blob
# (docs/TOKENIZER.md, "Chinese"), read by lib/seg.c straight from the
# binary's read-only data: nothing is parsed at run time.
#
# usage: seglex.py JIEBA_DIR data/terms-zh.txt OUT.bin
#
# Inputs: jieba's frequency dictionary (JIEBA_DIR/dict.txt: "word freq tag"
# lines) and its character HMM (JIEBA_DIR/finalseg/prob_{start,trans,emit}.py),
# from Debian's python3-jieba (MIT/Expat); plenum's official terms
# (data/terms-zh.txt: one term per line, # comments).
#
# Blob layout (native byte order, every section 16-byte aligned):
#   header   8-byte magic "PLSEG04\0", then u32 fields and f32 HMM tables
#            (see hdr below)
#   slots    nslots x {u32 parent, u32 code | kids << 16, f32 logp}: the
#            trie's nodes in a table keyed by (parent, character code).
#            Slot 0 is the root; slot c (1 .. ncodes) is the root's child
#            for code c, if code is c there; the other nodes are hashed
#            into the hash_n slots from hash_lo on, slot hash_lo +
#            (slot_hash(parent, code) & (hash_n - 1)), linear probing; an
#            empty slot has code 0.  A node's number is its slot.  kids is
#            1 when the node has children; logp is the word's log
#            probability, 0 for an official term (it wins over any split),
#            +1 where no word ends.  One probe finds a child almost
#            always (load factor below 2/3), in one cache line.
#   code     root_n x u16: the code (1 .. ncodes) of each code point
#            root_lo .. root_lo + root_n - 1, 0 for none; codes go to the
#            characters of words and of the HMM, the most frequent first
#            (so frequent transitions land close together)
#   extra    nextra x {u32 cp, u32 code}, sorted: codes of the lexicon's
#            characters outside that range (binary searched)
#   emit     (ncodes + 1) x 4 f32 HMM emission log probabilities (B M E S)
#            by code, -inf where jieba has none
#   pairs    PAIR_BITS bits (u64 words): bit slot_hash(c1, c2) &
#            (PAIR_BITS - 1) is set for every two-character prefix c1 c2
#            of a word, so the segmenter skips the probe of the slot table
#            (a cache miss) for the ~40% of character pairs of a text that
#            begin no word; ~8% of the others pass it falsely and probe.
import ast
import math
import struct
import sys

ROOT_LO, ROOT_HI = 0x3400, 0x9FFF
STATES = "BMES"
PAIR_BITS = 1 << 21


def slot_hash(parent, code):
    # lib/seg.c computes the same in 32-bit arithmetic.
    x = (parent * 0x9E3779B1 + code * 0x85EBCA77) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x2C1B3C6D) & 0xFFFFFFFF
    x ^= x >> 12
    return x


def is_han(c):
    o = ord(c)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or
            0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x323AF or o == 0x3007)


def load_py_dict(path):
    text = open(path, encoding="utf-8").read()
    text = text[text.index("P=") + 2:]
    return ast.literal_eval(text.strip())


def main():
    jdir, terms_path, out = sys.argv[1:4]
    freq = {}
    total = 0
    for lineno, line in enumerate(open(jdir + "/dict.txt", encoding="utf-8"), 1):
        parts = line.split()
        if len(parts) < 2:
            continue
        w, f = parts[0], int(parts[1])
        total += f
        if f <= 0 or not all(is_han(c) for c in w):
            continue
        freq[w] = freq.get(w, 0) + f
    logtotal = math.log(total)
    terms = []
    for lineno, line in enumerate(open(terms_path, encoding="utf-8"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not all(is_han(c) for c in line):
            sys.exit("%s:%d: term '%s' has a character that is not Han"
                     % (terms_path, lineno, line))
        terms.append(line)
    # The trie: dict of children per node, keyed by character.
    kids = [{}]
    logp = [1.0]

    def insert(w):
        n = 0
        for c in w:
            k = kids[n].get(c)
            if k is None:
                k = len(kids)
                kids.append({})
                logp.append(1.0)
                kids[n][c] = k
            n = k
        return n

    for w, f in freq.items():
        logp[insert(w)] = math.log(f) - logtotal
    for w in terms:
        logp[insert(w)] = 0.0
    start = load_py_dict(jdir + "/finalseg/prob_start.py")
    trans = load_py_dict(jdir + "/finalseg/prob_trans.py")
    emit = load_py_dict(jdir + "/finalseg/prob_emit.py")
    # Character codes, the most frequent (by the frequency of the words
    # they are in) first; then characters only the HMM knows.
    cfreq = {}
    for w, f in freq.items():
        for c in w:
            cfreq[c] = cfreq.get(c, 0) + f
    for w in terms:
        for c in w:
            cfreq.setdefault(c, 0)
    chars = sorted(cfreq, key=lambda c: (-cfreq[c], ord(c)))
    hmm_only = set()
    for st in STATES:
        for c in emit[st]:
            if c not in cfreq and ROOT_LO <= ord(c) <= ROOT_HI:
                hmm_only.add(c)
    chars += sorted(hmm_only)
    code = {c: i + 1 for i, c in enumerate(chars)}
    ncodes = len(chars)
    if ncodes > 0xFFFF:
        sys.exit("seglex: %d characters do not fit 16-bit codes" % ncodes)
    # The slot table: the root's children by code, the rest hashed, in
    # breadth-first order (a parent has its slot before its children).
    hash_lo = ncodes + 1
    hash_lo += (-hash_lo) % 16
    nhashed = len(kids) - 1 - len(kids[0])
    hash_n = 16
    while hash_n < 1.5 * nhashed:
        hash_n *= 2
    nslots = hash_lo + hash_n
    par = [0] * nslots
    cwd = [0] * nslots
    lp = [1.0] * nslots
    slot = {0: 0}
    queue = [0]
    qi = 0
    mask = hash_n - 1
    while qi < len(queue):
        n = queue[qi]
        qi += 1
        s_ = slot[n]
        for c, k in kids[n].items():
            cc = code[c]
            if n == 0:
                t = cc
            else:
                h = slot_hash(s_, cc) & mask
                while cwd[hash_lo + h]:
                    h = (h + 1) & mask
                t = hash_lo + h
            par[t] = s_
            cwd[t] = cc | ((1 if kids[k] else 0) << 16)
            lp[t] = logp[k]
            slot[k] = t
            queue.append(k)
    pairs = [0] * (PAIR_BITS // 64)
    for t in range(hash_lo, nslots):
        if cwd[t] & 0xFFFF and 1 <= par[t] <= ncodes:
            h = slot_hash(par[t], cwd[t] & 0xFFFF) & (PAIR_BITS - 1)
            pairs[h >> 6] |= 1 << (h & 63)
    pairb = bytearray(struct.pack("=%dQ" % len(pairs), *pairs))
    slots = bytearray()
    for i in range(nslots):
        slots += struct.pack("=IIf", par[i], cwd[i], lp[i])
    root_n = ROOT_HI - ROOT_LO + 1
    codes = [0] * root_n
    extra = []
    for c, i in code.items():
        if ROOT_LO <= ord(c) <= ROOT_HI:
            codes[ord(c) - ROOT_LO] = i
        else:
            extra.append((ord(c), i))
    extra.sort()
    em = bytearray()
    ninf = float("-inf")
    em += struct.pack("=4f", ninf, ninf, ninf, ninf)
    for c in chars:
        if ROOT_LO <= ord(c) <= ROOT_HI:
            em += struct.pack("=4f", *[emit[s].get(c, ninf) for s in STATES])
        else:
            # lib/seg.c before the double array gave characters outside
            # the range no emission; kept so the output does not change.
            em += struct.pack("=4f", ninf, ninf, ninf, ninf)
    fix = []
    for s in STATES:
        v = start.get(s, ninf)
        fix.append(ninf if v < -1e99 else v)
    for a in STATES:
        for b in STATES:
            v = trans.get(a, {}).get(b, ninf)
            fix.append(ninf if v < -1e99 else v)

    def pad(b):
        b = bytearray(b)
        while len(b) % 16:
            b += b"\0"
        return b

    codeb = bytearray(struct.pack("=%dH" % root_n, *codes))
    extrab = bytearray()
    for cp, i in extra:
        extrab += struct.pack("=II", cp, i)
    nhdr = 15
    hdr_len = 8 + 4 * nhdr + 4 * 20 + 4 * 4
    hdr_len += (-hdr_len) % 16
    offs = []
    o = hdr_len
    secs = (slots, codeb, extrab, em, pairb)
    for sec in secs:
        offs.append(o)
        o += len(pad(sec))
    hdr = bytearray(b"PLSEG04\0")
    hdr += struct.pack("=%dI" % nhdr, nslots, ncodes, ROOT_LO, root_n,
                       len(freq), len(terms), len(extra), hash_lo, hash_n,
                       *offs, PAIR_BITS)
    hdr += struct.pack("=20f", *fix)
    hdr += struct.pack("=4f", -logtotal, 0, 0, 0)
    blob = pad(hdr)
    for sec in secs:
        blob += pad(sec)
    with open(out, "wb") as f:
        f.write(blob)
    print("seglex: %d words, %d terms, %d nodes, %d codes, %d hashed in %d "
          "slots, %d bytes" % (len(freq), len(terms), len(kids), ncodes,
                               nhashed, hash_n, len(blob)), file=sys.stderr)


if __name__ == "__main__":
    main()

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
#   header   8-byte magic "PLSEG02\0", then u32 fields (see hdr below)
#   nodes    nnodes x {u32 first child, u32 nchild | flags << 24}, node 0
#            the root; each node's children contiguous, sorted by code point
#   cps      nnodes x u32 code point of each node (binary searched)
#   logp     nnodes x f32 log probability of the word ending there
#   edges    hash of the children of nodes with more than BIG children:
#            (edge_mask + 1) x u32 child + 1 (0 empty), slot edge_hash()
#   root     u32 node of each code point root_lo .. root_lo + root_n - 1
#            (0: no word starts with it)
#   emit     root_n x 4 f32 HMM emission log probabilities (B M E S),
#            -inf where jieba has none
import ast
import math
import struct
import sys

ROOT_LO, ROOT_HI = 0x3400, 0x9FFF
F_WORD, F_TERM = 1, 2
BIG = 16


def edge_hash(parent, cp):
    # lib/seg.c computes the same in 32-bit arithmetic.
    x = (parent * 0x9E3779B1 + cp) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x85EBCA77) & 0xFFFFFFFF
    x ^= x >> 13
    return x
STATES = "BMES"


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
    # The trie: dict of children per node.
    kids = [{}]
    flags = [0]
    logp = [0.0]
    cps = [0]

    def insert(w):
        n = 0
        for c in w:
            k = kids[n].get(ord(c))
            if k is None:
                k = len(kids)
                kids.append({})
                flags.append(0)
                logp.append(0.0)
                cps.append(ord(c))
                kids[n][ord(c)] = k
            n = k
        return n

    for w, f in freq.items():
        n = insert(w)
        flags[n] |= F_WORD
        logp[n] = math.log(f) - logtotal
    for w in terms:
        n = insert(w)
        flags[n] |= F_TERM
    # Breadth-first renumbering so each node's children are contiguous.
    order = [0]
    newid = {0: 0}
    first = {}
    i = 0
    while i < len(order):
        n = order[i]
        first[n] = len(order)
        for cp in sorted(kids[n]):
            k = kids[n][cp]
            newid[k] = len(order)
            order.append(k)
        i += 1
    nodes = bytearray()
    cpa = bytearray()
    lpa = bytearray()
    nbig = 0
    for n in order:
        nk = len(kids[n])
        fc = first[n] if nk else 0
        nodes += struct.pack("=II", fc, nk | (flags[n] << 24))
        cpa += struct.pack("=I", cps[n])
        lpa += struct.pack("=f", logp[n])
        if nk > BIG:
            nbig += nk
    size = 16
    while size < 2 * nbig:
        size *= 2
    slots = [0] * size
    for i, n in enumerate(order):
        if len(kids[n]) > BIG:
            for cp, k in kids[n].items():
                h = edge_hash(i, cp) & (size - 1)
                while slots[h]:
                    h = (h + 1) & (size - 1)
                slots[h] = newid[k] + 1
    edges = bytearray(struct.pack("=%dI" % size, *slots))
    root_n = ROOT_HI - ROOT_LO + 1
    root = [0] * root_n
    for cp, k in kids[0].items():
        if ROOT_LO <= cp <= ROOT_HI:
            root[cp - ROOT_LO] = newid[k]
    start = load_py_dict(jdir + "/finalseg/prob_start.py")
    trans = load_py_dict(jdir + "/finalseg/prob_trans.py")
    emit = load_py_dict(jdir + "/finalseg/prob_emit.py")
    em = bytearray()
    ninf = float("-inf")
    for cp in range(ROOT_LO, ROOT_HI + 1):
        c = chr(cp)
        em += struct.pack("=4f", *[emit[s].get(c, ninf) for s in STATES])
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

    rootb = bytearray(struct.pack("=%dI" % root_n, *root))
    hdr_len = 8 + 4 * 12 + 4 * 20 + 4 * 4
    hdr_len += (-hdr_len) % 16
    offs = []
    o = hdr_len
    for sec in (nodes, cpa, lpa, edges, rootb, em):
        offs.append(o)
        o += len(pad(sec))
    hdr = bytearray(b"PLSEG02\0")
    hdr += struct.pack("=12I", len(order), ROOT_LO, root_n, len(freq),
                       len(terms), size - 1, *offs)
    hdr += struct.pack("=20f", *fix)
    hdr += struct.pack("=4f", -logtotal, 0, 0, 0)
    blob = pad(hdr)
    for sec in (nodes, cpa, lpa, edges, rootb, em):
        blob += pad(sec)
    with open(out, "wb") as f:
        f.write(blob)


if __name__ == "__main__":
    main()

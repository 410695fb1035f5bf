# jsonltexts.py - the texts of a JSON Lines corpus as plenum indexes them,
# for the independent count checks (substr-count.py, word-count.py): NFKC,
# case-folded, each distinct text once (plenum ingest skips duplicates).
import hashlib, json, unicodedata


def fold(s):
    return unicodedata.normalize('NFKC', s).casefold()


def texts(path):
    seen = set()
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            raw = json.loads(line)['text']
            h = hashlib.sha256(raw.encode('utf-8')).digest()
            if h in seen:
                continue
            seen.add(h)
            yield fold(raw)

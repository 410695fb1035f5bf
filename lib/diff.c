/*
 * diff.c - what changed between two documents (see include/plenum/diff.h
 * and docs/DIFF.md).
 *
 * Each side is decoded from the stored token list: word ids, byte spans,
 * sentence starts.  Sentences are compared whole (Myers over 64-bit
 * hashes of their id sequences); the removed and added sentences between
 * two kept ones are paired by word overlap (a dynamic programme keeping
 * their order), and each pair is compared word by word (Myers over ids).
 * The result is a list of pieces of text in reading order (the redline)
 * and a list of edits (the table).
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/diff.h"
#include "plenum/date.h"
#include "plenum/html.h"
#include "plenum/token.h"
#include "plenum/vocab.h"
#include "extern.h"

/* Sentences paired when they share at least this share of words (Dice). */
#define PAIR_MIN	0.5
/* Regions larger than this (old x new sentences) are not paired. */
#define PAIR_MAX_CELLS	(4u << 20)

/* Myers' diff, linear space: the middle snake, then both halves. */
static int
bisect(const uint64_t *a, size_t n, const uint64_t *b, size_t m,
    uint8_t *del, uint8_t *ins)
{
	long N, M, maxd, voff, vlen, delta, d, k1, k2, i;
	long k1start = 0, k1end = 0, k2start = 0, k2end = 0;
	long *v1, *v2, sx = -1, sy = -1;
	int front;
	size_t p = 0;

	while (p < n && p < m && a[p] == b[p])
		p++;
	a += p, b += p, del += p, ins += p, n -= p, m -= p;
	while (n > 0 && m > 0 && a[n - 1] == b[m - 1])
		n--, m--;
	if (n == 0 || m == 0) {
		memset(ins, 1, m);
		memset(del, 1, n);
		return 0;
	}
	N = (long)n;
	M = (long)m;
	maxd = (N + M + 1) / 2;
	voff = maxd;
	vlen = 2 * maxd + 2;
	if ((v1 = malloc(2 * (size_t)vlen * sizeof(*v1))) == NULL)
		return -1;
	v2 = v1 + vlen;
	for (i = 0; i < 2 * vlen; i++)
		v1[i] = -1;
	v1[voff + 1] = 0;
	v2[voff + 1] = 0;
	delta = N - M;
	front = delta % 2 != 0;
	for (d = 0; d < maxd && sx < 0; d++) {
		for (k1 = -d + k1start; k1 <= d - k1end && sx < 0; k1 += 2) {
			long ko = voff + k1, x1, y1;
			if (k1 == -d || (k1 != d && v1[ko - 1] < v1[ko + 1]))
				x1 = v1[ko + 1];
			else
				x1 = v1[ko - 1] + 1;
			y1 = x1 - k1;
			while (x1 < N && y1 < M && a[x1] == b[y1])
				x1++, y1++;
			v1[ko] = x1;
			if (x1 > N)
				k1end += 2;
			else if (y1 > M)
				k1start += 2;
			else if (front) {
				long k2o = voff + delta - k1;
				if (k2o >= 0 && k2o < vlen && v2[k2o] != -1 &&
				    x1 >= N - v2[k2o]) {
					sx = x1;
					sy = y1;
				}
			}
		}
		for (k2 = -d + k2start; k2 <= d - k2end && sx < 0; k2 += 2) {
			long ko = voff + k2, x2, y2;
			if (k2 == -d || (k2 != d && v2[ko - 1] < v2[ko + 1]))
				x2 = v2[ko + 1];
			else
				x2 = v2[ko - 1] + 1;
			y2 = x2 - k2;
			while (x2 < N && y2 < M && a[N - x2 - 1] == b[M - y2 - 1])
				x2++, y2++;
			v2[ko] = x2;
			if (x2 > N)
				k2end += 2;
			else if (y2 > M)
				k2start += 2;
			else if (!front) {
				long k1o = voff + delta - k2;
				if (k1o >= 0 && k1o < vlen && v1[k1o] != -1 &&
				    v1[k1o] >= N - x2) {
					sx = v1[k1o];
					sy = voff + sx - k1o;
				}
			}
		}
	}
	free(v1);
	if (sx < 0 || (sx == 0 && sy == 0) || (sx == N && sy == M)) {
		memset(del, 1, n);
		memset(ins, 1, m);
		return 0;
	}
	if (bisect(a, (size_t)sx, b, (size_t)sy, del, ins) == -1)
		return -1;
	return bisect(a + sx, n - (size_t)sx, b + sy, m - (size_t)sy,
	    del + sx, ins + sy);
}

const struct pl_error *
pl_diff_seq(const uint64_t *a, size_t n, const uint64_t *b, size_t m,
    uint8_t *del, uint8_t *ins)
{
	if (n > 0)
		memset(del, 0, n);
	if (m > 0)
		memset(ins, 0, m);
	if (bisect(a, n, b, m, del, ins) == -1)
		return pl_error_nomem();
	return NULL;
}

/* One document, decoded. */
struct side {
	char		*text;
	size_t		 tlen;
	uint64_t	*id;
	uint32_t	*off, *len;
	size_t		 n;
	uint32_t	*sb;		/* first token of each sentence; sb[ns] = n */
	size_t		 ns;
	uint64_t	*sh;		/* hash of each sentence's ids */
	uint32_t	*send;		/* end of each sentence with its punctuation */
};

static void
side_release(struct side *s)
{
	free(s->text);
	free(s->id);
	free(s->off);
	free(s->len);
	free(s->sb);
	free(s->sh);
	free(s->send);
	memset(s, 0, sizeof(*s));
}

#define TOKEND(s, i)	((s)->off[(i)] + (s)->len[(i)])

/* Bytes of trailing white space (ASCII, NBSP, ideographic space). */
static size_t
trail_space(const char *t, size_t a, size_t b)
{
	size_t e = b;

	while (e > a) {
		unsigned char ch = (unsigned char)t[e - 1];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
		    ch == '\f' || ch == '\v')
			e--;
		else if (e - a >= 2 && memcmp(t + e - 2, "\xc2\xa0", 2) == 0)
			e -= 2;
		else if (e - a >= 3 && memcmp(t + e - 3, "\xe3\x80\x80", 3) == 0)
			e -= 3;
		else
			break;
	}
	return b - e;
}

/* Bytes of white space at t[p] (0 if none). */
static size_t
space_at(const char *t, size_t p, size_t b)
{
	unsigned char ch = (unsigned char)t[p];

	if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	    ch == '\f' || ch == '\v')
		return 1;
	if (b - p >= 2 && memcmp(t + p, "\xc2\xa0", 2) == 0)
		return 2;
	if (b - p >= 3 && memcmp(t + p, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* The first run of white space in t[a, b) as [*p, *q); both b if none. */
static void
space_run(const char *t, size_t a, size_t b, size_t *p, size_t *q)
{
	size_t k, n;

	for (k = a; k < b && space_at(t, k, b) == 0; k++)
		;
	*p = k;
	while (k < b && (n = space_at(t, k, b)) > 0)
		k += n;
	*q = k;
}

static const struct pl_error *
side_load(struct pl_corpus *c, size_t row, struct side *s)
{
	const struct pl_error *err;
	unsigned char *idb = NULL, *spb = NULL;
	const unsigned char *p, *end;
	size_t idl, spl, i, k, n = 0, ns = 0;
	uint64_t v, pos = 0;
	int newsent = 1;

	memset(s, 0, sizeof(*s));
	if ((err = pl_db_doc_tokens(c->db, c->docs[row].id, &idb, &idl, &spb,
	    &spl, &s->text, &s->tlen)) != NULL)
		goto done;
	for (p = idb, end = idb + idl; p < end;) {
		if (varint_get(&p, end, &v) == -1)
			goto corrupt;
		if (v == 0)
			newsent = 1;
		else {
			ns += newsent;
			newsent = 0;
			n++;
		}
	}
	s->id = malloc((n + 1) * sizeof(*s->id));
	s->off = malloc((n + 1) * sizeof(*s->off));
	s->len = malloc((n + 1) * sizeof(*s->len));
	s->sb = malloc((ns + 1) * sizeof(*s->sb));
	s->sh = malloc((ns + 1) * sizeof(*s->sh));
	s->send = malloc((ns + 1) * sizeof(*s->send));
	if (!s->id || !s->off || !s->len || !s->sb || !s->sh || !s->send) {
		err = pl_error_nomem();
		goto done;
	}
	newsent = 1;
	for (p = idb, end = idb + idl; p < end;) {
		(void)varint_get(&p, end, &v);
		if (v == 0) {
			newsent = 1;
			continue;
		}
		if (newsent)
			s->sb[s->ns++] = (uint32_t)s->n;
		newsent = 0;
		s->id[s->n++] = v;
	}
	s->sb[s->ns] = (uint32_t)s->n;
	for (p = spb, end = spb + spl, i = 0; i < n; i++) {
		uint64_t gap, l;
		if (varint_get(&p, end, &gap) == -1 ||
		    varint_get(&p, end, &l) == -1)
			goto corrupt;
		pos += gap;
		if (pos + l > s->tlen)
			goto corrupt;
		s->off[i] = (uint32_t)pos;
		s->len[i] = (uint32_t)l;
	}
	for (k = 0; k < s->ns; k++) {
		size_t a = s->sb[k], b = s->sb[k + 1];
		size_t te = TOKEND(s, b - 1);
		size_t next = k + 1 < s->ns ? s->off[b] : s->tlen;
		s->sh[k] = hash_bytes(s->id + a, (b - a) * sizeof(*s->id));
		s->send[k] = (uint32_t)(next - trail_space(s->text, te, next));
	}
	goto done;
corrupt:
	err = pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
	    "document \'%s\': corrupt token list",
	    pl_db_path(c->db), pl_corpus_ext_id(c, row));
done:
	free(idb);
	free(spb);
	if (err)
		side_release(s);
	return err;
}

/* Sentence start: its first token. */
#define SSTART(s, k)	((s)->off[(s)->sb[(k)]])

/* An aligned sentence or pair of sentences. */
struct ev {
	enum pl_diff_kind kind;
	long		 os, ns;	/* sentence in old, new; -1 none */
	int		 on, nn;	/* CHANGED: sentences of each (1 or 2) */
	long		 mate;		/* MOVED: the other event */
};

struct evs {
	struct ev	*v;
	size_t		 n, cap;
};

static int
ev_add(struct evs *e, enum pl_diff_kind kind, long os, long ns)
{
	if (e->n == e->cap) {
		size_t nc = e->cap ? e->cap * 2 : 64;
		struct ev *nv = realloc(e->v, nc * sizeof(*nv));
		if (nv == NULL)
			return -1;
		e->v = nv;
		e->cap = nc;
	}
	e->v[e->n].kind = kind;
	e->v[e->n].os = os;
	e->v[e->n].ns = ns;
	e->v[e->n].on = e->v[e->n].nn = 1;
	e->v[e->n].mate = -1;
	e->n++;
	return 0;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Dice coefficient of two sorted multisets of ids. */
static double
dice(const uint64_t *a, size_t n, const uint64_t *b, size_t m)
{
	size_t i = 0, j = 0, common = 0;

	while (i < n && j < m) {
		if (a[i] == b[j])
			common++, i++, j++;
		else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return n + m ? 2.0 * (double)common / (double)(n + m) : 1.0;
}

/*
 * Dice coefficient of a against the union of b1 and b2 (all sorted
 * multisets): for one sentence against two, split or merged.
 */
static double
dice2(const uint64_t *a, size_t n, const uint64_t *b1, size_t n1,
    const uint64_t *b2, size_t n2)
{
	size_t i = 0, j = 0, k = 0, common = 0;

	while (i < n && (j < n1 || k < n2)) {
		int one = k == n2 || (j < n1 && b1[j] <= b2[k]);
		uint64_t y = one ? b1[j] : b2[k];
		if (a[i] == y) {
			common++, i++;
			if (one)
				j++;
			else
				k++;
		} else if (a[i] < y)
			i++;
		else if (one)
			j++;
		else
			k++;
	}
	return 2.0 * (double)common / (double)(n + n1 + n2);
}

/* A sorted copy of each sentence's ids in [k0, k1). */
static uint64_t *
sorted_ids(const struct side *s, size_t k0, size_t k1)
{
	size_t a = s->sb[k0], b = s->sb[k1], k;
	uint64_t *v = malloc((b - a + 1) * sizeof(*v));

	if (v == NULL)
		return NULL;
	memcpy(v, s->id + a, (b - a) * sizeof(*v));
	for (k = k0; k < k1; k++)
		qsort(v + (s->sb[k] - a), s->sb[k + 1] - s->sb[k], sizeof(*v),
		    cmp_u64);
	return v;
}

/*
 * Old sentences [i0, i1) removed and new [j0, j1) added between two kept
 * ones: pairs of similar sentences, in order, become changed sentences
 * (the pairing that maximises the summed similarity), the rest removed
 * (before) or added.
 */
static int
pair_region(const struct side *o, size_t i0, size_t i1, const struct side *w,
    size_t j0, size_t j1, struct evs *e)
{
	size_t m = i1 - i0, n = j1 - j0, i, j, np = 0, p;
	double *sc = NULL;
	uint8_t *pick = NULL;
	uint64_t *oa = NULL, *na = NULL;
	long *pi = NULL, *pj = NULL;
	uint8_t *ph = NULL;
	int rc = -1;

	if (m == 0 || n == 0 || m * n > PAIR_MAX_CELLS) {
		for (i = i0; i < i1; i++)
			if (ev_add(e, PL_DIFF_REMOVED, (long)i, -1) == -1)
				return -1;
		for (j = j0; j < j1; j++)
			if (ev_add(e, PL_DIFF_ADDED, -1, (long)j) == -1)
				return -1;
		return 0;
	}
	sc = calloc((m + 1) * (n + 1), sizeof(*sc));
	pick = calloc((m + 1) * (n + 1), 1);
	oa = sorted_ids(o, i0, i1);
	na = sorted_ids(w, j0, j1);
	pi = malloc((m < n ? m : n) * sizeof(*pi));
	pj = malloc((m < n ? m : n) * sizeof(*pj));
	ph = malloc(m < n ? m : n);
	if (!sc || !pick || !oa || !na || !pi || !pj || !ph)
		goto done;
#define CELL(i, j)	((i) * (n + 1) + (j))
#define OS(k)	(oa + (o->sb[i0 + (k)] - o->sb[i0])), \
	(size_t)(o->sb[i0 + (k) + 1] - o->sb[i0 + (k)])
#define NS(k)	(na + (w->sb[j0 + (k)] - w->sb[j0])), \
	(size_t)(w->sb[j0 + (k) + 1] - w->sb[j0 + (k)])
	for (i = 1; i <= m; i++)
		for (j = 1; j <= n; j++) {
			size_t oi = i0 + i - 1, nj = j0 + j - 1;
			double best = sc[CELL(i - 1, j)], s;
			uint8_t how = 1;
			if (sc[CELL(i, j - 1)] > best) {
				best = sc[CELL(i, j - 1)];
				how = 2;
			}
			s = dice(oa + (o->sb[oi] - o->sb[i0]),
			    o->sb[oi + 1] - o->sb[oi],
			    na + (w->sb[nj] - w->sb[j0]),
			    w->sb[nj + 1] - w->sb[nj]);
			if (s >= PAIR_MIN && sc[CELL(i - 1, j - 1)] + s > best) {
				best = sc[CELL(i - 1, j - 1)] + s;
				how = 3;
			}
			/* one old sentence split in two new ones */
			if (j >= 2 && (s = dice2(OS(i - 1), NS(j - 2),
			    NS(j - 1))) >= PAIR_MIN &&
			    sc[CELL(i - 1, j - 2)] + s > best) {
				best = sc[CELL(i - 1, j - 2)] + s;
				how = 4;
			}
			/* two old sentences merged into one */
			if (i >= 2 && (s = dice2(NS(j - 1), OS(i - 2),
			    OS(i - 1))) >= PAIR_MIN &&
			    sc[CELL(i - 2, j - 1)] + s > best) {
				best = sc[CELL(i - 2, j - 1)] + s;
				how = 5;
			}
			sc[CELL(i, j)] = best;
			pick[CELL(i, j)] = how;
		}
	for (i = m, j = n; i > 0 && j > 0;) {
		uint8_t how = pick[CELL(i, j)];
		if (how >= 3) {
			size_t di = how == 5 ? 2 : 1, dj = how == 4 ? 2 : 1;
			pi[np] = (long)(i0 + i - di);
			pj[np] = (long)(j0 + j - dj);
			ph[np++] = how;
			i -= di, j -= dj;
		} else if (how == 1)
			i--;
		else
			j--;
	}
#undef CELL
#undef OS
#undef NS
	i = i0;
	j = j0;
	for (p = np; p-- > 0;) {
		for (; i < (size_t)pi[p]; i++)
			if (ev_add(e, PL_DIFF_REMOVED, (long)i, -1) == -1)
				goto done;
		for (; j < (size_t)pj[p]; j++)
			if (ev_add(e, PL_DIFF_ADDED, -1, (long)j) == -1)
				goto done;
		if (ev_add(e, PL_DIFF_CHANGED, (long)i, (long)j) == -1)
			goto done;
		e->v[e->n - 1].on = ph[p] == 5 ? 2 : 1;
		e->v[e->n - 1].nn = ph[p] == 4 ? 2 : 1;
		i += (size_t)e->v[e->n - 1].on;
		j += (size_t)e->v[e->n - 1].nn;
	}
	for (; i < i1; i++)
		if (ev_add(e, PL_DIFF_REMOVED, (long)i, -1) == -1)
			goto done;
	for (; j < j1; j++)
		if (ev_add(e, PL_DIFF_ADDED, -1, (long)j) == -1)
			goto done;
	rc = 0;
done:
	free(sc);
	free(pick);
	free(oa);
	free(na);
	free(pi);
	free(pj);
	free(ph);
	return rc;
}

static int
same_sentence(const struct side *o, long i, const struct side *w, long j)
{
	size_t a = o->sb[i], la = o->sb[i + 1] - a;
	size_t b = w->sb[j], lb = w->sb[j + 1] - b;

	return o->sh[i] == w->sh[j] && la == lb &&
	    memcmp(o->id + a, w->id + b, la * sizeof(*o->id)) == 0;
}

/* Removed sentences found word for word among the added ones: moves. */
static void
find_moves(const struct side *o, const struct side *w, struct evs *e)
{
	size_t x, y;

	for (x = 0; x < e->n; x++) {
		if (e->v[x].kind != PL_DIFF_REMOVED)
			continue;
		for (y = 0; y < e->n; y++)
			if (e->v[y].kind == PL_DIFF_ADDED &&
			    same_sentence(o, e->v[x].os, w, e->v[y].ns)) {
				e->v[x].kind = e->v[y].kind = PL_DIFF_MOVED;
				e->v[x].mate = (long)y;
				e->v[y].mate = (long)x;
				break;
			}
	}
}

/* Building the pieces and edits. */
struct out {
	struct pl_diff	*d;
	size_t		 pcap, ecap;
	size_t		 oc, nc;	/* cursors: end of the text shown so far */
	int		 nomem;
};

static void
piece(struct out *u, enum pl_diff_op op, enum pl_diff_kind kind, int side,
    size_t a, size_t b)
{
	struct pl_diff *d = u->d;
	struct pl_diff_piece *q;

	if (b <= a)
		return;
	if (side)
		u->nc = b;
	else
		u->oc = b;
	if (d->npieces > 0) {
		q = &d->pieces[d->npieces - 1];
		if (q->op == op && q->kind == kind && q->side == side &&
		    q->off + q->len == a) {
			q->len += (uint32_t)(b - a);
			return;
		}
	}
	if (d->npieces == u->pcap) {
		size_t nc = u->pcap ? u->pcap * 2 : 256;
		struct pl_diff_piece *np = realloc(d->pieces,
		    nc * sizeof(*np));
		if (np == NULL) {
			u->nomem = 1;
			return;
		}
		d->pieces = np;
		u->pcap = nc;
	}
	q = &d->pieces[d->npieces++];
	q->op = op;
	q->kind = kind;
	q->side = side;
	q->off = (uint32_t)a;
	q->len = (uint32_t)(b - a);
}

static void
edit(struct out *u, const char *op, enum pl_diff_kind kind, long os, long ns,
    size_t oa, size_t ob, size_t na, size_t nb)
{
	struct pl_diff *d = u->d;
	struct pl_diff_edit *x;

	if (d->nedits == u->ecap) {
		size_t nc = u->ecap ? u->ecap * 2 : 64;
		struct pl_diff_edit *nv = realloc(d->edits, nc * sizeof(*nv));
		if (nv == NULL) {
			u->nomem = 1;
			return;
		}
		d->edits = nv;
		u->ecap = nc;
	}
	x = &d->edits[d->nedits++];
	x->op = op;
	x->kind = kind;
	x->osent = (uint32_t)(os + 1);
	x->nsent = (uint32_t)(ns + 1);
	x->ooff = (uint32_t)oa;
	x->olen = (uint32_t)(ob - oa);
	x->noff = (uint32_t)na;
	x->nlen = (uint32_t)(nb - na);
}

/*
 * A changed sentence, by word: old sentences s .. s + on - 1 against new
 * sentences t .. t + nn - 1 (one against one, or one against two).
 */
static const struct pl_error *
words(struct out *u, const struct side *o, long s, int on,
    const struct side *w, long t, int nn)
{
	const struct pl_error *err;
	const enum pl_diff_kind K = PL_DIFF_CHANGED;
	size_t ob = o->sb[s], oe = o->sb[s + on], nb = w->sb[t],
	    ne = w->sb[t + nn], i, j, gapdone = SIZE_MAX;
	uint8_t *dl = malloc(oe - ob + 1), *il = malloc(ne - nb + 1);

	if (dl == NULL || il == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	if ((err = pl_diff_seq(o->id + ob, oe - ob, w->id + nb, ne - nb, dl,
	    il)) != NULL)
		goto done;
	for (i = ob, j = nb; i < oe || j < ne;) {
		size_t di, ij;
		if (i < oe && j < ne && !dl[i - ob] && !il[j - nb]) {
			if (j > nb && j != gapdone)
				piece(u, PL_DIFF_EQUAL, K, 1, TOKEND(w, j - 1),
				    w->off[j]);
			piece(u, PL_DIFF_EQUAL, K, 1, w->off[j], TOKEND(w, j));
			u->oc = TOKEND(o, i);
			u->d->st.kept++;
			i++, j++;
			continue;
		}
		for (di = i; i < oe && dl[i - ob]; i++)
			;
		for (ij = j; j < ne && il[j - nb]; j++)
			;
		if (j > ij) {
			size_t at = di < oe ? o->off[di] : TOKEND(o, oe - 1);
			if (ij > nb)
				piece(u, PL_DIFF_EQUAL, K, 1, TOKEND(w, ij - 1),
				    w->off[ij]);
			/* each marked run with the punctuation after it, up to
			 * the first white space, when a word follows */
			if (i > di) {
				size_t e = TOKEND(o, i - 1), p = e, q;
				if (i < oe)
					space_run(o->text, e, o->off[i], &p, &q);
				piece(u, PL_DIFF_DELETE, K, 0, o->off[di], p);
			}
			if (j < ne) {
				size_t e = TOKEND(w, j - 1), p, q;
				space_run(w->text, e, w->off[j], &p, &q);
				piece(u, PL_DIFF_INSERT, K, 1, w->off[ij], p);
				piece(u, PL_DIFF_EQUAL, K, 1, p, w->off[j]);
				gapdone = j;
			} else
				piece(u, PL_DIFF_INSERT, K, 1, w->off[ij],
				    TOKEND(w, j - 1));
			edit(u, i > di ? "replace" : "insert", K, s, t, at,
			    i > di ? TOKEND(o, i - 1) : at, w->off[ij],
			    TOKEND(w, j - 1));
		} else if (ij > nb && j < ne) {
			/* between two new words: the gap to its first white
			 * space (punctuation of the word before), the
			 * deletion, that white space again, the rest */
			size_t ga = TOKEND(w, j - 1), gb = w->off[j], p, q;
			size_t e = TOKEND(o, i - 1), op = e, oq;
			space_run(w->text, ga, gb, &p, &q);
			if (i < oe)
				space_run(o->text, e, o->off[i], &op, &oq);
			piece(u, PL_DIFF_EQUAL, K, 1, ga, q);
			piece(u, PL_DIFF_DELETE, K, 0, o->off[di], op);
			piece(u, PL_DIFF_EQUAL, K, 1, p, gb);
			gapdone = j;
			edit(u, "delete", K, s, t, o->off[di], TOKEND(o, i - 1),
			    q, q);
		} else if (ij > nb) {
			/* after the last new word: the old white space before */
			size_t sp = di > ob ? trail_space(o->text,
			    TOKEND(o, di - 1), o->off[di]) : 0;
			piece(u, PL_DIFF_EQUAL, K, 0, o->off[di] - sp,
			    o->off[di]);
			piece(u, PL_DIFF_DELETE, K, 0, o->off[di],
			    TOKEND(o, i - 1));
			edit(u, "delete", K, s, t, o->off[di], TOKEND(o, i - 1),
			    TOKEND(w, ne - 1), TOKEND(w, ne - 1));
		} else {
			/* at the start: with the punctuation after it */
			size_t x = i < oe ? o->off[i] : o->send[s + on - 1];
			size_t sp = trail_space(o->text, TOKEND(o, i - 1), x);
			size_t at = j < ne ? w->off[j] : u->nc;
			piece(u, PL_DIFF_DELETE, K, 0, o->off[di], x - sp);
			piece(u, PL_DIFF_EQUAL, K, 0, x - sp, x);
			edit(u, "delete", K, s, t, o->off[di], TOKEND(o, i - 1),
			    at, at);
		}
	}
	piece(u, PL_DIFF_EQUAL, K, 1, TOKEND(w, ne - 1), w->send[t + nn - 1]);
	u->oc = o->send[s + on - 1];
done:
	free(dl);
	free(il);
	return err;
}

void
pl_diff_init(struct pl_diff *d)
{
	memset(d, 0, sizeof(*d));
}

void
pl_diff_release(struct pl_diff *d)
{
	if (d == NULL)
		return;
	free(d->otext);
	free(d->ntext);
	free(d->pieces);
	free(d->edits);
	free(d->oids);
	free(d->nids);
	free(d->osb);
	free(d->nsb);
	free(d->otok_off);
	free(d->ntok_off);
	free(d->otok_len);
	free(d->ntok_len);
	pl_diff_init(d);
}

/* The white space before cur's sentence in its own text, else after the
 * previous event's sentence in its own.  An event with a new sentence
 * shows the new text. */
static void
separator(struct out *u, const struct side *o, const struct side *w,
    const struct ev *prev, const struct ev *cur)
{
	int side = cur->ns >= 0;
	const struct side *s = side ? w : o;
	long k = side ? cur->ns : cur->os;
	enum pl_diff_kind kind = cur->kind;
	enum pl_diff_op op = PL_DIFF_EQUAL;

	/* Between two added (removed) sentences: one insertion (deletion). */
	if (prev->kind == kind && (kind == PL_DIFF_ADDED ||
	    kind == PL_DIFF_REMOVED) && k > 0)
		op = kind == PL_DIFF_ADDED ? PL_DIFF_INSERT : PL_DIFF_DELETE;
	if (k > 0) {
		piece(u, op, kind, side, s->send[k - 1],
		    SSTART(s, k));
		return;
	}
	side = prev->ns >= 0;
	s = side ? w : o;
	k = side ? prev->ns + prev->nn - 1 : prev->os + prev->on - 1;
	piece(u, PL_DIFF_EQUAL, kind, side, s->send[k],
	    (size_t)k + 1 < s->ns ? SSTART(s, k + 1) : s->tlen);
}

const struct pl_error *
pl_diff_docs(struct pl_corpus *c, size_t orow, size_t nrow, struct pl_diff *d)
{
	const struct pl_error *err = NULL;
	struct side o, w;
	struct evs e = { NULL, 0, 0 };
	struct out u;
	uint8_t *sdel = NULL, *sins = NULL;
	size_t i, j, x;
	struct pl_diff r;

	pl_diff_init(&r);
	memset(&o, 0, sizeof(o));
	memset(&w, 0, sizeof(w));
	memset(&u, 0, sizeof(u));
	u.d = &r;
	if ((err = side_load(c, orow, &o)) != NULL ||
	    (err = side_load(c, nrow, &w)) != NULL)
		goto done;
	if ((sdel = malloc(o.ns + 1)) == NULL ||
	    (sins = malloc(w.ns + 1)) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	if ((err = pl_diff_seq(o.sh, o.ns, w.sh, w.ns, sdel, sins)) != NULL)
		goto done;
	for (i = j = 0; i < o.ns || j < w.ns;) {
		size_t i0 = i, j0 = j;
		if (i < o.ns && j < w.ns && !sdel[i] && !sins[j]) {
			if (ev_add(&e, PL_DIFF_KEPT, (long)i++, (long)j++) == -1)
				goto nomem;
			continue;
		}
		while (i < o.ns && sdel[i])
			i++;
		while (j < w.ns && sins[j])
			j++;
		if (pair_region(&o, i0, i, &w, j0, j, &e) == -1)
			goto nomem;
	}
	find_moves(&o, &w, &e);

	r.st.old_words = (int64_t)o.n;
	r.st.new_words = (int64_t)w.n;
	r.st.old_sents = (int64_t)o.ns;
	r.st.new_sents = (int64_t)w.ns;
	if (w.n > 0)
		piece(&u, PL_DIFF_EQUAL, PL_DIFF_KEPT, 1, 0, w.off[0]);
	for (x = 0; x < e.n; x++) {
		const struct ev *v = &e.v[x];
		if (x > 0)
			separator(&u, &o, &w, &e.v[x - 1], v);
		switch (v->kind) {
		case PL_DIFF_KEPT:
			piece(&u, PL_DIFF_EQUAL, v->kind, 1, SSTART(&w, v->ns),
			    w.send[v->ns]);
			u.oc = o.send[v->os];
			r.st.kept += (int64_t)(w.sb[v->ns + 1] - w.sb[v->ns]);
			r.st.s_kept++;
			break;
		case PL_DIFF_CHANGED:
			if ((err = words(&u, &o, v->os, v->on, &w, v->ns,
			    v->nn)) != NULL)
				goto done;
			r.st.s_changed++;
			break;
		case PL_DIFF_ADDED:
			piece(&u, PL_DIFF_INSERT, v->kind, 1, SSTART(&w, v->ns),
			    w.send[v->ns]);
			edit(&u, "insert", v->kind, -1, v->ns, u.oc, u.oc,
			    SSTART(&w, v->ns), w.send[v->ns]);
			r.st.s_added++;
			break;
		case PL_DIFF_REMOVED:
			piece(&u, PL_DIFF_DELETE, v->kind, 0, SSTART(&o, v->os),
			    o.send[v->os]);
			edit(&u, "delete", v->kind, v->os, -1, SSTART(&o, v->os),
			    o.send[v->os], u.nc, u.nc);
			r.st.s_removed++;
			break;
		case PL_DIFF_MOVED:
			if (v->os >= 0) {
				const struct ev *m = &e.v[v->mate];
				piece(&u, PL_DIFF_DELETE, v->kind, 0,
				    SSTART(&o, v->os), o.send[v->os]);
				edit(&u, "move", v->kind, v->os, m->ns,
				    SSTART(&o, v->os), o.send[v->os],
				    SSTART(&w, m->ns), w.send[m->ns]);
				r.st.kept += (int64_t)(o.sb[v->os + 1] -
				    o.sb[v->os]);
				r.st.s_moved++;
			} else
				piece(&u, PL_DIFF_INSERT, v->kind, 1,
				    SSTART(&w, v->ns), w.send[v->ns]);
			break;
		}
		if (u.nomem)
			goto nomem;
	}
	if (u.nomem)
		goto nomem;
	r.st.added = r.st.new_words - r.st.kept;
	r.st.removed = r.st.old_words - r.st.kept;
	r.st.similarity = o.n + w.n ? 2.0 * (double)r.st.kept /
	    (double)(o.n + w.n) : 1.0;
	r.otext = o.text;
	r.olen = o.tlen;
	r.ntext = w.text;
	r.nlen = w.tlen;
	r.oids = o.id;
	r.nids = w.id;
	r.osb = o.sb;
	r.nsb = w.sb;
	r.otok_off = o.off;
	r.ntok_off = w.off;
	r.otok_len = o.len;
	r.ntok_len = w.len;
	r.on = o.n;
	r.nn = w.n;
	r.ons = o.ns;
	r.nns = w.ns;
	r.orow = orow;
	r.nrow = nrow;
	o.text = w.text = NULL;
	o.id = w.id = NULL;
	o.sb = w.sb = NULL;
	o.off = w.off = NULL;
	o.len = w.len = NULL;
	pl_diff_release(d);
	*d = r;
	pl_diff_init(&r);
	goto done;
nomem:
	err = pl_error_nomem();
done:
	pl_diff_release(&r);
	side_release(&o);
	side_release(&w);
	free(e.v);
	free(sdel);
	free(sins);
	return err;
}

const char pl_diff_html_css[] =
    ".redline{white-space:pre-wrap;border-top:1px solid #ccc;"
    "padding-top:1em}\n"
    "del{color:#b00020;background:#fde8ea;"
    "text-decoration:line-through}\n"
    "ins{color:#05690f;background:#e3f6e5;text-decoration:none;"
    "border-bottom:1px solid #05690f}\n"
    "del.mv,ins.mv{color:#5b3c99;background:#efe9fa}\n";

void
pl_diff_html(FILE *fp, const struct pl_diff *d)
{
	size_t i;

	fputs("<div class=\"redline\">", fp);
	for (i = 0; i < d->npieces; i++) {
		const struct pl_diff_piece *p = &d->pieces[i];
		const char *t = (p->side ? d->ntext : d->otext) + p->off;
		const char *mv = p->kind == PL_DIFF_MOVED ? " class=\"mv\"" : "";
		if (p->op == PL_DIFF_DELETE)
			fprintf(fp, "<del%s>", mv);
		else if (p->op == PL_DIFF_INSERT)
			fprintf(fp, "<ins%s>", mv);
		pl_html_textn(fp, t, p->len);
		if (p->op == PL_DIFF_DELETE)
			fputs("</del>", fp);
		else if (p->op == PL_DIFF_INSERT)
			fputs("</ins>", fp);
	}
	fputs("</div>\n", fp);
}

const struct pl_error *
pl_diff_find(const struct pl_corpus *c, const char *ext_id, size_t *row)
{
	size_t i;

	for (i = 0; i < c->ndocs; i++)
		if (strcmp(pl_corpus_ext_id(c, i), ext_id) == 0) {
			*row = i;
			return NULL;
		}
	return pl_error_fmt(PL_ERR_NOTFOUND, "%s: no document '%s' (see "
	    "'plenum docs' for the ids)", pl_db_path(c->db), ext_id);
}

/* 1 if row x comes before row y: by date, then ingest order. */
static int
before(const struct pl_corpus *c, size_t x, size_t y)
{
	const struct pl_cdoc *a = &c->docs[x], *b = &c->docs[y];

	return a->day < b->day || (a->day == b->day && a->id < b->id);
}

/* 1 if row passes the filter and the title condition. */
static int
passes(const struct pl_corpus *c, size_t row, const struct pl_docfilter *f,
    const char *title)
{
	return (f == NULL || pl_corpus_match(c, row, f)) &&
	    (title == NULL ||
	    strstr(pl_corpus_title(c, row), title) != NULL);
}

const struct pl_error *
pl_diff_prev(const struct pl_corpus *c, size_t row,
    const struct pl_docfilter *f, const char *title, size_t *prev)
{
	size_t i, best = SIZE_MAX;

	for (i = 0; i < c->ndocs; i++) {
		if (i == row || c->docs[i].source != c->docs[row].source ||
		    !before(c, i, row) || !passes(c, i, f, title))
			continue;
		if (best == SIZE_MAX || before(c, best, i))
			best = i;
	}
	if (best == SIZE_MAX) {
		char day[11];
		pl_date_format(c->docs[row].day, day);
		return pl_error_fmt(PL_ERR_NOTFOUND, "document '%s' (%s) is "
		    "the first of source '%s'%s: no previous document to "
		    "compare with (name one as DOC2)", pl_corpus_ext_id(c, row),
		    day, c->sources[c->docs[row].source], title != NULL ||
		    (f != NULL && (f->sources != NULL || f->mask != NULL)) ?
		    " among those selected" : "");
	}
	*prev = best;
	return NULL;
}

static const char *const kind_names[] = {
	"kept", "changed", "added", "removed", "moved"
};

static const struct pl_error *
add_cols(struct pl_table *t, const char *const *names, const int *types,
    size_t n)
{
	const struct pl_error *err;
	size_t i;

	for (i = 0; i < n; i++)
		if ((err = pl_table_add_col(t, names[i],
		    (enum pl_coltype)types[i])) != NULL)
			return err;
	return NULL;
}

const struct pl_error *
pl_diff_table(const struct pl_diff *d, struct pl_table *out)
{
	static const char *const names[] = { "op", "sentence", "old_sentence",
	    "new_sentence", "old_offset", "old_length", "new_offset",
	    "new_length", "old", "new" };
	static const int types[] = { PL_COL_STR, PL_COL_STR, PL_COL_INT,
	    PL_COL_INT, PL_COL_INT, PL_COL_INT, PL_COL_INT, PL_COL_INT,
	    PL_COL_STR, PL_COL_STR };
	const struct pl_error *err;
	struct pl_table t;
	size_t i;

	pl_table_init(&t);
	if ((err = add_cols(&t, names, types, 10)) != NULL)
		goto done;
	for (i = 0; i < d->nedits; i++) {
		const struct pl_diff_edit *x = &d->edits[i];
		size_t r = t.nrows;
		if ((err = pl_table_add_row(&t)) != NULL ||
		    (err = pl_table_set_str(&t, r, 0, x->op)) != NULL ||
		    (err = pl_table_set_str(&t, r, 1, kind_names[x->kind])) !=
		    NULL ||
		    (err = pl_table_set_strn(&t, r, 8, d->otext + x->ooff,
		    x->olen)) != NULL ||
		    (err = pl_table_set_strn(&t, r, 9, d->ntext + x->noff,
		    x->nlen)) != NULL)
			goto done;
		if (x->osent)
			pl_table_set_int(&t, r, 2, x->osent);
		else
			pl_table_set_null(&t, r, 2);
		if (x->nsent)
			pl_table_set_int(&t, r, 3, x->nsent);
		else
			pl_table_set_null(&t, r, 3);
		pl_table_set_int(&t, r, 4, x->ooff);
		pl_table_set_int(&t, r, 5, x->olen);
		pl_table_set_int(&t, r, 6, x->noff);
		pl_table_set_int(&t, r, 7, x->nlen);
	}
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	pl_table_release(&t);
	return err;
}

static const struct pl_error *
summary_cols(struct pl_table *t)
{
	static const char *const names[] = { "source", "date", "doc",
	    "prev_date", "prev", "similarity", "words_kept", "words_added",
	    "words_removed", "sentences", "sentences_kept",
	    "sentences_changed", "sentences_added", "sentences_removed",
	    "sentences_moved" };
	static const int types[] = { PL_COL_STR, PL_COL_STR, PL_COL_STR,
	    PL_COL_STR, PL_COL_STR, PL_COL_REAL, PL_COL_INT, PL_COL_INT,
	    PL_COL_INT, PL_COL_INT, PL_COL_INT, PL_COL_INT, PL_COL_INT,
	    PL_COL_INT, PL_COL_INT };
	const struct pl_error *err;

	if ((err = add_cols(t, names, types, 15)) != NULL)
		return err;
	pl_table_set_prec(t, 5, 4);
	return NULL;
}

const struct pl_error *
pl_diff_summary(const struct pl_corpus *c, const struct pl_diff *d,
    struct pl_table *t)
{
	const struct pl_error *err;
	const struct pl_cdoc *o = &c->docs[d->orow], *n = &c->docs[d->nrow];
	const struct pl_diff_stats *s = &d->st;
	char od[11], nd[11];
	size_t r = t->nrows;

	if (t->ncols == 0 && (err = summary_cols(t)) != NULL)
		return err;
	pl_date_format(o->day, od);
	pl_date_format(n->day, nd);
	if ((err = pl_table_add_row(t)) != NULL ||
	    (err = pl_table_set_str(t, r, 0, c->sources[n->source])) != NULL ||
	    (err = pl_table_set_str(t, r, 1, nd)) != NULL ||
	    (err = pl_table_set_str(t, r, 2,
	    pl_corpus_ext_id(c, d->nrow))) != NULL ||
	    (err = pl_table_set_str(t, r, 3, od)) != NULL ||
	    (err = pl_table_set_str(t, r, 4,
	    pl_corpus_ext_id(c, d->orow))) != NULL)
		return err;
	pl_table_set_real(t, r, 5, s->similarity);
	pl_table_set_int(t, r, 6, s->kept);
	pl_table_set_int(t, r, 7, s->added);
	pl_table_set_int(t, r, 8, s->removed);
	pl_table_set_int(t, r, 9, s->new_sents);
	pl_table_set_int(t, r, 10, s->s_kept);
	pl_table_set_int(t, r, 11, s->s_changed);
	pl_table_set_int(t, r, 12, s->s_added);
	pl_table_set_int(t, r, 13, s->s_removed);
	pl_table_set_int(t, r, 14, s->s_moved);
	return NULL;
}

/* Corpus rows sorted by source, date, ingest order. */
static int
cmp_series(const void *a, const void *b, void *arg)
{
	const struct pl_corpus *c = arg;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const struct pl_cdoc *p = &c->docs[x], *q = &c->docs[y];

	if (p->source != q->source)
		return p->source < q->source ? -1 : 1;
	return before(c, x, y) ? -1 : before(c, y, x);
}

const struct pl_error *
pl_diff_series(struct pl_corpus *c, const struct pl_docfilter *f,
    const char *title, struct pl_table *out)
{
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct pl_diff d;
	size_t *rows, n = 0, i;

	pl_table_init(&t);
	pl_diff_init(&d);
	if ((rows = malloc((c->ndocs + 1) * sizeof(*rows))) == NULL)
		return pl_error_nomem();
	for (i = 0; i < c->ndocs; i++)
		if (passes(c, i, f, title))
			rows[n++] = i;
	qsort_r(rows, n, sizeof(*rows), cmp_series, c);
	for (i = 1; i < n; i++) {
		if (c->docs[rows[i]].source != c->docs[rows[i - 1]].source)
			continue;
		if ((err = pl_diff_docs(c, rows[i - 1], rows[i], &d)) != NULL ||
		    (err = pl_diff_summary(c, &d, &t)) != NULL)
			goto done;
	}
	if (t.ncols == 0 && (err = summary_cols(&t)) != NULL)
		goto done;
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	pl_diff_release(&d);
	pl_table_release(&t);
	free(rows);
	return err;
}

/* Phrases that entered and left. */
struct gram {
	uint64_t	 h;
	uint32_t	 n;
	int		 side;		/* of the first occurrence seen */
	uint32_t	 pos;		/* its first token */
	uint32_t	 cnt[2];
	uint32_t	 first[2];	/* first token on each side */
	int		 sub;		/* inside a longer one, as often */
};

struct grams {
	struct gram	*v;
	size_t		 n, cap;
	uint32_t	*slot;		/* index + 1; 0 empty */
	size_t		 nslots;
	const uint64_t	*ids[2];
};

static long
gram_find(struct grams *g, int side, size_t pos, size_t n, int add)
{
	const uint64_t *w = g->ids[side] + pos;
	uint64_t h = hash_bytes(w, n * sizeof(*w));
	size_t k = (size_t)h & (g->nslots - 1);

	for (;; k = (k + 1) & (g->nslots - 1)) {
		struct gram *x;
		if (g->slot[k] == 0)
			break;
		x = &g->v[g->slot[k] - 1];
		if (x->h == h && x->n == n && memcmp(g->ids[x->side] + x->pos,
		    w, n * sizeof(*w)) == 0)
			return (long)g->slot[k] - 1;
	}
	if (!add)
		return -1;
	if (g->n == g->cap)
		return -2;	/* cannot happen: sized for every n-gram */
	memset(&g->v[g->n], 0, sizeof(g->v[0]));
	g->v[g->n].h = h;
	g->v[g->n].n = (uint32_t)n;
	g->v[g->n].side = side;
	g->v[g->n].pos = (uint32_t)pos;
	g->slot[k] = (uint32_t)++g->n;
	return (long)g->n - 1;
}

struct word {
	uint64_t	 id;
	char		*text;
	int		 stop;
};

static int
cmp_word(const void *a, const void *b)
{
	return cmp_u64(&((const struct word *)a)->id,
	    &((const struct word *)b)->id);
}

static const struct word *
word_of(const struct word *w, size_t n, uint64_t id)
{
	struct word key;

	key.id = id;
	return bsearch(&key, w, n, sizeof(*w), cmp_word);
}

struct prow {
	int		 left;
	uint32_t	 at;	/* first token */
	uint32_t	 n;
	size_t		 g;
};

static int
cmp_prow(const void *a, const void *b)
{
	const struct prow *x = a, *y = b;

	if (x->left != y->left)
		return x->left - y->left;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->n > y->n ? -1 : x->n < y->n;
}

/* 1 if clause punctuation stands between token i - 1 and i of a side. */
static int
clause_before(const struct pl_diff *d, int side, size_t i)
{
	const uint32_t *off = side ? d->ntok_off : d->otok_off;
	const uint32_t *len = side ? d->ntok_len : d->otok_len;
	const char *text = side ? d->ntext : d->otext;
	size_t tlen = side ? d->nlen : d->olen;

	return clause_gap(text, tlen, off[i - 1] + len[i - 1], off[i]);
}

const struct pl_error *
pl_diff_phrases(struct pl_corpus *c, const struct pl_diff *d,
    struct pl_table *out)
{
	static const char *const names[] = { "change", "phrase", "n",
	    "count", "offset" };
	static const int types[] = { PL_COL_STR, PL_COL_STR, PL_COL_INT,
	    PL_COL_INT, PL_COL_INT };
	const struct pl_error *err = NULL;
	const uint64_t *ids[2] = { d->oids, d->nids };
	const uint32_t *sb[2] = { d->osb, d->nsb };
	size_t ntok[2] = { d->on, d->nn }, ns[2] = { d->ons, d->nns };
	size_t nmax = (size_t)pl_tokenizer_cfg(c->tk)->ngram_max;
	struct word *wv = NULL;
	size_t nw = 0, i, k, p, n, side;
	struct grams g;
	struct prow *pr = NULL;
	size_t npr = 0;
	struct pl_table t;
	struct buf b;
	memset(&g, 0, sizeof(g));
	pl_table_init(&t);
	buf_init(&b);
	/* Each distinct word's text and stopword flag. */
	if ((wv = calloc(d->on + d->nn + 1, sizeof(*wv))) == NULL)
		goto nomem;
	for (side = 0; side < 2; side++)
		for (i = 0; i < ntok[side]; i++)
			wv[nw++].id = ids[side][i];
	qsort(wv, nw, sizeof(*wv), cmp_word);
	for (i = k = 0; i < nw; i++)
		if (k == 0 || wv[k - 1].id != wv[i].id)
			wv[k++].id = wv[i].id;
	nw = k;
	for (i = 0; i < nw; i++) {
		if ((err = pl_db_word_text(c->db, (int64_t)wv[i].id,
		    &wv[i].text)) != NULL)
			goto done;
		if (wv[i].text == NULL) {
			err = pl_error_fmt(PL_ERR_DB, "%s: word id %llu in a "
			    "token list is not in the term table",
			    pl_db_path(c->db), (unsigned long long)wv[i].id);
			goto done;
		}
		wv[i].stop = pl_tokenizer_is_stop(c->tk, wv[i].text,
		    strlen(wv[i].text));
	}
	/* Every n-gram of both sides, counted. */
	g.cap = (d->on + d->nn) * nmax + 1;
	for (g.nslots = 16; g.nslots < 2 * g.cap; g.nslots *= 2)
		;
	g.ids[0] = d->oids;
	g.ids[1] = d->nids;
	if ((g.v = malloc(g.cap * sizeof(*g.v))) == NULL ||
	    (g.slot = calloc(g.nslots, sizeof(*g.slot))) == NULL)
		goto nomem;
	for (side = 0; side < 2; side++)
		for (k = 0; k < ns[side]; k++)
			for (p = sb[side][k]; p < sb[side][k + 1]; p++)
				for (n = 1; n <= nmax && p + n <= sb[side][k + 1] &&
				    (n == 1 || !clause_before(d, (int)side,
				    p + n - 1)); n++) {
					long x;
					if (word_of(wv, nw, ids[side][p])->stop ||
					    word_of(wv, nw,
					    ids[side][p + n - 1])->stop)
						continue;
					x = gram_find(&g, (int)side, p, n, 1);
					if (x < 0)
						goto nomem;
					if (g.v[x].cnt[side]++ == 0)
						g.v[x].first[side] = (uint32_t)p;
				}
	/* Leave out phrases inside longer ones that changed as often. */
	for (i = 0; i < g.n; i++) {
		struct gram *x = &g.v[i];
		int s = x->cnt[0] == 0 ? 1 : 0;
		size_t q, l;
		if ((x->cnt[0] == 0) == (x->cnt[1] == 0) || x->n < 2)
			continue;
		for (l = 1; l < x->n; l++)
			for (q = 0; q + l <= x->n; q++) {
				long y = gram_find(&g, s, x->first[s] + q, l, 0);
				if (y >= 0 && g.v[y].cnt[!s] == 0 &&
				    g.v[y].cnt[s] == x->cnt[s])
					g.v[y].sub = 1;
			}
	}
	if ((pr = malloc((g.n + 1) * sizeof(*pr))) == NULL)
		goto nomem;
	for (i = 0; i < g.n; i++) {
		const struct gram *x = &g.v[i];
		if ((x->cnt[0] == 0) == (x->cnt[1] == 0) || x->sub)
			continue;
		pr[npr].left = x->cnt[1] == 0;
		pr[npr].at = x->first[x->cnt[1] == 0 ? 0 : 1];
		pr[npr].n = x->n;
		pr[npr++].g = i;
	}
	qsort(pr, npr, sizeof(*pr), cmp_prow);
	if ((err = add_cols(&t, names, types, 5)) != NULL)
		goto done;
	for (i = 0; i < npr; i++) {
		const struct gram *x = &g.v[pr[i].g];
		int s = pr[i].left ? 0 : 1;
		size_t r = t.nrows;
		b.n = 0;
		for (k = 0; k < x->n; k++) {
			const char *w = word_of(wv, nw,
			    ids[s][x->first[s] + k])->text;
			if ((k > 0 && buf_add(&b, " ", 1) == -1) ||
			    buf_add(&b, w, strlen(w)) == -1)
				goto nomem;
		}
		if ((err = pl_table_add_row(&t)) != NULL ||
		    (err = pl_table_set_str(&t, r, 0, s ? "entered" : "left")) !=
		    NULL ||
		    buf_add(&b, "", 1) == -1 ||
		    (err = pl_table_set_term(&t, r, 1, (const char *)b.p)) !=
		    NULL)
			goto done;
		pl_table_set_int(&t, r, 2, x->n);
		pl_table_set_int(&t, r, 3, x->cnt[s]);
		pl_table_set_int(&t, r, 4, s ? d->ntok_off[x->first[s]] :
		    d->otok_off[x->first[s]]);
	}
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
	goto done;
nomem:
	err = pl_error_nomem();
done:
	if (wv)
		for (i = 0; i < nw; i++)
			free(wv[i].text);
	free(wv);
	free(g.v);
	free(g.slot);
	free(pr);
	buf_release(&b);
	pl_table_release(&t);
	return err;
}

/*
 * grams.c - the distinct n-grams of one document (see extern.h).
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/token.h"
#include "extern.h"

void
docgrams_init(struct docgrams *g)
{
	memset(g, 0, sizeof(*g));
}

void
docgrams_release(struct docgrams *g)
{
	if (g == NULL)
		return;
	free(g->v);
	free(g->th);
	free(g->stop);
	free(g->wl);
	free(g->wfirst);
	free(g->slots);
	free(g->gh);
	docgrams_init(g);
}

static int
same_tokens(const struct pl_tokens *t, uint32_t a, uint32_t b, uint32_t n)
{
	uint32_t k;

	for (k = 0; k < n; k++) {
		const struct pl_token *x = &t->v[a + k], *y = &t->v[b + k];
		if (x->nlen != y->nlen || memcmp(t->norm + x->norm,
		    t->norm + y->norm, x->nlen) != 0)
			return 0;
	}
	return 1;
}

int
docgrams_compute(struct docgrams *g, const struct pl_tokenizer *tk,
    const struct pl_tokens *t)
{
	int maxn = pl_tokenizer_cfg(tk)->ngram_max;
	size_t i, need, mask;
	uint32_t n, e;
	uint64_t h;

	g->n = 0;
	if (t->n > g->tcap) {
		uint64_t *th = realloc(g->th, t->n * sizeof(*th));
		uint8_t *st = th ? realloc(g->stop, t->n) : NULL;
		uint32_t *wl = st ? realloc(g->wl, t->n * sizeof(*wl)) : NULL;
		uint32_t *wf = wl ? realloc(g->wfirst, t->n * sizeof(*wf)) :
		    NULL;
		if (th)
			g->th = th;
		if (st)
			g->stop = st;
		if (wl)
			g->wl = wl;
		if (wf)
			g->wfirst = wf;
		if (wf == NULL)
			return -1;
		g->tcap = t->n;
	}
	for (i = 0; i < t->n; i++) {
		const struct pl_token *k = &t->v[i];
		g->th[i] = hash_bytes(t->norm + k->norm, k->nlen);
		g->stop[i] = (uint8_t)pl_tokenizer_is_stop(tk, t->norm + k->norm,
		    k->nlen);
	}
	/* A table with room for every n-gram at load factor 1/2. */
	need = 64;
	while (need < t->n * (size_t)maxn * 2)
		need *= 2;
	if (need > g->nslots) {
		uint32_t *ns = realloc(g->slots, need * sizeof(*ns));
		if (ns == NULL)
			return -1;
		g->slots = ns;
		g->nslots = need;
	}
	mask = g->nslots - 1;
	/*
	 * The document's distinct words, so the indexing thread looks each
	 * up once per document instead of once per token.
	 */
	memset(g->slots, 0, g->nslots * sizeof(*g->slots));
	g->nw = 0;
	for (i = 0; i < t->n; i++) {
		size_t s;
		for (s = g->th[i] & mask; (e = g->slots[s]) != 0;
		    s = (s + 1) & mask)
			if (g->th[g->wfirst[e - 1]] == g->th[i] &&
			    same_tokens(t, g->wfirst[e - 1], (uint32_t)i, 1))
				break;
		if (e == 0) {
			g->wfirst[g->nw] = (uint32_t)i;
			g->slots[s] = e = (uint32_t)++g->nw;
		}
		g->wl[i] = e - 1;
	}
	memset(g->slots, 0, g->nslots * sizeof(*g->slots));
	for (i = 0; i < t->n; i++) {
		h = 0x9e3779b97f4a7c15ULL;
		for (n = 1; n <= (uint32_t)maxn && i + n <= t->n; n++) {
			size_t j = i + n - 1, s;
			if (t->v[j].clause != t->v[i].clause)
				break;
			h = (h ^ g->th[j]) * 0xff51afd7ed558ccdULL;
			h ^= h >> 32;
			if (n >= 2 && (g->stop[i] || g->stop[j]))
				continue;
			for (s = h & mask; (e = g->slots[s]) != 0;
			    s = (s + 1) & mask) {
				struct lgram *lg = &g->v[e - 1];
				if (g->gh[e - 1] == h && lg->n == n &&
				    same_tokens(t, lg->first, (uint32_t)i, n)) {
					lg->count++;
					break;
				}
			}
			if (e != 0)
				continue;
			if (g->n == g->cap) {
				size_t nc = g->cap ? g->cap * 2 : 1024;
				struct lgram *nv = realloc(g->v,
				    nc * sizeof(*nv));
				uint64_t *ngh = nv ? realloc(g->gh,
				    nc * sizeof(*ngh)) : NULL;
				if (nv)
					g->v = nv;
				if (ngh)
					g->gh = ngh;
				if (nv == NULL || ngh == NULL)
					return -1;
				g->cap = nc;
			}
			g->v[g->n].first = (uint32_t)i;
			g->v[g->n].n = n;
			g->v[g->n].count = 1;
			g->gh[g->n] = h;
			g->slots[s] = (uint32_t)++g->n;
		}
	}
	return 0;
}

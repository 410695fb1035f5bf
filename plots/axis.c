/*
 * axis.c - ticks for date and value axes, and the viridis colour scale.
 * Pure functions: no cairo, no pango.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plenum/date.h"
#include "plotint.h"

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* Tick steps, finest first: kind 0 days, 1 weeks, 2 months; n of them. */
static const struct { int kind, n; } steps[] = {
	{ 0, 1 }, { 1, 1 }, { 1, 2 }, { 2, 1 }, { 2, 3 }, { 2, 6 },
	{ 2, 12 }, { 2, 24 }, { 2, 60 }, { 2, 120 }
};

/* The first tick boundary at or after d for a step. */
static int64_t
step_first(int kind, int n, int64_t d)
{
	int y, m, dd;
	int64_t s;

	if (kind == 0)
		return d;
	if (kind == 1) {
		s = pl_bucket_start(PL_BUCKET_WEEK, d);
		return s < d ? s + 7 : s;	/* the next Monday */
	}
	pl_civil_from_days(d, &y, &m, &dd);
	/* months counted from year 0 so multiples line up on January */
	{
		int64_t mi = (int64_t)y * 12 + (m - 1);
		int64_t k = (mi + n - 1) / n * n;
		if (dd > 1 && k == mi)
			k += n;
		return pl_days_from_civil((int)(k / 12), (int)(k % 12) + 1, 1);
	}
}

static int64_t
step_next(int kind, int n, int64_t s)
{
	int y, m, d;
	int64_t mi;

	if (kind == 0)
		return s + n;
	if (kind == 1)
		return s + 7 * n;
	pl_civil_from_days(s, &y, &m, &d);
	mi = (int64_t)y * 12 + (m - 1) + n;
	return pl_days_from_civil((int)(mi / 12), (int)(mi % 12) + 1, 1);
}

size_t
pl_plot_date_ticks(int64_t dmin, int64_t dmax, size_t max, struct pl_tick *t)
{
	return plot_date_ticks(dmin, dmax, max, t, 0, 0);
}

size_t
plot_date_ticks(int64_t dmin, int64_t dmax, size_t max, struct pl_tick *t,
    int zh, int xbucket)
{
	/* the first step at least as long as the bucket: day, week,
	 * month, quarter, year */
	static const size_t first[] = { 0, 0, 1, 3, 4, 6 };
	size_t k, n = 0, cnt;
	int64_t s;
	int y, m, d, lasty = -1;

	if (max > 64)
		max = 64;
	for (k = xbucket >= 0 && xbucket <= 5 ? first[xbucket] : 0;
	    k < sizeof(steps) / sizeof(steps[0]); k++) {
		cnt = 0;
		for (s = step_first(steps[k].kind, steps[k].n, dmin); s <= dmax;
		    s = step_next(steps[k].kind, steps[k].n, s))
			cnt++;
		if (cnt <= max || k + 1 == sizeof(steps) / sizeof(steps[0]))
			break;
	}
	for (s = step_first(steps[k].kind, steps[k].n, dmin); s <= dmax &&
	    n < max; s = step_next(steps[k].kind, steps[k].n, s)) {
		struct pl_tick *tk = &t[n++];
		memset(tk, 0, sizeof(*tk));
		tk->value = (double)s;
		pl_civil_from_days(s, &y, &m, &d);
		if (steps[k].kind == 2 && steps[k].n >= 12)
			snprintf(tk->label, sizeof(tk->label), "%d", y);
		else if (steps[k].kind == 2) {
			if (zh)
				snprintf(tk->label, sizeof(tk->label),
				    "%d\xe6\x9c\x88", m);
			else
				snprintf(tk->label, sizeof(tk->label), "%s",
				    months[m - 1]);
			if (y != lasty)
				snprintf(tk->label2, sizeof(tk->label2), "%d", y);
		} else {
			if (zh)
				snprintf(tk->label, sizeof(tk->label),
				    "%d\xe6\x9c\x88%d\xe6\x97\xa5", m, d);
			else
				snprintf(tk->label, sizeof(tk->label), "%d %s",
				    d, months[m - 1]);
			if (y != lasty)
				snprintf(tk->label2, sizeof(tk->label2), "%d", y);
		}
		lasty = y;
	}
	return n;
}

size_t
pl_plot_nice_ticks(double *lo, double *hi, size_t max, struct pl_tick *t)
{
	double r, raw, mag, step, v, a, b;
	static const double mult[] = { 1, 2, 5, 10 };
	size_t i, n = 0;
	int dec;

	if (max < 2)
		max = 2;
	if (max > 16)
		max = 16;
	if (!(*hi > *lo))
		*hi = *lo + 1;
	r = *hi - *lo;
	raw = r / (double)(max - 1);
	mag = pow(10, floor(log10(raw)));
	step = 10 * mag;
	for (i = 0; i < 4; i++)
		if (mult[i] * mag >= raw) {
			step = mult[i] * mag;
			break;
		}
	a = floor(*lo / step + 1e-9) * step;
	b = ceil(*hi / step - 1e-9) * step;
	dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
	for (v = a; v <= b + step * 1e-6 && n < 16; v = a + step * (double)n) {
		struct pl_tick *tk = &t[n++];
		memset(tk, 0, sizeof(*tk));
		tk->value = fabs(v) < step * 1e-9 ? 0 : v;
		snprintf(tk->label, sizeof(tk->label), "%.*f", dec, tk->value);
	}
	*lo = a;
	*hi = b;
	return n;
}

/* viridis at i/8 (matplotlib's _viridis_data, every 32nd entry). */
static const double viridis[9][3] = {
	{ 0x44 / 255., 0x01 / 255., 0x54 / 255. },
	{ 0x47 / 255., 0x2c / 255., 0x7a / 255. },
	{ 0x3b / 255., 0x51 / 255., 0x8b / 255. },
	{ 0x2c / 255., 0x71 / 255., 0x8e / 255. },
	{ 0x21 / 255., 0x90 / 255., 0x8d / 255. },
	{ 0x27 / 255., 0xad / 255., 0x81 / 255. },
	{ 0x5c / 255., 0xc8 / 255., 0x63 / 255. },
	{ 0xaa / 255., 0xdc / 255., 0x32 / 255. },
	{ 0xfd / 255., 0xe7 / 255., 0x25 / 255. },
};

void
pl_plot_viridis(double v, double rgb[3])
{
	double f;
	int i, k;

	if (!(v > 0))
		v = 0;
	if (v > 1)
		v = 1;
	f = v * 8;
	i = (int)floor(f);
	if (i >= 8)
		i = 7;
	f -= i;
	for (k = 0; k < 3; k++)
		rgb[k] = viridis[i][k] + (viridis[i + 1][k] - viridis[i][k]) * f;
}

/*
 * seg-test.c - the Chinese segmenter (lib/seg.c) through the tokenizer,
 * and the vocabulary filter (lib/vocab.c): names, numerals, official
 * terms, the user dictionary winning, traditional input with t2s, mixed
 * Latin and Han, number typing, the shown form of n-grams.
 *
 * Expected segmentations are written by hand from the rules in
 * docs/TOKENIZER.md (tokens joined by one space).
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/token.h"
#include "plenum/vocab.h"
#include "tap.h"

static struct pl_tokens toks;
static char out[8192];

static const char *
tokenize(struct pl_tokenizer *tk, const char *text)
{
	const struct pl_error *err;
	size_t i, n = 0;

	out[0] = '\0';
	if ((err = pl_tokenize(tk, text, strlen(text), &toks)) != NULL) {
		snprintf(out, sizeof(out), "error: %s", err->msg);
		return out;
	}
	for (i = 0; i < toks.n; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s",
		    i ? " " : "", PL_TOKEN_STR(&toks, i));
	return out;
}

#define T(text, want)	is_str(tokenize(tk, text), want, text)

int
main(void)
{
	struct pl_tokenizer *tk, *tk2;
	struct pl_tokcfg cfg;
	struct pl_vocab v;
	char buf[PL_TERM_SHOW_MAX];

	if (pl_tokenizer_new(NULL, &tk) != NULL) {
		ok(0, "default tokenizer");
		return tap_done();
	}
	/* The examples. */
	T("党的二十大和二十届一中全会", "党 的 二十大 和 二十届 一中全会");
	T("第十九届", "第十九届");
	T("粤港澳大湾区", "粤港澳大湾区");
	T("两个确立", "两个确立");
	T("十四五规划", "十四五 规划");
	/* Official terms. */
	T("推动共同富裕", "推动 共同富裕");
	T("发展全过程人民民主", "发展 全过程人民民主");
	T("加快发展新质生产力", "加快 发展 新质生产力");
	T("以中国式现代化全面推进中华民族伟大复兴",
	    "以 中国式现代化 全面 推进 中华民族伟大复兴");
	T("中央政治局召开会议", "中央 政治局 召开 会议");
	T("十四届全国人大二次会议", "十四届 全国人大 二次 会议");
	T("党的二十届三中全会", "党 的 二十届 三中全会");
	T("共建一带一路", "共建 一带一路");
	/* Names: in the lexicon, or found by the HMM. */
	T("李强主持召开国务院常务会议", "李强 主持 召开 国务院 常务会议");
	T("王沪宁出席", "王沪宁 出席");
	T("他来到了网易杭研大厦", "他 来到 了 网易 杭研 大厦");
	/* Numerals with their units; words made of numerals stay words. */
	T("二〇二二年", "二〇二二年");
	T("二十多年来", "二十多年 来");
	T("统一三年", "统一 三年");
	T("万一出现", "万一 出现");
	T("两个维护", "两个维护");
	/* Digits keep the Han magnitude and unit after them. */
	T("2025年10月11日", "2025年 10月 11日");
	T("3.5万亿元", "3.5万亿元");
	T("300多人参加", "300多人 参加");
	/* 亩 and, after digits, 例 are units (tokenizer version 4). */
	T("新增确诊病例6227例", "新增 确诊 病例 6227例");
	T("30万亩冬枣", "30万亩 冬枣");
	T("又一例证", "又 一 例证");
	T("平均亩产", "平均 亩产");
	/* Mixed Latin and Han. */
	T("G20峰会", "g20 峰会");
	T("5G网络", "5g 网络");
	T("COVID-19疫情", "covid-19 疫情");

	/* The user dictionary always wins, against terms and frequencies. */
	pl_tokcfg_defaults(&cfg);
	cfg.user_dict = "# mine\n大和\n确立\n杭研大厦\n";
	if (pl_tokenizer_new(&cfg, &tk2) == NULL) {
		is_str(tokenize(tk2, "二十大和"), "二十 大和",
		    "user word beats the term 二十大");
		is_str(tokenize(tk2, "两个确立"), "两个 确立",
		    "user word beats the term 两个确立");
		is_str(tokenize(tk2, "他来到了网易杭研大厦"),
		    "他 来到 了 网易 杭研大厦", "user word beats the HMM");
		pl_tokenizer_free(tk2);
	} else
		ok(0, "tokenizer with a user dictionary");

	/* Traditional input with t2s: segmented as simplified. */
	pl_tokcfg_defaults(&cfg);
	cfg.t2s = 1;
	if (pl_tokenizer_new(&cfg, &tk2) == NULL) {
		is_str(tokenize(tk2, "堅持兩個確立"), "坚持 两个确立",
		    "traditional 兩個確立 is the term");
		ok(toks.n == 2 && toks.v[1].off == 6 && toks.v[1].len == 12,
		    "spans stay on the traditional text");
		is_str(tokenize(tk2, "粵港澳大灣區建設"), "粤港澳大湾区 建设",
		    "traditional 粵港澳大灣區");
		pl_tokenizer_free(tk2);
	} else
		ok(0, "t2s tokenizer");

	/* Number typing. */
#define N(s, want) is_int(pl_word_is_number(s, strlen(s)), want, "number? " s)
	N("2025", 1);
	N("1,000", 1);
	N("2.5", 1);
	N("20th", 1);
	N("2022-10-16", 1);
	N("2025年", 1);
	N("10月", 1);
	N("6227例", 1);
	N("30万亩", 1);
	N("第十九届", 1);
	N("二十届", 1);
	N("一", 1);
	N("年", 1);
	N("月", 1);
	N("十四五", 0);
	N("二十大", 0);
	N("g20", 0);
	N("covid-19", 0);
	N("统一", 0);
	N("发展", 0);
	N("人", 0);
#undef N
	ok(!pl_vocab_keep(NULL, "2025年", 1, 10), "numbers left out by default");
	ok(!pl_vocab_keep(NULL, "10月 11日", 1, 10), "a date bigram too");
	ok(!pl_vocab_keep(NULL, "党 的 二十届", 1, 10), "an n-gram ending in one");
	ok(pl_vocab_keep(NULL, "十四五 规划", 1, 10), "a programme is no number");
	pl_vocab_init(&v);
	v.keep_numbers = 1;
	ok(pl_vocab_keep(&v, "2025年", 1, 10), "kept with keep_numbers");
	v.min_chars = 2;
	ok(!pl_vocab_keep(&v, "党", 1, 10), "min_chars 2 drops 党");
	ok(pl_vocab_keep(&v, "the", 1, 10), "but not Latin words");
	v.max_df = 0.5;
	ok(!pl_vocab_keep(&v, "央视网", 6, 10), "max_df 0.5 drops 6 of 10");
	ok(pl_vocab_keep(&v, "央视网", 5, 10), "and keeps 5 of 10");
	if (pl_vocab_exclude(&v, tk, "# boilerplate\n央视网消息\n新闻 联播\n",
	    "list") == NULL) {
		ok(!pl_vocab_keep(&v, "央视网 消息", 1, 10),
		    "excluded, written joined");
		ok(!pl_vocab_keep(&v, "新闻 联播", 1, 10), "excluded bigram");
		ok(pl_vocab_keep(&v, "新闻", 1, 10), "its word is not");
	} else
		ok(0, "exclude list");
	pl_vocab_release(&v);

	/* Shown form of n-grams. */
	is_str(pl_term_show("共同 富裕", buf, sizeof(buf)), "共同富裕",
	    "Han bigram joined");
	is_str(pl_term_show("g20 峰会", buf, sizeof(buf)), "g20 峰会",
	    "space kept next to Latin");
	is_str(pl_term_show("峰会 在 g20", buf, sizeof(buf)), "峰会在 g20",
	    "mixed trigram");
	is_str(pl_term_show("rule of law", buf, sizeof(buf)), "rule of law",
	    "English untouched");

	pl_tokenizer_free(tk);
	pl_tokens_release(&toks);
	return tap_done();
}

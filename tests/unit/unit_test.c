/* unit_test.c: table-driven tests of the library's pure parts: sizes, rw
 * names, layout matching, fio's bucket values, percentiles, SHA-256,
 * Student's t, the histogram text form, the memory budget's order.  Prints TAP-like lines and
 * "N passed, N failed". */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#include "fioscope.h"
#include "walk.h"
#include "ingest_write.h"
#include "figure.h"
#include "png_meta.h"

static int passed, failed;

#define CHECK(cond, ...) do { \
	if (cond) { passed++; } else { failed++; \
		printf("not ok: %s:%d: ", __FILE__, __LINE__); \
		printf(__VA_ARGS__); printf("\n"); } } while (0)

static void test_sizes(void)
{
	static const struct { const char *in; int64_t want; } cases[] = {
		{ "65536", 65536 }, { "64k", 65536 }, { "64K", 65536 },
		{ "64KiB", 65536 }, { "64kb", 65536 }, { "1m", 1048576 },
		{ "16MiB", 16777216 }, { "256", 256 }, { "4k,8k", 4096 },
		{ "4k-16k", 4096 }, { "", -1 }, { "k", -1 }, { "64q", -1 },
		{ "1x", -1 }, { "99999999999999999999", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t got = fsc_parse_size(cases[i].in);

		CHECK(got == cases[i].want, "parse_size(%s) = %lld, want %lld",
		      cases[i].in, (long long)got, (long long)cases[i].want);
	}
}

static void test_rw(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "read", "read" }, { "randread", "randread" },
		{ "readwrite", "rw" }, { "randrw", "randrw" },
		{ "randread:8", "randread" }, { "RandWrite", "randwrite" },
		{ "reading", NULL }, { "", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = fsc_rw_name(cases[i].in);

		CHECK((!got && !cases[i].want) ||
		      (got && cases[i].want && !strcmp(got, cases[i].want)),
		      "rw_name(%s) = %s", cases[i].in, got ? got : "NULL");
	}
}

static void test_layout(void)
{
	static const char *ref = "{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json";
	static const struct {
		const char *tmpl, *path, *key, *want;
	} cases[] = {
		{ NULL, "res/kata-9p/beegfs-randread/64/c07/64k.json", "runtime", "kata-9p" },
		{ NULL, "res/kata-9p/beegfs-randread/64/c07/64k.json", "backend", "beegfs" },
		{ NULL, "res/kata-9p/beegfs-randread/64/c07/64k.json", "rw", "randread" },
		{ NULL, "res/kata-9p/beegfs-randread/64/c07/64k.json", "clients", "64" },
		{ NULL, "res/kata-9p/beegfs-randread/64/c07/64k.json", "client", "c07" },
		{ NULL, "res/kata-9p/beegfs-randread/64/c07/64k.json", "bs", "64k" },
		{ NULL, "x/my-fs-write/1/c1/4k.json.gz", "backend", "my-fs" },
		{ NULL, "x/my-fs-write/1/c1/4k.json.gz", "rw", "write" },
		{ "rep{rep}/{*}/{runtime}.json", "a/rep3/zz/runc.json", "rep", "3" },
		{ "rep{rep}/{*}/{runtime}.json", "a/rep3/zz/runc.json", "runtime", "runc" },
	};
	static const char *nomatch[] = {
		"kata/beegfs-randread/x64/c07/64k.json",	/* clients not a number */
		"kata/beegfs-foo/64/c07/64k.json",		/* rw not a pattern */
		"beegfs-read/64/c07/64k.json",			/* too short */
		"kata/beegfs-read/64/c07/64k.txt",
	};
	struct fsc_err err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fsc_labels ls = { .n = 0 };
		const char *t = cases[i].tmpl ? cases[i].tmpl : ref;
		int m = fsc_layout_match(t, cases[i].path, &ls);
		const char *got = fsc_labels_get(&ls, cases[i].key);

		CHECK(m && got && !strcmp(got, cases[i].want),
		      "layout %s on %s: %s = %s, want %s", t, cases[i].path,
		      cases[i].key, got ? got : "NULL", cases[i].want);
		fsc_labels_free(&ls);
	}
	for (i = 0; i < sizeof(nomatch) / sizeof(nomatch[0]); i++) {
		struct fsc_labels ls = { .n = 0 };

		CHECK(!fsc_layout_match(ref, nomatch[i], &ls),
		      "layout matched %s", nomatch[i]);
		CHECK(ls.n == 0, "labels left behind after no match");
		fsc_labels_free(&ls);
	}
	CHECK(fsc_layout_check(ref, &err) == 0, "reference layout refused");
	CHECK(fsc_layout_check("{runtime}/{bogus}.json", &err) < 0,
	      "unknown placeholder accepted");
	CHECK(fsc_layout_check("{runtime}{rw}", &err) < 0,
	      "adjacent placeholders accepted");
	CHECK(fsc_layout_check("{runtime", &err) < 0, "unclosed accepted");
}

static void test_plat(void)
{
	/* fio 3.x, FIO_IO_U_PLAT_BITS 6: bucket values are exact below 128
	 * and the mean of their range above (stat.c plat_idx_to_val). */
	static const struct { unsigned idx; uint64_t want; } cases[] = {
		{ 0, 0 }, { 100, 100 }, { 127, 127 }, { 128, 129 },
		{ 129, 131 }, { 192, 258 }, { 256, 516 }, { 1000, 1712128 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t got = fsc_plat_idx_to_val(cases[i].idx, 6);

		CHECK(got == cases[i].want, "plat_idx_to_val(%u) = %llu, want %llu",
		      cases[i].idx, (unsigned long long)got,
		      (unsigned long long)cases[i].want);
	}
}

static void test_percentile(void)
{
	/* 10 samples: values 1..10, one each.  fio: first bucket where the
	 * cumulative count >= p/100 * 10. */
	struct fsc_bin b[10];
	size_t i;

	for (i = 0; i < 10; i++) {
		b[i].value_ns = i + 1;
		b[i].count = 1;
	}
	CHECK(fsc_hist_percentile(b, 10, 10, 50) == 5, "p50");
	CHECK(fsc_hist_percentile(b, 10, 10, 50.000001) == 6, "p50+");
	CHECK(fsc_hist_percentile(b, 10, 10, 99) == 10, "p99");
	CHECK(fsc_hist_percentile(b, 10, 10, 1) == 1, "p1");
	CHECK(fsc_hist_percentile(b, 0, 0, 50) == 0, "empty");
}

static void test_merge(void)
{
	struct fsc_bin a0[] = { { 10, 1 }, { 20, 2 }, { 40, 4 } };
	struct fsc_bin b[] = { { 5, 1 }, { 20, 3 }, { 50, 1 } };
	struct fsc_bin *a = malloc(sizeof(a0));
	struct fsc_buf t = FSC_BUF_INIT;
	struct fsc_bin *back;
	size_t na = 3, cap = 3, nb;

	memcpy(a, a0, sizeof(a0));
	CHECK(fsc_hist_merge(&a, &na, &cap, b, 3) == 0, "merge saturated");
	CHECK(na == 5 && a[0].value_ns == 5 && a[2].value_ns == 20 &&
	      a[2].count == 5 && a[4].value_ns == 50, "merge");
	fsc_hist_format(a, na, &t);
	CHECK(!strcmp(t.buf, "{\"5\":1,\"10\":1,\"20\":5,\"40\":4,\"50\":1}"),
	      "format: %s", t.buf);
	CHECK(fsc_hist_parse(t.buf, &back, &nb) == 0 && nb == 5 &&
	      back[2].count == 5, "parse back");
	free(back);
	CHECK(fsc_hist_parse("{\"1\":x}", &back, &nb) < 0, "bad text accepted");
	CHECK(fsc_hist_parse("{}", &back, &nb) == 0 && nb == 0, "empty text");
	free(back);
	fsc_buf_release(&t);
	free(a);
}

/* A bucket's sum past 2^64 - 1 stays there, and the merge says so (the
 * statistics then mark the latency inexact); percentiles of such counts
 * do not wrap either. */
static void test_merge_saturates(void)
{
	struct fsc_bin a0[] = { { 10, UINT64_MAX - 1 }, { 20, 7 } };
	struct fsc_bin b[] = { { 10, 5 }, { 30, 1 } };
	struct fsc_bin *a = malloc(sizeof(a0));
	size_t na = 2, cap = 2;

	memcpy(a, a0, sizeof(a0));
	CHECK(fsc_hist_merge(&a, &na, &cap, b, 2) == 1, "no saturation seen");
	CHECK(na == 3 && a[0].count == UINT64_MAX && a[1].count == 7 &&
	      a[2].count == 1, "saturated merge: %llu",
	      (unsigned long long)a[0].count);
	free(a);
	/* a running sum past 2^64 must not wrap back below the target */
	{
		struct fsc_bin c[] = { { 10, 5 }, { 20, UINT64_MAX }, { 30, 1 } };

		CHECK(fsc_hist_percentile(c, 3, UINT64_MAX, 100) == 20,
		      "percentile's running sum wrapped");
	}
}

/* FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and a million 'a', both
 * fed in odd pieces and in one call, through libcrypto's EVP interface. */
static void test_sha256_vectors(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	static const char *mega =
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
	struct fsc_sha256 s;
	char hex[65], *a;
	size_t i, j;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK(fsc_sha256_init(&s) == 0, "sha256 init");
		fsc_sha256_update(&s, cases[i].in, strlen(cases[i].in));
		CHECK(fsc_sha256_hex(&s, hex) == 0, "sha256 final");
		CHECK(!strcmp(hex, cases[i].want), "sha256(%s) = %s",
		      cases[i].in, hex);
	}
	a = malloc(1000000);
	memset(a, 'a', 1000000);
	/* in odd pieces: whole blocks and a partial one in most calls */
	CHECK(fsc_sha256_init(&s) == 0, "sha256 init");
	for (i = 0; i < 1000000; i += j) {
		j = 1000000 - i < 997 ? 1000000 - i : 997;
		fsc_sha256_update(&s, a + i, j);
	}
	CHECK(fsc_sha256_hex(&s, hex) == 0 && !strcmp(hex, mega),
	      "sha256(1M a, pieces) = %s", hex);
	CHECK(fsc_sha256_init(&s) == 0, "sha256 init");
	fsc_sha256_update(&s, a, 1000000);
	CHECK(fsc_sha256_hex(&s, hex) == 0 && !strcmp(hex, mega),
	      "sha256(1M a, one call) = %s", hex);
	free(a);
}

/* A file's sha256 as ingest records it: the digest that the hand-written
 * SHA-256 of before gave for this fixture (tests/golden/store-dump.txt
 * has them all), and the bytes on disk for a .gz. */
static void test_sha256_file(void)
{
	struct fsc_file f;
	struct fsc_err err;

	CHECK(fsc_file_read("tests/fixtures/fio3/json-read.json", &f,
			    &err) == 0, "read: %s", err.msg);
	CHECK(!strcmp(f.sha256, "6a24986aa6fb8563005d7e55e8e87e8e3a1371af16fb9f0c890717ecc8c0fc6e"),
	      "sha256 of json-read.json = %s", f.sha256);
	CHECK(f.len == 6483 && f.disk_size == 6483, "length %zu", f.len);
	fsc_file_free(&f);
}

/* fio before 2.1.14 printed no total_ios: it is derived from fio's
 * integer iops (1000 * total / runtime, rounded down) and marked so; a
 * file that has it keeps it, unmarked. */
static void test_total_ios_derived(void)
{
	static const struct { const char *path; uint64_t ios; int derived; } c[] = {
		{ "tests/fixtures/fio2/json-2.1.4-randread.json", 19379, 1 },
		{ "tests/fixtures/fio2/json-2.0.13-randread.json", 19379, 1 },
		{ "tests/fixtures/fio3/json-randread.json", 19380, 0 },
	};
	struct json_tokener *tok = fsc_fio_tokener();
	struct fsc_result res;
	struct fsc_file f;
	struct fsc_err err;
	size_t i;

	CHECK(tok != NULL, "tokener");
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		CHECK(fsc_file_read(c[i].path, &f, &err) == 0, "read %s",
		      c[i].path);
		CHECK(fsc_fio_parse(tok, f.data, f.len, c[i].path, &res,
				    &err) == 0, "parse %s: %s", c[i].path, err.msg);
		CHECK(res.nruns == 1 && res.runs[0].dd[0].total_ios == c[i].ios &&
		      res.runs[0].dd[0].total_ios_derived == c[i].derived,
		      "%s: total_ios %llu derived %d", c[i].path,
		      res.nruns ? (unsigned long long)res.runs[0].dd[0].total_ios : 0ULL,
		      res.nruns ? res.runs[0].dd[0].total_ios_derived : -1);
		fsc_result_free(&res);
		fsc_file_free(&f);
	}
	fsc_fio_tokener_free(tok);
}

static void test_t95(void)
{
	CHECK(fabs(fsc_t95(1) - 12.706) < 1e-9, "t95(1)");
	CHECK(fabs(fsc_t95(2) - 4.303) < 1e-9, "t95(2)");
	CHECK(fabs(fsc_t95(1000) - 1.96) < 1e-9, "t95(inf)");
	CHECK(isnan(fsc_t95(0)), "t95(0)");
}

/* The walk lists the files of one tree in strcmp order of their paths as
 * it goes (ingest streams them in that order): names that sort around '/'
 * ("a-b", "a", "a.json", "a b"), a symlinked directory walked once. */
struct order {
	char *paths[32];
	int n;
};

static void on_file(void *ctx, const char *path, int named)
{
	struct order *o = ctx;

	(void)named;
	if (o->n < 32)
		o->paths[o->n] = fsc_strdup(path);
	o->n++;
}

static void on_err(void *ctx, const struct fsc_err *e)
{
	(void)ctx;
	printf("walk error: %s: %s\n", e->path, e->msg);
}

static void test_walk_order(void)
{
	static const char *const dirs[] = { "a", "a/z", "a-b", "a b", "ab" };
	static const char *const files[] = {
		"a/x.json", "a/z/w", "a-b/x.json", "a b/y", "ab/c", "a.json",
		"a0", "b", "a/y-1", "a/y/", "a/y.json",
	};
	char root[] = "/tmp/fsc-walk-XXXXXX", p[256];
	struct order o = { .n = 0 };
	struct fsc_walk w;
	char *arg[1];
	size_t i;
	int k, ok = 1;

	if (!mkdtemp(root)) {
		CHECK(0, "mkdtemp");
		return;
	}
	for (i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		snprintf(p, sizeof(p), "%s/%s", root, dirs[i]);
		mkdir(p, 0700);
	}
	for (i = 0; i < sizeof(files) / sizeof(*files); i++) {
		FILE *f;

		snprintf(p, sizeof(p), "%s/%s", root, files[i]);
		if (p[strlen(p) - 1] == '/') {	/* a directory named y */
			p[strlen(p) - 1] = '\0';
			mkdir(p, 0700);
			strcat(p, "/q");
		}
		if ((f = fopen(p, "w")))
			fclose(f);
	}
	snprintf(p, sizeof(p), "%s/l", root);
	CHECK(symlink("a", p) == 0, "symlink");
	arg[0] = root;
	fsc_walk_each(arg, 1, on_file, on_err, &o);
	CHECK(o.n == 11, "walk listed %d files, want 11", o.n);
	for (k = 1; k < o.n && k < 32; k++)
		if (strcmp(o.paths[k - 1], o.paths[k]) >= 0)
			ok = 0;
	CHECK(ok, "walk order is not strcmp order");
	fsc_walk(&w, arg, 1, on_err, NULL);
	CHECK(w.n == (size_t)o.n, "fsc_walk listed %zu files", w.n);
	for (i = 0; i < w.n && (int)i < o.n; i++)
		if (strcmp(w.files[i].path, o.paths[i]))
			ok = 0;
	CHECK(ok, "fsc_walk's sorted list differs from the walk's order");
	fsc_walk_free(&w);
	for (k = 0; k < o.n && k < 32; k++) {
		unlink(o.paths[k]);
		free(o.paths[k]);
	}
	unlink(p);
	snprintf(p, sizeof(p), "%s/a/y", root);
	rmdir(p);
	for (i = sizeof(dirs) / sizeof(*dirs); i-- > 0;) {
		snprintf(p, sizeof(p), "%s/%s", root, dirs[i]);
		rmdir(p);
	}
	rmdir(root);
}

/* The writer takes a path that was not in the store when the ingest
 * began as new, and inserts it without looking; when another ingest
 * stored it meanwhile, the insert finds it and the file counts as
 * unchanged (the same bytes) or replaces the row (changed bytes). */
static void test_writer_new_path_taken(void)
{
	struct fsc_ingest_opts o = { .layout = NULL };
	struct fsc_ingest_summary sum = { 0 };
	struct fsc_store *st;
	struct writer *w;
	struct fsc_err err;
	struct task t;
	sqlite3_stmt *q;
	int i, n = -1;

	st = fsc_store_open(":memory:", 0, &err);
	CHECK(st != NULL, "store: %s", err.msg);
	if (!st)
		return;
	fsc_labels_set(&o.sets, "runtime", "x");
	w = fsc_writer_new(st, &o, &sum, &err);
	for (i = 0; w && i < 3; i++) {
		memset(&t, 0, sizeof(t));
		/* the second time the same file, the third another one */
		t.path = fsc_strdup(i < 2 ?
				    "tests/fixtures/fio3/jsonplus-read.json" :
				    "tests/fixtures/fio3/json-read.json");
		t.named = 1;
		t.kind = fsc_task_run(&t, NULL);
		CHECK(t.kind == T_FIO, "fixture %d did not parse", i);
		if (i == 2) {	/* same path as the first, other bytes */
			free(t.path);
			t.path = fsc_strdup("tests/fixtures/fio3/jsonplus-read.json");
		}
		CHECK(fsc_writer_put(w, &t, &err) == 0, "put %d: %s", i, err.msg);
		fsc_task_clear(&t);
		free(t.path);
	}
	CHECK(w && fsc_writer_commit(w, 1, &err) == 0, "commit");
	fsc_writer_free(w);
	CHECK(sum.ingested == 2 && sum.unchanged == 1 && sum.failed == 0,
	      "ingested %zu unchanged %zu failed %zu", sum.ingested,
	      sum.unchanged, sum.failed);
	if (sqlite3_prepare_v2(fsc_store_db(st), "SELECT count(*) FROM run r"
			       " JOIN source_file f ON f.id = r.file_id",
			       -1, &q, NULL) == SQLITE_OK) {
		if (sqlite3_step(q) == SQLITE_ROW)
			n = sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
	}
	CHECK(n == 1, "%d runs, want the replaced file's one", n);
	fsc_labels_free(&o.sets);
	fsc_store_close(st);
}

struct reserver {
	struct fsc_budget *b;
	uint64_t n, ticket;
	int done;		/* under mu */
	pthread_mutex_t mu;
};

static void *reserve_thread(void *arg)
{
	struct reserver *r = arg;

	fsc_budget_reserve(r->b, r->n, 0, r->ticket);
	pthread_mutex_lock(&r->mu);
	r->done = 1;
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* Files reserve in the writer's order: ticket 2 waits for ticket 1 to
 * reserve or pass, even with room; what is held counts. */
static void test_budget_order(void)
{
	struct fsc_budget *b = fsc_budget_new(100);
	struct reserver r = { .n = 10, .ticket = 2 };
	pthread_t th;
	int done;

	fsc_budget_hold(b, 20);
	CHECK(fsc_budget_held(b) == 20, "held %llu",
	      (unsigned long long)fsc_budget_held(b));
	CHECK(fsc_budget_reserve(b, 81, 0, 0) < 0, "81 fit beside 20 in 100");
	CHECK(fsc_budget_reserve(b, 30, 0, 0) == 0, "ticket 0 refused");
	r.b = b;
	pthread_mutex_init(&r.mu, NULL);
	if (pthread_create(&th, NULL, reserve_thread, &r) != 0) {
		CHECK(0, "pthread_create");
		return;
	}
	usleep(50000);
	pthread_mutex_lock(&r.mu);
	done = r.done;
	pthread_mutex_unlock(&r.mu);
	CHECK(!done, "ticket 2 reserved before ticket 1 had its turn");
	fsc_budget_pass(b, 1);
	pthread_join(th, NULL);
	CHECK(r.done, "ticket 2 never reserved");
	CHECK(fsc_budget_peak(b) == 60, "peak %llu, want 60",
	      (unsigned long long)fsc_budget_peak(b));
	fsc_budget_release(b, 40);
	/* the writer's next file never waits for the files before it */
	fsc_budget_head(b, 5);
	CHECK(fsc_budget_reserve(b, 80, 0, 5) == 0, "the head refused");
	pthread_mutex_destroy(&r.mu);
	fsc_budget_free(b);
}

/* The knee of constructed throughput-latency curves (figure_tl.c): the
 * last load level before p99 grows by a larger factor than throughput. */
static void test_knee(void)
{
	static const struct {
		double x[6], y[6];
		size_t n;
		int want;
	} cases[] = {
		/* linear gains, flat p99, then x1.1 throughput for x4 p99 */
		{ { 10, 20, 40, 44 }, { 100, 105, 110, 440 }, 4, 2 },
		/* the first step already bends */
		{ { 10, 11, 12 }, { 100, 300, 900 }, 3, 0 },
		/* p99 grows exactly as fast as throughput: no knee */
		{ { 10, 20, 40 }, { 100, 200, 400 }, 3, -1 },
		/* throughput falls while p99 rises: bends at the fall */
		{ { 10, 30, 50, 45, 40 }, { 50, 60, 80, 400, 900 }, 5, 2 },
		/* p99 falls everywhere: no knee */
		{ { 10, 20, 30 }, { 300, 200, 100 }, 3, -1 },
		/* one point: no curve */
		{ { 10 }, { 100 }, 1, -1 },
		/* a point with no latency is stepped over */
		{ { 10, 20, 40 }, { 100, 0, 500 }, 3, -1 },
	};
	double x[] = { 10, 20, 40, 44 }, y[] = { 100, 105, 110, 440 }, ns;
	size_t i;
	struct fsc_err err;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = fsc_knee(cases[i].x, cases[i].y, cases[i].n);

		CHECK(got == cases[i].want, "knee case %zu = %d, want %d", i,
		      got, cases[i].want);
	}
	CHECK(fsc_slo_best(x, y, 4, 200) == 2, "slo 200: the 40 point");
	CHECK(fsc_slo_best(x, y, 4, 1000) == 3, "slo 1000: every point");
	CHECK(fsc_slo_best(x, y, 4, 50) == -1, "slo 50: none");
	CHECK(fsc_latency_parse("1ms", &ns) == 0 && ns == 1e6, "1ms");
	CHECK(fsc_latency_parse("250us", &ns) == 0 && ns == 250e3, "250us");
	CHECK(fsc_latency_parse("2.5s", &ns) == 0 && ns == 2.5e9, "2.5s");
	CHECK(fsc_latency_parse("800ns", &ns) == 0 && ns == 800, "800ns");
	CHECK(fsc_latency_parse("1", &ns) < 0, "no unit");
	CHECK(fsc_latency_parse("-1ms", &ns) < 0, "negative");
	CHECK(fsc_latency_parse("0ms", &ns) < 0, "zero");
	CHECK(fsc_latency_parse("1 ms", &ns) < 0, "space");
	CHECK(fsc_colors_check("docker=#0072b2,host=#D55E00", &err) == 0,
	      "two colours");
	CHECK(fsc_colors_check("docker=#0072b", &err) < 0, "short colour");
	CHECK(fsc_colors_check("docker=0072b2", &err) < 0, "no #");
	CHECK(fsc_colors_check("=#0072b2", &err) < 0, "no name");
	CHECK(fsc_colors_check("a=#00zz00", &err) < 0, "not hex");
	CHECK(fsc_colors_check("a=#000000,b", &err) < 0, "item with no colour");
}

/* A reader's snapshot outlives a writer that closes meanwhile.  The
 * reader's probe for a writer at work (fsc_store_writer_active) once
 * closed a descriptor of the store, which drops every fcntl lock of the
 * process on it, SQLite's shared lock too: the closing writer then found
 * itself alone, checkpointed and deleted the write-ahead log under the
 * reader, whose next read said "database disk image is malformed". */
static void test_reader_outlives_writer(void)
{
	char dir[] = "/tmp/fsc-unit-XXXXXX", path[48], wal[64];
	int go[2], ready[2], status, n1 = -1, n2 = -1;
	struct fsc_store *st, *rd;
	struct fsc_err err;
	sqlite3_stmt *q;
	struct stat sb;
	pid_t pid;
	char c = 0;

	if (!mkdtemp(dir) || pipe(go) < 0 || pipe(ready) < 0) {
		CHECK(0, "setup: %s", strerror(errno));
		return;
	}
	snprintf(path, sizeof(path), "%s/s.db", dir);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	st = fsc_store_open(path, 0, &err);
	CHECK(st && fsc_store_exec(st, "CREATE TABLE t(x); INSERT INTO t "
				   "VALUES (1)", &err) == 0, "store: %s", err.msg);
	fsc_store_close(st);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {		/* the writer */
		st = fsc_store_open(path, 0, &err);
		if (!st || write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1 ||
		    fsc_store_exec(st, "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 "
				   "UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
				   " INSERT INTO t SELECT randomblob(64) FROM n; "
				   "COMMIT", &err) < 0)
			_exit(1);
		fsc_store_close(st);	/* checkpoints if it finds itself alone */
		_exit(0);
	}
	CHECK(pid > 0 && read(ready[0], &c, 1) == 1, "writer did not start");
	rd = fsc_store_open(path, 1, &err);
	CHECK(rd != NULL, "reader: %s", err.msg);
	if (rd && sqlite3_prepare_v2(fsc_store_db(rd), "SELECT count(*) FROM t",
				     -1, &q, NULL) == SQLITE_OK) {
		if (sqlite3_step(q) == SQLITE_ROW)
			n1 = sqlite3_column_int(q, 0);
		sqlite3_reset(q);
		CHECK(fsc_store_writer_active(rd) == 1, "writer at work not seen");
		CHECK(write(go[1], &c, 1) == 1, "go");
		CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0, "writer failed");
		if (sqlite3_step(q) == SQLITE_ROW)
			n2 = sqlite3_column_int(q, 0);
		else
			CHECK(0, "read after the writer closed: %s",
			      sqlite3_errmsg(fsc_store_db(rd)));
		sqlite3_finalize(q);
		CHECK(n1 == 1 && n2 == 1, "snapshot moved: %d then %d", n1, n2);
		CHECK(stat(wal, &sb) == 0, "the writer deleted the log under a "
		      "reader");
		CHECK(fsc_store_writer_active(rd) == 0, "no writer, yet seen");
	}
	fsc_store_close(rd);
	rd = fsc_store_open(path, 1, &err);
	CHECK(rd && sqlite3_prepare_v2(fsc_store_db(rd), "SELECT count(*) FROM t",
				       -1, &q, NULL) == SQLITE_OK &&
	      sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 5001,
	      "a new reader does not see the commit");
	if (rd)
		sqlite3_finalize(q);
	fsc_store_close(rd);
	close(go[0]);
	close(go[1]);
	close(ready[0]);
	close(ready[1]);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", path);
	unlink(wal);
	unlink(path);
	rmdir(dir);
}

/* The CRC of the chunk at p (length, type, data, CRC) is zlib's. */
static int be32_crc_ok(const unsigned char *p)
{
	uint32_t n = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		     (uint32_t)p[2] << 8 | p[3];
	const unsigned char *c = p + 8 + n;
	uint32_t want = (uint32_t)c[0] << 24 | (uint32_t)c[1] << 16 |
			(uint32_t)c[2] << 8 | c[3];

	return (uint32_t)crc32(0, p + 4, n + 4) == want;
}

/* png_meta splices pHYs and tEXt in after IHDR and copies the rest byte
 * for byte; a file that is not a whole PNG is left as it was. */
static void test_png_meta(void)
{
	static const unsigned char png[] =	/* 1x1 grey, made by zlib */
		"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44"
		"\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00\x3a"
		"\x7e\x9b\x55\x00\x00\x00\x0a\x49\x44\x41\x54\x78\x9c\x63\xa8"
		"\x07\x00\x00\x81\x00\x80\xd3\x94\x53\x4a\x00\x00\x00\x00\x49"
		"\x45\x4e\x44\xae\x42\x60\x82";
	char dir[] = "/tmp/fsc-png-XXXXXX", path[64], meta[72];
	unsigned char got[512];
	struct fsc_err err;
	struct stat sb;
	size_t n = 0, len = sizeof(png) - 1;
	FILE *f;

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	snprintf(path, sizeof(path), "%s/a.png", dir);
	snprintf(meta, sizeof(meta), "%s.meta", path);
	f = fopen(path, "wb");
	CHECK(f && fwrite(png, 1, len, f) == len && !fclose(f), "write");
	CHECK(fsc_png_meta(path, 144, "fioscope t", "a\nb", NULL, &err) == 0,
	      "png_meta: %s", err.msg);
	f = fopen(path, "rb");
	if (f) {
		n = fread(got, 1, sizeof(got), f);
		fclose(f);
	}
	/* signature and IHDR as they were, then pHYs: 5669 px/m, metre */
	CHECK(n > len && !memcmp(got, png, 33), "IHDR moved");
	CHECK(!memcmp(got + 33, "\0\0\0\x09pHYs\0\0\x16\x25\0\0\x16\x25\x01",
		      17), "no pHYs of 144 dpi after IHDR");
	CHECK(be32_crc_ok(got + 33), "pHYs CRC");
	CHECK(!memcmp(got + 54, "\0\0\0\x13tEXtSoftware\0fioscope t", 27),
	      "no Software tEXt");
	CHECK(!memcmp(got + n - 34, png + 33, 34), "IDAT and IEND not copied");
	CHECK(!memcmp(got + 54 + 31, "\0\0\0\x09tEXtTitle\0a?b", 17),
	      "no Title tEXt, or its control character kept");
	/* a PNG cut short: an error, the file as it was, no .meta left */
	f = fopen(path, "wb");
	CHECK(f && fwrite(png, 1, len - 10, f) == len - 10 && !fclose(f),
	      "write");
	CHECK(fsc_png_meta(path, 144, "x", "y", "z", &err) < 0 &&
	      strstr(err.msg, "not a whole PNG"), "a cut PNG accepted");
	CHECK(stat(path, &sb) == 0 && (size_t)sb.st_size == len - 10,
	      "a cut PNG rewritten");
	CHECK(stat(meta, &sb) < 0, ".meta left behind");
	f = fopen(path, "wb");
	CHECK(f && fputs("GIF89a", f) >= 0 && !fclose(f), "write");
	CHECK(fsc_png_meta(path, 144, "x", "y", "z", &err) < 0 &&
	      strstr(err.msg, "not a PNG"), "a GIF accepted");
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	test_knee();
	test_merge_saturates();
	test_sizes();
	test_rw();
	test_layout();
	test_plat();
	test_percentile();
	test_merge();
	test_sha256_vectors();
	test_sha256_file();
	test_total_ios_derived();
	test_t95();
	test_walk_order();
	test_writer_new_path_taken();
	test_budget_order();
	test_reader_outlives_writer();
	test_png_meta();
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}

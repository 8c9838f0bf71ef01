/*
 * fuzz_ingest.c: libFuzzer target for the whole ingest path of one file:
 * the bytes go into a memfd, and fsc_task_run reads it as ingest's workers
 * do (size limit, sha256, gunzip, sniff, fio JSON parse); the one writer
 * stores the result in an in-memory store (scenario keys through a layout
 * and --set, replacing the previous input's rows, each file in a
 * savepoint), and the statistics are refreshed.  A store error here means
 * one hostile file would stop a whole ingest: that aborts.
 */
#define _GNU_SOURCE	/* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "ingest_write.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static struct fsc_store *st;
static struct fsc_ingest_opts opts;

static void on_report(void *ctx, enum fsc_level lv, const struct fsc_err *e)
{
	size_t i;

	(void)ctx;
	(void)lv;
	CHECK(e->msg[0]);
	for (i = 0; e->msg[i]; i++)
		CHECK((unsigned char)e->msg[i] >= 0x20);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct fsc_err err;

	(void)argc;
	(void)argv;
	st = fsc_store_open(":memory:", 0, &err);
	if (!st) {
		fprintf(stderr, "fuzz_ingest: %s\n", err.msg);
		exit(1);
	}
	opts.layout = "{*}/{backend}/{*}";
	fsc_labels_set(&opts.sets, "runtime", "fuzz");
	fsc_labels_set(&opts.sets, "team", "a\nb=c;d\\");
	opts.report = on_report;
	return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct fsc_ingest_summary sum;
	struct fsc_err err;
	struct writer *w;
	struct task t;
	char path[64];
	int fd;

	fd = memfd_create("fuzz", 0);
	CHECK(fd >= 0);
	CHECK(write(fd, data, size) == (ssize_t)size);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	memset(&t, 0, sizeof(t));
	memset(&sum, 0, sizeof(sum));
	t.path = path;
	t.named = 1;
	t.kind = fsc_task_run(&t, NULL);
	CHECK(t.kind >= T_UNCHANGED && t.kind <= T_FAILED);
	CHECK(t.f.data == NULL);	/* the worker keeps only what the writer needs */
	w = fsc_writer_new(st, &opts, &sum, &err);
	CHECK(w);
	CHECK(fsc_writer_put(w, &t, &err) == 0);
	CHECK(fsc_writer_commit(w, 1, &err) == 0);
	fsc_writer_free(w);
	fsc_task_clear(&t);
	CHECK(fsc_stats_refresh(st, 0, &err) == 0);
	close(fd);
	return 0;
}

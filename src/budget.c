/*
 * budget.c: one memory budget for a whole ingest, shared by its threads.
 * A worker reserves what reading and parsing a file will take before it
 * reads it (readfile.c) and keeps what the parsed result takes until the
 * writer has stored it.  A reservation that does not fit waits, except the
 * one of the file the writer needs next (the "head"): the writer stores
 * files in order, so the others' results are freed only after it, and it
 * must never wait for them.  One that could never fit, alone, is refused
 * at once.  So the budget holds while the files fit one by one, and at
 * worst the head's file comes on top of it.  The default is a quarter of
 * the physical memory.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include "fioscope.h"

struct fsc_budget {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	uint64_t limit, used, peak;
	uint64_t head;		/* the ticket the writer needs next */
	int stop;		/* the ingest stops: nobody waits any more */
};

uint64_t fsc_budget_default(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);

	if (pages <= 0 || size <= 0)
		return (uint64_t)1 << 30;	/* unknown: 1 GiB */
	return (uint64_t)pages * (uint64_t)size / 4;
}

struct fsc_budget *fsc_budget_new(uint64_t limit)
{
	struct fsc_budget *b = fsc_calloc(1, sizeof(*b));

	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cv, NULL);
	b->limit = limit ? limit : fsc_budget_default();
	return b;
}

void fsc_budget_free(struct fsc_budget *b)
{
	if (!b)
		return;
	pthread_mutex_destroy(&b->mu);
	pthread_cond_destroy(&b->cv);
	free(b);
}

uint64_t fsc_budget_limit(const struct fsc_budget *b)
{
	return b->limit;
}

uint64_t fsc_budget_peak(struct fsc_budget *b)
{
	uint64_t p;

	pthread_mutex_lock(&b->mu);
	p = b->peak;
	pthread_mutex_unlock(&b->mu);
	return p;
}

int fsc_budget_reserve(struct fsc_budget *b, uint64_t n, uint64_t own,
		       uint64_t ticket)
{
	if (!b)
		return 0;
	if (own + n > b->limit)
		return -1;	/* could never fit */
	pthread_mutex_lock(&b->mu);
	while (b->used + n > b->limit && ticket != b->head && !b->stop)
		pthread_cond_wait(&b->cv, &b->mu);
	b->used += n;
	if (b->used > b->peak)
		b->peak = b->used;
	pthread_mutex_unlock(&b->mu);
	return 0;
}

void fsc_budget_head(struct fsc_budget *b, uint64_t ticket)
{
	if (!b)
		return;
	pthread_mutex_lock(&b->mu);
	if (ticket == UINT64_MAX)
		b->stop = 1;
	else
		b->head = ticket;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
}

void fsc_budget_release(struct fsc_budget *b, uint64_t n)
{
	if (!b || !n)
		return;
	pthread_mutex_lock(&b->mu);
	b->used -= n < b->used ? n : b->used;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
}

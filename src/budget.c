/*
 * budget.c: one memory budget for a whole ingest, shared by its threads.
 * A worker reserves what reading and parsing a file will take before it
 * reads it (readfile.c) and keeps what the parsed result takes until the
 * writer has stored and freed it.  Files take their first reservation in
 * the writer's order (their ticket): a file waits until every file before
 * it has reserved or passed (fsc_budget_pass: it needed nothing), and
 * until what it needs fits.  So a later file never takes the memory an
 * earlier one waits for, and the one the writer needs next (the "head")
 * finds the budget empty: it never waits, and never comes on top of the
 * others.  A file that could never fit, alone, is refused at once.  Only
 * a gzip file whose content outgrows its trailer's word takes more while
 * it holds some; that more waits like any reservation, but the head's.
 * The default is a quarter of the physical memory.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include "fioscope.h"

struct fsc_budget {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	uint64_t limit, used, peak;
	uint64_t held;		/* of used, held for the whole ingest */
	uint64_t head;		/* the ticket the writer needs next */
	uint64_t next;		/* the first ticket not yet reserved or passed */
	uint64_t *ahead;	/* tickets past next reserved or passed */
	size_t nahead, capahead;
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
	free(b->ahead);
	free(b);
}

uint64_t fsc_budget_limit(const struct fsc_budget *b)
{
	return b->limit;
}

void fsc_budget_hold(struct fsc_budget *b, uint64_t n)
{
	pthread_mutex_lock(&b->mu);
	b->held += n;
	b->used += n;
	if (b->used > b->peak)
		b->peak = b->used;
	pthread_mutex_unlock(&b->mu);
}

uint64_t fsc_budget_held(const struct fsc_budget *b)
{
	return b ? b->held : 0;
}

uint64_t fsc_budget_peak(struct fsc_budget *b)
{
	uint64_t p;

	pthread_mutex_lock(&b->mu);
	p = b->peak;
	pthread_mutex_unlock(&b->mu);
	return p;
}

/* Ticket t has had its turn (b->mu held): the tickets after it may take
 * theirs. */
static void resolve(struct fsc_budget *b, uint64_t t)
{
	size_t i;

	if (t < b->next)
		return;
	if (t > b->next) {
		for (i = 0; i < b->nahead; i++)
			if (b->ahead[i] == t)
				return;
		if (b->nahead == b->capahead) {
			b->capahead = b->capahead ? 2 * b->capahead : 16;
			b->ahead = fsc_realloc(b->ahead,
					       b->capahead * sizeof(*b->ahead));
		}
		b->ahead[b->nahead++] = t;
		return;
	}
	/* t is next: move on past the tickets already through */
	for (b->next++;; b->next++) {
		for (i = 0; i < b->nahead && b->ahead[i] != b->next; i++)
			;
		if (i == b->nahead)
			break;
		b->ahead[i] = b->ahead[--b->nahead];
	}
	pthread_cond_broadcast(&b->cv);
}

int fsc_budget_reserve(struct fsc_budget *b, uint64_t n, uint64_t own,
		       uint64_t ticket)
{
	if (!b)
		return 0;
	if (b->held + own + n > b->limit)
		return -1;	/* could never fit */
	pthread_mutex_lock(&b->mu);
	/* the first reservation waits for its turn, then for room; more for
	 * one that holds some waits for room only */
	while (!b->stop && ticket != b->head &&
	       ((!own && ticket > b->next) || b->used + n > b->limit))
		pthread_cond_wait(&b->cv, &b->mu);
	b->used += n;
	if (b->used > b->peak)
		b->peak = b->used;
	if (!own)
		resolve(b, ticket);
	pthread_mutex_unlock(&b->mu);
	return 0;
}

void fsc_budget_pass(struct fsc_budget *b, uint64_t ticket)
{
	if (!b)
		return;
	pthread_mutex_lock(&b->mu);
	resolve(b, ticket);
	pthread_mutex_unlock(&b->mu);
}

void fsc_budget_head(struct fsc_budget *b, uint64_t ticket)
{
	if (!b)
		return;
	pthread_mutex_lock(&b->mu);
	if (ticket == UINT64_MAX) {
		b->stop = 1;
	} else {
		b->head = ticket;
		/* the files before the head are stored: they had their turn */
		while (b->next < ticket)
			resolve(b, b->next);
	}
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

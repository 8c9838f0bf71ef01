/* sha256.c: SHA-256 as specified by FIPS 180-4 (sections 4.1.2, 4.2.2,
 * 5.1.1, 6.2), for the content hash that makes ingest idempotent.
 *
 * Two block functions compute the same thing: portable C, and on x86-64
 * the SHA extensions (SHA-NI), which are several times faster and matter
 * because every ingested byte is hashed.  fsc_sha256_init picks one per
 * hash from a CPU check done once per process. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define FSC_SHANI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

/* Aligned so the SHA-NI path can load four round constants at a time. */
static _Alignas(16) const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

/* The n 64-byte blocks at p, in portable C. */
static void blocks_portable(uint32_t st[8], const unsigned char *p, size_t n)
{
	uint32_t w[64], a, b, c, d, e, f, g, h, t1, t2;
	int i;

	for (; n; n--, p += 64) {
		for (i = 0; i < 16; i++)
			w[i] = (uint32_t)p[4 * i] << 24 |
			       (uint32_t)p[4 * i + 1] << 16 |
			       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
		for (i = 16; i < 64; i++) {
			uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
				      (w[i - 15] >> 3);
			uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^
				      (w[i - 2] >> 10);
			w[i] = w[i - 16] + s0 + w[i - 7] + s1;
		}
		a = st[0]; b = st[1]; c = st[2]; d = st[3];
		e = st[4]; f = st[5]; g = st[6]; h = st[7];
		for (i = 0; i < 64; i++) {
			t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
			     ((e & f) ^ (~e & g)) + K[i] + w[i];
			t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
			     ((a & b) ^ (a & c) ^ (b & c));
			h = g; g = f; f = e; e = d + t1;
			d = c; c = b; b = a; a = t1 + t2;
		}
		st[0] += a; st[1] += b; st[2] += c; st[3] += d;
		st[4] += e; st[5] += f; st[6] += g; st[7] += h;
	}
}

#ifdef FSC_SHANI
/* Four rounds on the message words W[4i..4i+3] in w.  SHA256RNDS2 does two
 * rounds from the low two dwords of its third operand (W + K, already
 * summed), taking C,D,G,H from the first operand and A,B,E,F from the
 * second, and returns the new A,B,E,F; the old A,B,E,F are then the new
 * C,D,G,H, so the two state registers swap roles between the two halves
 * and are back in place after both. */
#define SHANI_ROUNDS4(w, i) do { \
	__m128i wk_ = _mm_add_epi32((w), \
				    _mm_load_si128((const __m128i *)&K[4 * (i)])); \
	cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk_); \
	abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk_, 0x0e)); \
} while (0)

/* Replace w0 = W[t-16..t-13] by W[t..t+3], given w1 = W[t-12..t-9], w2 =
 * W[t-8..t-5], w3 = W[t-4..t-1]: SHA256MSG1 adds sigma0 of W[t-15..t-12]
 * to w0, we add W[t-7..t-4] (straddling w2 and w3), and SHA256MSG2 adds
 * sigma1 of W[t-2..t+1], computing W[t], W[t+1] first for the last two. */
#define SHANI_SCHED(w0, w1, w2, w3) \
	((w0) = _mm_sha256msg2_epu32( \
		_mm_add_epi32(_mm_sha256msg1_epu32((w0), (w1)), \
			      _mm_alignr_epi8((w3), (w2), 4)), (w3)))

/* The n 64-byte blocks at p, with the SHA extensions.  The state stays in
 * two registers across all n blocks, in the order the instructions want
 * (dword 3 down to 0): A,B,E,F and C,D,G,H. */
__attribute__((target("sha,sse4.1,ssse3")))
static void blocks_shani(uint32_t st[8], const unsigned char *p, size_t n)
{
	/* the message is big-endian: swap the bytes of each dword */
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
					     0x0405060700010203ULL);
	__m128i abef, cdgh, abcd, efgh, abef0, cdgh0, m0, m1, m2, m3;
	int i;

	abcd = _mm_loadu_si128((const __m128i *)&st[0]);	/* D C B A */
	efgh = _mm_loadu_si128((const __m128i *)&st[4]);	/* H G F E */
	abcd = _mm_shuffle_epi32(abcd, 0xb1);			/* C D A B */
	efgh = _mm_shuffle_epi32(efgh, 0x1b);			/* E F G H */
	abef = _mm_alignr_epi8(abcd, efgh, 8);			/* A B E F */
	cdgh = _mm_blend_epi16(efgh, abcd, 0xf0);		/* C D G H */

	for (; n; n--, p += 64) {
		abef0 = abef;
		cdgh0 = cdgh;
		m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p), bswap);
		m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)),
				      bswap);
		m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)),
				      bswap);
		m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)),
				      bswap);
		SHANI_ROUNDS4(m0, 0);
		SHANI_ROUNDS4(m1, 1);
		SHANI_ROUNDS4(m2, 2);
		SHANI_ROUNDS4(m3, 3);
		for (i = 4; i < 16; i += 4) {
			SHANI_SCHED(m0, m1, m2, m3);
			SHANI_ROUNDS4(m0, i);
			SHANI_SCHED(m1, m2, m3, m0);
			SHANI_ROUNDS4(m1, i + 1);
			SHANI_SCHED(m2, m3, m0, m1);
			SHANI_ROUNDS4(m2, i + 2);
			SHANI_SCHED(m3, m0, m1, m2);
			SHANI_ROUNDS4(m3, i + 3);
		}
		abef = _mm_add_epi32(abef, abef0);
		cdgh = _mm_add_epi32(cdgh, cdgh0);
	}

	abef = _mm_shuffle_epi32(abef, 0x1b);			/* F E B A */
	cdgh = _mm_shuffle_epi32(cdgh, 0xb1);			/* D C H G */
	abcd = _mm_blend_epi16(abef, cdgh, 0xf0);		/* D C B A */
	efgh = _mm_alignr_epi8(cdgh, abef, 8);			/* H G F E */
	_mm_storeu_si128((__m128i *)&st[0], abcd);
	_mm_storeu_si128((__m128i *)&st[4], efgh);
}

/* SHA (CPUID.7.0:EBX bit 29) and the SSSE3 (CPUID.1:ECX bit 9) and SSE4.1
 * (bit 19) shuffles the path uses.  XMM state needs no OS check: every
 * x86-64 OS saves it. */
static int cpu_has_shani(void)
{
	unsigned int a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) ||
	    !(c & (1u << 9)) || !(c & (1u << 19)))
		return 0;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return !!(b & (1u << 29));
}
#endif

enum { IMPL_UNKNOWN, IMPL_PORTABLE, IMPL_SHANI };

/* Which block function this process uses, decided on first use: CPUID
 * traps to the hypervisor in some VMs, too slow to ask per file.  Threads
 * racing here all store the same answer, so relaxed order suffices. */
static int impl(void)
{
	static atomic_int chosen = IMPL_UNKNOWN;
	int v = atomic_load_explicit(&chosen, memory_order_relaxed);
	const char *env;

	if (v != IMPL_UNKNOWN)
		return v;
	v = IMPL_PORTABLE;
	env = getenv("FIOSCOPE_SHA256");
#ifdef FSC_SHANI
	/* FIOSCOPE_SHA256=portable: the C path, for tests and to rule the
	 * fast path out when chasing a wrong digest */
	if (!(env && !strcmp(env, "portable")) && cpu_has_shani())
		v = IMPL_SHANI;
#else
	(void)env;
#endif
	atomic_store_explicit(&chosen, v, memory_order_relaxed);
	return v;
}

const char *fsc_sha256_impl(void)
{
	return impl() == IMPL_SHANI ? "sha-ni" : "portable";
}

void fsc_sha256_init_portable(struct fsc_sha256 *s)
{
	static const uint32_t h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(s->h, h0, sizeof(h0));
	s->len = 0;
	s->nblk = 0;
	s->blocks = blocks_portable;
}

void fsc_sha256_init(struct fsc_sha256 *s)
{
	fsc_sha256_init_portable(s);
#ifdef FSC_SHANI
	if (impl() == IMPL_SHANI)
		s->blocks = blocks_shani;
#endif
}

void fsc_sha256_update(struct fsc_sha256 *s, const void *data, size_t n)
{
	const unsigned char *p = data;

	s->len += n;
	if (s->nblk) {
		size_t k = 64 - s->nblk < n ? 64 - s->nblk : n;

		memcpy(s->blk + s->nblk, p, k);
		s->nblk += k;
		p += k;
		n -= k;
		if (s->nblk < 64)
			return;
		s->blocks(s->h, s->blk, 1);
		s->nblk = 0;
	}
	/* all whole blocks in one call: the SHA-NI loop keeps the state in
	 * registers between blocks */
	if (n >= 64) {
		s->blocks(s->h, p, n / 64);
		p += n & ~(size_t)63;
		n &= 63;
	}
	memcpy(s->blk, p, n);
	s->nblk = n;
}

void fsc_sha256_hex(struct fsc_sha256 *s, char hex[65])
{
	uint64_t bits = s->len * 8;
	unsigned char pad[72] = { 0x80 };
	size_t padlen = (s->nblk < 56 ? 56 : 120) - s->nblk;
	int i;

	for (i = 0; i < 8; i++)
		pad[padlen + i] = (unsigned char)(bits >> (56 - 8 * i));
	fsc_sha256_update(s, pad, padlen + 8);
	for (i = 0; i < 8; i++)
		snprintf(hex + 8 * i, 9, "%08x", s->h[i]);
}

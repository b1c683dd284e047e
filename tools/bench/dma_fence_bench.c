// SPDX-License-Identifier: GPL-2.0-only
/*
 * dma-fence micro-benchmark, built out of tree against the unpatched base
 * and against the patched tree (tools/bench.sh). The shared cases use only
 * the API both have; BENCH_PATCHED adds the cases of the new API.
 *
 * Each case runs a batch of operations, doubling the batch until it lasts
 * at least bench_ms milliseconds, and prints one line:
 *	dma_fence_bench: <case> <picoseconds per operation>
 * Loading the module runs every case once: one round per insmod.
 */

#include <linux/dma-fence.h>
#include <linux/dma-fence-array.h>
#include <linux/dma-fence-chain.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#ifdef BENCH_PATCHED
#include <linux/dma-fence-timeline.h>
#else
#include "sync_debug.h"		/* struct sync_pt, base only */
#endif

static unsigned int bench_ms = 100;
module_param(bench_ms, uint, 0444);
MODULE_PARM_DESC(bench_ms, "minimum duration of each case (ms)");

static DEFINE_SPINLOCK(bench_lock);
static u64 bench_context;

static const char *bench_name(struct dma_fence *f)
{
	return "bench";
}

static const struct dma_fence_ops bench_ops = {
	.get_driver_name = bench_name,
	.get_timeline_name = bench_name,
};

struct bench_fence {
	struct dma_fence base;
	struct list_head link;
};

static struct dma_fence *bench_alloc(void)
{
	struct bench_fence *f = kmalloc(sizeof(*f), GFP_KERNEL);

	if (f)
		dma_fence_init(&f->base, &bench_ops, &bench_lock, bench_context,
			       1);
	return f ? &f->base : NULL;
}

static void bench_cb(struct dma_fence *f, struct dma_fence_cb *cb)
{
}

/* A case: run @n operations, return how many were done (0 on failure). */
struct bench_case {
	const char *name;
	u64 (*run)(u64 n);
};

static u64 init_signal_put(u64 n)
{
	u64 i;

	for (i = 0; i < n; i++) {
		struct dma_fence *f = bench_alloc();

		if (!f)
			return 0;
		dma_fence_signal(f);
		dma_fence_put(f);
	}
	return n;
}

static u64 is_signaled(u64 n, bool signaled)
{
	struct dma_fence *f = bench_alloc();
	u64 i, hits = 0;

	if (!f)
		return 0;
	if (signaled)
		dma_fence_signal(f);
	for (i = 0; i < n; i++)
		hits += dma_fence_is_signaled(f);
	if (!signaled)
		dma_fence_signal(f);
	dma_fence_put(f);
	return hits == (signaled ? n : 0) ? n : 0;
}

static u64 is_signaled_yes(u64 n)
{
	return is_signaled(n, true);
}

static u64 is_signaled_no(u64 n)
{
	return is_signaled(n, false);
}

static u64 add_callbacks_signal(u64 n, unsigned int ncb)
{
	struct dma_fence_cb cb[8];
	u64 i;
	int j;

	for (i = 0; i < n; i++) {
		struct dma_fence *f = bench_alloc();

		if (!f)
			return 0;
		for (j = 0; j < ncb; j++)
			dma_fence_add_callback(f, &cb[j], bench_cb);
		dma_fence_signal(f);
		dma_fence_put(f);
	}
	return n;
}

static u64 callback_1(u64 n)
{
	return add_callbacks_signal(n, 1);
}

static u64 callback_8(u64 n)
{
	return add_callbacks_signal(n, 8);
}

static u64 wait_signaled(u64 n)
{
	struct dma_fence *f = bench_alloc();
	u64 i, ok = 0;

	if (!f)
		return 0;
	dma_fence_signal(f);
	for (i = 0; i < n; i++)
		ok += dma_fence_wait(f, false) == 0;
	dma_fence_put(f);
	return ok == n ? n : 0;
}

static u64 get_rcu_safe(u64 n)
{
	struct dma_fence __rcu *slot;
	struct dma_fence *f = bench_alloc();
	u64 i;

	if (!f)
		return 0;
	RCU_INIT_POINTER(slot, f);
	for (i = 0; i < n; i++) {
		struct dma_fence *g;

		rcu_read_lock();
		g = dma_fence_get_rcu_safe(&slot);
		rcu_read_unlock();
		dma_fence_put(g);
	}
	dma_fence_signal(f);
	dma_fence_put(f);
	return n;
}

/* One operation: an array of 16 fences, signalled one by one. */
static u64 array_16(u64 n)
{
	u64 i;
	int j;

	for (i = 0; i < n; i++) {
		struct dma_fence_array *array;
		struct dma_fence **fences;

		fences = kcalloc(16, sizeof(*fences), GFP_KERNEL);
		if (!fences)
			return 0;
		for (j = 0; j < 16; j++) {
			fences[j] = bench_alloc();
			if (!fences[j])
				return 0;
		}
		array = dma_fence_array_create(16, fences, bench_context, 1,
					       false);
		if (!array)
			return 0;
		dma_fence_enable_sw_signaling(&array->base);
		for (j = 0; j < 16; j++)
			dma_fence_signal(fences[j]);
		if (!dma_fence_is_signaled(&array->base))
			return 0;
		dma_fence_put(&array->base);
	}
	return n;
}

/* One operation: walking a chain of 64 links (built once). */
static u64 chain_64(u64 n)
{
	struct dma_fence *head = NULL, *iter, *fences[64];
	u64 i, links = 0;
	int j;

	for (j = 0; j < 64; j++) {
		struct dma_fence_chain *chain = dma_fence_chain_alloc();

		fences[j] = bench_alloc();
		if (!chain || !fences[j])
			return 0;
		dma_fence_chain_init(chain, head, dma_fence_get(fences[j]),
				     j + 1);
		head = &chain->base;
	}
	/* Unsignaled links: the walk visits all 64 each time. */
	for (i = 0; i < n; i++) {
		dma_fence_chain_for_each(iter, head)
			links++;
	}
	for (j = 0; j < 64; j++) {
		dma_fence_signal(fences[j]);
		dma_fence_put(fences[j]);
	}
	dma_fence_put(head);
	return links == 64 * n ? n : 0;
}

/* A 6.12 driver's teardown: its own list, set_error + signal each. */
static u64 open_coded_cancel(u64 n)
{
	struct bench_fence *f, *next;
	LIST_HEAD(pending);
	u64 i;

	for (i = 0; i < n; i++) {
		f = container_of(bench_alloc(), struct bench_fence, base);
		if (!f)
			return 0;
		list_add_tail(&f->link, &pending);
	}
	i = 0;
	list_for_each_entry_safe(f, next, &pending, link) {
		list_del(&f->link);
		dma_fence_set_error(&f->base, -ECANCELED);
		dma_fence_signal(&f->base);
		dma_fence_put(&f->base);
		i++;
	}
	return i;
}

#ifdef BENCH_PATCHED
static u64 inline_init_signal_put(u64 n)
{
	u64 i;

	/* The same allocation as init_signal_put: only the lock differs. */
	for (i = 0; i < n; i++) {
		struct bench_fence *f = kmalloc(sizeof(*f), GFP_KERNEL);

		if (!f)
			return 0;
		dma_fence_init(&f->base, &bench_ops, NULL, bench_context, 1);
		dma_fence_signal(&f->base);
		dma_fence_put(&f->base);
	}
	return n;
}

/*
 * Publish n fences on a new timeline, in order or (sw_sync's worst order)
 * with seqnos counting down, then cancel them all.
 */
static u64 timeline_publish_cancel(u64 n, bool reverse)
{
	struct dma_fence_timeline *tl;
	u64 i;
	int done;

	tl = dma_fence_timeline_create("bench", "bench", 0);
	if (!tl)
		return 0;
	for (i = 0; i < n; i++) {
		struct dma_fence_timeline_fence *tf;

		tf = dma_fence_timeline_fence_alloc(GFP_KERNEL);
		if (!tf)
			break;
		dma_fence_put(reverse ?
			      dma_fence_timeline_publish_seqno(tl, tf, n - i) :
			      dma_fence_timeline_publish(tl, tf));
	}
	done = dma_fence_timeline_cancel_all(tl, -ECANCELED);
	dma_fence_timeline_destroy(tl);
	return i == n && done == n ? n : 0;
}

static u64 timeline_cancel_all(u64 n)
{
	return timeline_publish_cancel(n, false);
}

static u64 timeline_publish_reverse(u64 n)
{
	return timeline_publish_cancel(n, true);
}
#endif

static const struct bench_case cases[] = {
	{ "init_signal_put", init_signal_put },
	{ "is_signaled_signaled", is_signaled_yes },
	{ "is_signaled_unsignaled", is_signaled_no },
	{ "add_callback_signal_1", callback_1 },
	{ "add_callback_signal_8", callback_8 },
	{ "wait_signaled", wait_signaled },
	{ "get_rcu_safe", get_rcu_safe },
	{ "array_16_signal", array_16 },
	{ "chain_64_walk", chain_64 },
#ifdef BENCH_PATCHED
	{ "inline_lock_init_signal_put", inline_init_signal_put },
#endif
};

/* Cancel N fences: per fence, the open-coded loop and cancel_all. */
static const struct bench_case cancel_cases[] = {
	{ "open_coded_cancel", open_coded_cancel },
#ifdef BENCH_PATCHED
	{ "timeline_cancel_all", timeline_cancel_all },
	{ "timeline_publish_reverse", timeline_publish_reverse },
#endif
};

static void bench_report(const char *name, u64 ns, u64 ops)
{
	pr_info("dma_fence_bench: %s %llu\n", name,
		div64_u64(ns * 1000, ops));
}

static int bench_one(const struct bench_case *c)
{
	u64 n = 256, ns;

	if (c->run(n) != n)	/* warm up caches and slabs */
		return -EIO;
	for (;;) {
		ktime_t t0 = ktime_get();

		if (c->run(n) != n) {
			pr_err("dma_fence_bench: %s failed\n", c->name);
			return -EIO;
		}
		ns = ktime_to_ns(ktime_sub(ktime_get(), t0));
		if (ns >= (u64)bench_ms * NSEC_PER_MSEC || n >= (1ull << 40))
			break;
		n *= 2;
		cond_resched();
	}
	bench_report(c->name, ns, n);
	return 0;
}

/* The cancel cases: N fences per call, batches until bench_ms passed. */
static int bench_cancel(const struct bench_case *c, u64 size)
{
	u64 ns = 0, fences = 0;
	char name[48];

	while (ns < (u64)bench_ms * NSEC_PER_MSEC) {
		ktime_t t0 = ktime_get();

		if (c->run(size) != size) {
			pr_err("dma_fence_bench: %s failed\n", c->name);
			return -EIO;
		}
		ns += ktime_to_ns(ktime_sub(ktime_get(), t0));
		fences += size;
		rcu_barrier();	/* free them before the next batch */
		cond_resched();
	}
	snprintf(name, sizeof(name), "%s_%lluk", c->name, div64_u64(size, 1000));
	bench_report(name, ns, fences);
	return 0;
}

static int __init bench_init(void)
{
	static const u64 sizes[] = { 1000, 10000, 100000 };
	int i, j, err = 0;

	bench_context = dma_fence_context_alloc(1);
	pr_info("dma_fence_bench: sizeof_dma_fence %zu\n",
		sizeof(struct dma_fence));
#ifdef BENCH_PATCHED
	pr_info("dma_fence_bench: slab_sw_sync_fence %zu\n",
		kmalloc_size_roundup(sizeof(struct dma_fence_timeline_fence)));
#else
	pr_info("dma_fence_bench: slab_sw_sync_fence %zu\n",
		kmalloc_size_roundup(sizeof(struct sync_pt)));
#endif
	for (i = 0; i < ARRAY_SIZE(cases) && !err; i++)
		err = bench_one(&cases[i]);
	for (i = 0; i < ARRAY_SIZE(cancel_cases) && !err; i++)
		for (j = 0; j < ARRAY_SIZE(sizes) && !err; j++)
			err = bench_cancel(&cancel_cases[i], sizes[j]);
	rcu_barrier();
	pr_info("dma_fence_bench: %s\n", err ? "failed" : "done");
	return err;
}

static void __exit bench_exit(void)
{
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("dma-fence micro-benchmark");
MODULE_LICENSE("GPL");

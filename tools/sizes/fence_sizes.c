// SPDX-License-Identifier: GPL-2.0-only
/*
 * Compile-time probe of the sizes the series changes. Built as an external
 * module object (never loaded): each array's size is a struct's size, read
 * back with nm by tools/sizes.sh.
 */
#include <linux/dma-fence.h>
#include <linux/dma-fence-array.h>
#include <linux/dma-fence-chain.h>
#include <linux/module.h>
#include <drm/gpu_scheduler.h>
#include "sync_debug.h"	/* drivers/dma-buf, see Kbuild */

#define PROBE(name, type) char size_##name[sizeof(type)] __used

PROBE(dma_fence, struct dma_fence);
PROBE(dma_fence_array, struct dma_fence_array);
PROBE(dma_fence_chain, struct dma_fence_chain);
PROBE(drm_sched_fence, struct drm_sched_fence);
/* A sw_sync point: struct sync_pt on base, a timeline fence in the series. */
#if __has_include(<linux/dma-fence-timeline.h>)
#include <linux/dma-fence-timeline.h>
PROBE(sw_sync_point, struct dma_fence_timeline_fence);
#else
PROBE(sw_sync_point, struct sync_pt);
#endif

MODULE_LICENSE("GPL");

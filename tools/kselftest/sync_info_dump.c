// SPDX-License-Identifier: GPL-2.0-only
/*
 * Print debugfs sync/info for a fixed sw_sync state, so the output of the
 * base and of the series can be compared (tools/kselftest-base.sh): one
 * timeline with fences at 1, 3, 5 and 5 again, advanced to 2, and a
 * second one with a fence behind its value. Then SYNC_IOC_FILE_INFO of
 * sync files whose fences are pending, signaled, merged, and of a closed
 * timeline, and sync/info again; then with a pending fence nobody holds, a
 * closed timeline whose only fence left signaled, and once more after the
 * fences of the closed timelines are closed. Prints "sync-info:" lines;
 * timestamps are printed as whether they are set, the only part that
 * differs per run.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/sync_file.h>

struct sw_sync_create_fence_data {
	uint32_t value;
	char name[32];
	int32_t fence;
};

#define SW_SYNC_IOC_CREATE_FENCE _IOWR('W', 0, struct sw_sync_create_fence_data)
#define SW_SYNC_IOC_INC _IOW('W', 1, uint32_t)
#define SW_SYNC "/sys/kernel/debug/sync/sw_sync"

static int fence(int tl, uint32_t value)
{
	struct sw_sync_create_fence_data d = { .value = value };

	snprintf(d.name, sizeof(d.name), "pt%u", value);
	return ioctl(tl, SW_SYNC_IOC_CREATE_FENCE, &d) ? -1 : d.fence;
}

static void dump_info(void)
{
	FILE *info = fopen("/sys/kernel/debug/sync/info", "r");
	char line[256];

	if (!info) {
		perror("sync-info: /sys/kernel/debug/sync/info");
		return;
	}
	while (fgets(line, sizeof(line), info)) {
		char *at = strchr(line, '@');

		/* "fence error@12.345678901: ..." - the time differs per run. */
		if (at && at[1] >= '0' && at[1] <= '9') {
			size_t n = strspn(at + 1, "0123456789.");

			memmove(at + 3, at + 1 + n, strlen(at + 1 + n) + 1);
			memcpy(at, "@ts", 3);
		}
		printf("sync-info: %s", line);
	}
	fclose(info);
}

/* SYNC_IOC_FILE_INFO of @fd, as the ABI reports it. */
static void file_info(const char *what, int fd)
{
	struct sync_fence_info fi[4];
	struct sync_file_info info;
	unsigned int i;

	memset(&info, 0, sizeof(info));
	memset(fi, 0, sizeof(fi));
	info.num_fences = 4;
	info.sync_fence_info = (uintptr_t)fi;
	if (ioctl(fd, SYNC_IOC_FILE_INFO, &info)) {
		printf("sync-info: %s: SYNC_IOC_FILE_INFO failed\n", what);
		return;
	}
	printf("sync-info: %s: file '%s' status %d flags %u fences %u\n", what,
	       info.name, info.status, info.flags, info.num_fences);
	for (i = 0; i < info.num_fences && i < 4; i++)
		printf("sync-info:   '%s' '%s' status %d flags %u timestamp %s\n",
		       fi[i].obj_name, fi[i].driver_name, fi[i].status,
		       fi[i].flags, fi[i].timestamp_ns ? "set" : "0");
}

static int merge(int a, int b, const char *name)
{
	struct sync_merge_data m = { .fd2 = b };

	snprintf(m.name, sizeof(m.name), "%s", name);
	return ioctl(a, SYNC_IOC_MERGE, &m) ? -1 : m.fence;
}

int main(void)
{
	int a = open(SW_SYNC, O_RDWR), b = open(SW_SYNC, O_RDWR);
	uint32_t one = 1, two = 2, ten = 10;
	int c, d, e, f1, f2, f3, f4, m;

	if (a < 0 || b < 0 || fence(a, 1) < 0 || fence(a, 3) < 0 ||
	    fence(a, 5) < 0 || fence(a, 5) < 0 ||
	    ioctl(a, SW_SYNC_IOC_INC, &two) ||
	    ioctl(b, SW_SYNC_IOC_INC, &ten) || fence(b, 7) < 0 ||
	    fence(b, 12) < 0) {
		perror("sync-info: sw_sync");
		return 1;
	}
	dump_info();

	/* Signaled, pending, merged, and of a closed timeline. */
	c = open(SW_SYNC, O_RDWR);
	d = open(SW_SYNC, O_RDWR);
	f1 = fence(c, 1);
	f2 = fence(c, 2);
	f3 = fence(d, 1);
	if (c < 0 || d < 0 || f1 < 0 || f2 < 0 || f3 < 0 ||
	    ioctl(c, SW_SYNC_IOC_INC, &one)) {
		perror("sync-info: sw_sync");
		return 1;
	}
	m = merge(f2, f3, "merged");
	close(d);
	file_info("signaled", f1);
	file_info("pending", f2);
	file_info("closed", f3);
	if (m >= 0)
		file_info("merged", m);
	else
		printf("sync-info: merged: SYNC_IOC_MERGE failed\n");
	dump_info();

	/*
	 * A pending fence nobody holds any more, and a closed timeline whose
	 * only fence signaled before the close and is still held.
	 */
	f1 = fence(a, 9);
	if (f1 < 0) {
		perror("sync-info: sw_sync");
		return 1;
	}
	close(f1);
	e = open(SW_SYNC, O_RDWR);
	f4 = fence(e, 1);
	if (e < 0 || f4 < 0 || ioctl(e, SW_SYNC_IOC_INC, &one)) {
		perror("sync-info: sw_sync");
		return 1;
	}
	close(e);
	dump_info();

	/* The closed timelines go with their last fence. */
	close(f3);
	if (m >= 0)
		close(m);
	close(f4);
	dump_info();
	return 0;
}

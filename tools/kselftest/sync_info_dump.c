// SPDX-License-Identifier: GPL-2.0-only
/*
 * Print debugfs sync/info for a fixed sw_sync state, so the output of the
 * base and of the series can be compared (tools/kselftest-base.sh): one
 * timeline with fences at 1, 3, 5 and 5 again, advanced to 2, and a
 * second one with a fence behind its value. Prints "sync-info:" lines.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

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

int main(void)
{
	int a = open(SW_SYNC, O_RDWR), b = open(SW_SYNC, O_RDWR);
	uint32_t two = 2, ten = 10;
	char line[256];
	FILE *info;

	if (a < 0 || b < 0 || fence(a, 1) < 0 || fence(a, 3) < 0 ||
	    fence(a, 5) < 0 || fence(a, 5) < 0 ||
	    ioctl(a, SW_SYNC_IOC_INC, &two) ||
	    ioctl(b, SW_SYNC_IOC_INC, &ten) || fence(b, 7) < 0 ||
	    fence(b, 12) < 0) {
		perror("sync-info: sw_sync");
		return 1;
	}
	info = fopen("/sys/kernel/debug/sync/info", "r");
	if (!info) {
		perror("sync-info: /sys/kernel/debug/sync/info");
		return 1;
	}
	while (fgets(line, sizeof(line), info))
		printf("sync-info: %s", line);
	return 0;
}

// Loaded into kubedeck with `node --import` by the soak benchmark: appends one JSON line of the
// process's own memory figures to $KUBEDECK_SOAK_SAMPLES every $KUBEDECK_SOAK_EVERY_MS. It only
// reads counters; it neither collects garbage nor keeps anything, so it does not change what it measures.
import {appendFileSync} from 'node:fs';
import v8 from 'node:v8';

const file = process.env.KUBEDECK_SOAK_SAMPLES;
const everyMs = Number(process.env.KUBEDECK_SOAK_EVERY_MS ?? 10_000);
if (file) {
	const sample = () => {
		const memory = process.memoryUsage();
		const oldSpace = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
		appendFileSync(file, `${JSON.stringify({at: Date.now(), pid: process.pid, rss: memory.rss, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external, oldUsed: oldSpace?.space_used_size ?? 0})}\n`);
	};
	sample();
	setInterval(sample, everyMs).unref();
}

// The simulator as its own process (the built one), so the clients measured never share an
// event loop with it; resolves once it prints "ready", with the kubeconfig it wrote.
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';

export interface SimProcess {
	kubeconfig: string;
	url: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

export async function startSimProcess(root: string, kubeconfig: string, flags: readonly string[], deadlineMs = 300_000): Promise<SimProcess> {
	const main = path.join(root, 'dist/source/sim/main.js');
	if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
	const child = spawn(process.execPath, [main, '--port', '0', '--kubeconfig', kubeconfig, ...flags], {stdio: ['ignore', 'pipe', 'inherit']});
	let out = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`the simulator did not get ready in ${deadlineMs} ms:\n${out}`)), deadlineMs);
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			if (/^ready$/m.test(out)) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the simulator exited (${code}) before it was ready:\n${out}`));
		});
	});
	const url = /^url: (.*)$/m.exec(out)?.[1] ?? '';
	return {
		kubeconfig,
		url,
		child,
		stop: async () => {
			if (child.exitCode !== null) return;
			const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.kill('SIGTERM');
			await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
		},
	};
}

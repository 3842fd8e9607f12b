// `npm run sim -- [--port P] [--kubeconfig FILE] [--pods N] [--nodes N] [--churn N] [--scenario demo|scale|empty]`
// Runs the simulated cluster until SIGINT/SIGTERM. Prints the kubeconfig path and URL, then `ready`.
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import {startSim, type SimOptions} from './index.js';

const usage = 'usage: npm run sim -- [--port P] [--kubeconfig FILE] [--pods N] [--nodes N] [--churn N] [--speed X] [--seed N] [--scenario demo|scale|empty]';

export function parseSimFlags(argv: string[]): SimOptions {
	const {values} = parseArgs({
		args: argv,
		strict: true,
		allowPositionals: false,
		options: {
			port: {type: 'string'},
			kubeconfig: {type: 'string'},
			pods: {type: 'string'},
			nodes: {type: 'string'},
			churn: {type: 'string'},
			speed: {type: 'string'},
			seed: {type: 'string'},
			scenario: {type: 'string'},
			help: {type: 'boolean', short: 'h'},
		},
	});
	if (values.help) throw new Error(usage);
	const integer = (name: string, text: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined => {
		if (text === undefined) return undefined;
		const value = Number(text);
		if (!/^\d+$/.test(text) || value < min || value > max) throw new Error(`--${name} must be a whole number between ${min} and ${max}, got "${text}"`);
		return value;
	};
	const scenario = values.scenario ?? 'demo';
	if (scenario !== 'demo' && scenario !== 'scale' && scenario !== 'empty') throw new Error(`--scenario must be demo, scale or empty, got "${scenario}"`);
	const speedText = values.speed;
	const speed = speedText === undefined ? undefined : Number(speedText);
	if (speed !== undefined && !(speed > 0)) throw new Error(`--speed must be a positive number, got "${speedText}"`);
	const options: SimOptions = {scenario};
	const port = integer('port', values.port, 0, 65535);
	if (port !== undefined) options.port = port;
	if (values.kubeconfig) options.kubeconfigPath = values.kubeconfig;
	const pods = integer('pods', values.pods, 0);
	if (pods !== undefined) options.pods = pods;
	const nodes = integer('nodes', values.nodes, 0);
	if (nodes !== undefined) options.nodes = nodes;
	const churn = integer('churn', values.churn, 0);
	if (churn !== undefined) options.churnPerSecond = churn;
	if (speed !== undefined) options.speed = speed;
	const seed = integer('seed', values.seed, 0);
	if (seed !== undefined) options.seed = seed;
	return options;
}

async function main(): Promise<void> {
	let options: SimOptions;
	try {
		options = parseSimFlags(process.argv.slice(2));
	} catch (error) {
		const message = (error as Error).message;
		process.stderr.write(message === usage ? `${usage}\n` : `kubedeck sim: ${message}\n${usage}\n`);
		process.exitCode = message === usage ? 0 : 2;
		return;
	}
	const sim = await startSim(options);
	process.stdout.write(`kubeconfig: ${sim.kubeconfigPath}\n`);
	process.stdout.write(`url: ${sim.url}\n`);
	process.stdout.write(`try: kubectl --kubeconfig ${sim.kubeconfigPath} get pods -A\n`);
	process.stdout.write('ready\n');
	const shutdown = (): void => {
		sim.close().then(() => process.exit(0), () => process.exit(1));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

// Only when run as a program, so tests can import parseSimFlags.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().catch(error => {
		process.stderr.write(`kubedeck sim: ${(error as Error).message}\n`);
		process.exit(1);
	});
}

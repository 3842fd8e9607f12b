// What simulated containers print. Each container instance gets a deterministic stream from
// (seed, pod, container, instance): the same seed gives the same lines. The stream's shape
// follows the image: web servers print access lines, APIs JSON lines, training jobs step/loss,
// inference servers latency lines, coredns queries; crashes end in a plausible fatal error.
import {fnv32a, seededRandom} from './runtime.js';

export type LogProfile = 'web' | 'json' | 'training' | 'inference' | 'dns' | 'init' | 'generic';

export function profileFor(image: string, container: string, init: boolean): LogProfile {
	if (init) return 'init';
	const text = `${image} ${container}`.toLowerCase();
	if (/coredns|dns/.test(text)) return 'dns';
	if (/train|pytorch|megatron|deepspeed|finetune/.test(text)) return 'training';
	if (/triton|vllm|tgi|infer|serving|tensorrt|llm/.test(text)) return 'inference';
	if (/nginx|envoy|haproxy|web|frontend|ingress/.test(text)) return 'web';
	if (/api|payment|checkout|ledger|json|worker|auth/.test(text)) return 'json';
	return 'generic';
}

/** Mean gap between lines, in simulated ms. Modest on purpose: thousands of containers log at once. */
export function meanIntervalMs(profile: LogProfile): number {
	switch (profile) {
		case 'web':
			return 900;
		case 'inference':
			return 1200;
		case 'json':
			return 1800;
		case 'training':
			return 2500;
		case 'dns':
			return 4000;
		case 'init':
			return 600;
		default:
			return 3000;
	}
}

const PATHS = ['/', '/healthz', '/api/v1/orders', '/api/v1/cart', '/static/app.js', '/api/v1/users/me', '/login', '/metrics'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'GET', 'PUT'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64)', 'kube-probe/1.33', 'curl/8.5.0', 'Go-http-client/1.1', 'python-requests/2.32.3'];
const MESSAGES = ['request served', 'cache refreshed', 'order accepted', 'payment authorised', 'session renewed', 'queue drained', 'rate limit check passed'];
const DOMAINS = ['api.production.svc.cluster.local.', 'postgres.payments.svc.cluster.local.', 'kubernetes.default.svc.cluster.local.', 'redis.staging.svc.cluster.local.', 'pypi.org.'];
const MODELS = ['llama-3-8b-instruct', 'mistral-7b', 'bge-large-en'];

export interface LogStream {
	/** Lines printed at container start. */
	startup(at: number): string[];
	/** The next ordinary line; `at` is its epoch ms. */
	next(at: number): string;
	/** Last words when the container crashes (exit 1) or completes. */
	fatal(at: number): string[];
	completed(): string[];
	/** Gap to the next line in simulated ms. */
	gap(): number;
}

export function createStream(seed: number, identity: string, profile: LogProfile, image: string): LogStream {
	const random = seededRandom(fnv32a(identity, seed >>> 0 || 0x811c9dc5));
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
	const mean = meanIntervalMs(profile);
	let step = Math.floor(random() * 5000);
	let loss = 2.2 + random();
	const ip = () => `10.${Math.floor(random() * 4) + 244}.${Math.floor(random() * 255)}.${Math.floor(random() * 250) + 2}`;

	return {
		startup(at) {
			const version = image.split(':')[1] ?? 'latest';
			switch (profile) {
				case 'web':
					return ['/docker-entrypoint.sh: Configuration complete; ready for start up', `nginx ${version}: start worker processes`];
				case 'json':
					return [JSON.stringify({level: 'info', ts: at / 1000, msg: 'starting server', version}), JSON.stringify({level: 'info', ts: at / 1000, msg: 'listening', addr: ':8080'})];
				case 'training':
					return ['Initializing NCCL: 8 ranks, backend=nccl', `Loaded dataset shard: 1,048,576 samples; resuming from step ${step}`];
				case 'inference':
					return [`Loading model ${pick(MODELS)} (fp16) onto GPU`, 'Server ready: listening on 0.0.0.0:8000 (HTTP), 0.0.0.0:8001 (gRPC)'];
				case 'dns':
					return ['.:53', `CoreDNS-${version === 'latest' ? '1.11.3' : version.replace(/^v/, '')}`, 'linux/amd64, go1.22.7'];
				case 'init':
					return ['checking dependencies'];
				default:
					return [`starting ${image}`, 'config loaded from /etc/app/config.yaml'];
			}
		},
		next(at) {
			switch (profile) {
				case 'web': {
					const status = random() < 0.04 ? 502 : random() < 0.08 ? 404 : 200;
					const when = new Date(at).toISOString();
					return `${ip()} - - [${when}] "${pick(METHODS)} ${pick(PATHS)} HTTP/1.1" ${status} ${Math.floor(random() * 9000) + 120} "-" "${pick(AGENTS)}"`;
				}
				case 'json': {
					const level = random() < 0.05 ? 'warn' : random() < 0.02 ? 'error' : 'info';
					return JSON.stringify({level, ts: Math.round(at) / 1000, msg: pick(MESSAGES), latency_ms: Math.round(random() * 120 * 10) / 10, trace_id: Math.floor(random() * 2 ** 32).toString(16)});
				}
				case 'training': {
					step += 10;
					loss = Math.max(0.35, loss * (0.9985 + random() * 0.002));
					return `step ${step}/200000 loss=${loss.toFixed(4)} lr=3.0e-4 grad_norm=${(0.4 + random()).toFixed(3)} tokens/s=${Math.floor(180000 + random() * 20000)} gpu_mem=71.2GiB`;
				}
				case 'inference': {
					const tokens = Math.floor(20 + random() * 400);
					return `model=${pick(MODELS)} prompt_tokens=${Math.floor(random() * 900)} completion_tokens=${tokens} ttft_ms=${Math.floor(40 + random() * 160)} latency_ms=${Math.floor(tokens * (8 + random() * 6))} batch=${1 + Math.floor(random() * 16)}`;
				}
				case 'dns':
					return `[INFO] ${ip()}:${40000 + Math.floor(random() * 20000)} - ${Math.floor(random() * 65535)} "A IN ${pick(DOMAINS)} udp 64 false 512" NOERROR qr,aa,rd 106 0.000${Math.floor(100 + random() * 800)}s`;
				case 'init':
					return `waiting for dependency (attempt ${++step})`;
				default:
					return `level=info msg="${pick(MESSAGES)}" duration=${Math.floor(random() * 900)}ms`;
			}
		},
		fatal(at) {
			if (profile === 'json') return [JSON.stringify({level: 'fatal', ts: at / 1000, msg: 'cannot connect to database', error: 'dial tcp 10.96.112.14:5432: connect: connection refused'})];
			if (profile === 'training') return ['RuntimeError: CUDA error: an illegal memory access was encountered', 'ERROR: torch.distributed.elastic.multiprocessing.api: failed (exitcode: 1)'];
			return ['panic: runtime error: invalid memory address or nil pointer dereference', '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x6f2b1c]', 'goroutine 1 [running]:', 'main.main()', '\t/src/cmd/server/main.go:87 +0x1c'];
		},
		completed() {
			return profile === 'init' ? ['dependencies ready'] : ['work finished successfully'];
		},
		gap() {
			// Exponential-ish spacing around the mean, never zero.
			return mean * (0.2 + -Math.log(1 - random() * 0.95) * 0.8);
		},
	};
}

// Credentials that expire: the transport's current KubeConfig, and reading it again when the
// server answers 401. Tokens rotate under a running kubedeck (an exec plugin's short-lived
// token, an OIDC id-token, a token rewritten in the kubeconfig by a login tool); client-node
// caches exec tokens per KubeConfig until their stated expiry, so only a fresh KubeConfig runs
// the plugin again. Many requests fail together when a token dies: they share one re-read.
// client-node does not share a plugin run between concurrent requests either (each finds the
// cache empty and spawns its own), so the first request of a configuration goes alone.
import type https from 'node:https';
import type {KubeConfig} from '@kubernetes/client-node';

export type Reread = (current: KubeConfig) => KubeConfig | Promise<KubeConfig>;

export type Renewal = {retry: true} | {retry: false; failure?: string};

export class Credentials {
	private current: KubeConfig;
	private version = 0;
	private rereading: Promise<void> | undefined;
	private lastReread = -Infinity;
	private failure: string | undefined;
	/** The generation whose credentials have been applied once (so a plugin's token is cached). */
	private primed = -1;
	private priming: Promise<void> | undefined;
	private readonly renewedListeners = new Set<() => void>();

	constructor(
		initial: KubeConfig,
		private readonly reread: Reread,
		/** A login that is really dead costs one plugin run per interval, not one per request. */
		private readonly intervalMs: number,
		private readonly now: () => number = Date.now,
	) {
		this.current = initial;
	}

	/** Bumped by every successful re-read; a request notes it when it takes the credentials. */
	get generation(): number {
		return this.version;
	}

	/**
	 * Hears every successful re-read. Streams opened with older credentials keep running on the
	 * server (it checks a token once, when the stream opens): their owners restart them with these.
	 */
	onRenewed(listener: () => void): () => void {
		this.renewedListeners.add(listener);
		return () => this.renewedListeners.delete(listener);
	}

	/** Puts the credentials (and TLS material) of the current generation on a request. */
	async apply(options: https.RequestOptions): Promise<void> {
		const generation = this.version;
		const config = this.current;
		if (this.primed !== generation) {
			if (!this.priming) {
				const first = config.applyToHTTPSOptions(options);
				this.priming = first.then(
					() => undefined,
					() => undefined,
				).finally(() => {
					this.primed = generation;
					this.priming = undefined;
				});
				return first;
			}
			await this.priming;
		}
		await config.applyToHTTPSOptions(options);
	}

	/**
	 * After a 401 to credentials of `generation`: whether retrying with newer ones is worth it.
	 * Newer ones may exist already (another request re-read them); otherwise they are read again,
	 * at most once per interval and one re-read at a time. `failure` says why a re-read failed.
	 */
	async renew(generation: number): Promise<Renewal> {
		if (generation === this.version && !this.rereading && this.now() - this.lastReread >= this.intervalMs) {
			this.lastReread = this.now();
			this.rereading = this.readAgain().finally(() => {
				this.rereading = undefined;
			});
		}
		await this.rereading;
		if (generation !== this.version) return {retry: true};
		return this.failure === undefined ? {retry: false} : {retry: false, failure: this.failure};
	}

	private async readAgain(): Promise<void> {
		try {
			this.current = await this.reread(this.current);
			this.version++;
			this.failure = undefined;
			for (const listener of [...this.renewedListeners]) listener();
		} catch (error) {
			this.failure = error instanceof Error ? error.message : String(error);
		}
	}
}

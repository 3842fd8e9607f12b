// Test harness: a simulated cluster on a free loopback port, or — when KUBEDECK_TEST_KUBECONFIG
// is set — the real cluster it points at, so the same integration tests run against both.
import {KubeConfig} from '@kubernetes/client-node';
import {startSim, type Sim, type SimOptions} from '../../source/sim/index.js';

export interface TestCluster {
	kind: 'sim' | 'real';
	kubeconfigPath: string;
	kubeConfig: KubeConfig;
	server: string;
	sim?: Sim;
	stop(): Promise<void>;
}

export async function startTestCluster(options: Partial<SimOptions> = {}): Promise<TestCluster> {
	const realPath = process.env.KUBEDECK_TEST_KUBECONFIG;
	if (realPath) {
		const kubeConfig = new KubeConfig();
		kubeConfig.loadFromFile(realPath);
		return {kind: 'real', kubeconfigPath: realPath, kubeConfig, server: kubeConfig.getCurrentCluster()?.server ?? '', stop: async () => {}};
	}
	// Tests want rollouts and graceful deletes in tens of milliseconds, not tens of seconds.
	const sim = await startSim({scenario: 'empty', speed: 100, seed: 1, ...options});
	const kubeConfig = new KubeConfig();
	kubeConfig.loadFromFile(sim.kubeconfigPath);
	return {kind: 'sim', kubeconfigPath: sim.kubeconfigPath, kubeConfig, server: sim.url, sim, stop: () => sim.close()};
}

/** A name no other test (or earlier run against a real cluster) uses. */
export function uniqueName(prefix: string): string {
	return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/**
 * Set when the integration tests run against the real API server (test:real): suites that read
 * what only the simulator's demo has (its DCGM exporters, metrics-server's API, its HPAs) skip
 * there, saying why.
 */
export const demoOnly: string | false = process.env.KUBEDECK_TEST_KUBECONFIG ? "the simulator's demo (DCGM exporters, metrics.k8s.io, its HPAs) is not on the real cluster" : false;

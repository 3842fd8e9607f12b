// The demo's config maps: what a kubeadm cluster and its workloads keep there. Every namespace
// gets kube-root-ca.crt, as the root CA publisher does on a real cluster; kube-system holds the
// control plane's configuration; a few workloads carry their own.
import {K, type Runtime} from '../runtime.js';
import {ensure, makeConfigMap} from './build.js';
import {createdAgo, DAY, HOUR} from './past.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIKubedeckSimCAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\n-----END CERTIFICATE-----\n';

const COREFILE = `.:53 {
    errors
    health
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
    }
    forward . /etc/resolv.conf
    cache 30
    loop
    reload
}
`;

/** [namespace, name, age, data, binaryData?] beyond kube-root-ca.crt. */
const CONFIG_MAPS: Array<[string, string, number, Record<string, string>, Record<string, string>?]> = [
	['kube-system', 'coredns', 87 * DAY, {Corefile: COREFILE}],
	['kube-system', 'kube-proxy', 87 * DAY, {'config.conf': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\n', 'kubeconfig.conf': 'apiVersion: v1\nkind: Config\n'}],
	['kube-system', 'kubeadm-config', 87 * DAY, {ClusterConfiguration: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.33.1\n'}],
	['kube-system', 'kubelet-config', 87 * DAY, {kubelet: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncgroupDriver: systemd\n'}],
	['production', 'web-nginx', 30 * DAY, {'nginx.conf': 'worker_processes auto;\nevents {}\nhttp { server { listen 8080; } }\n', 'mime.types': 'types { text/html html; }\n'}],
	['production', 'api-config', 6 * HOUR, {'application.yaml': 'server:\n  port: 8080\n', LOG_LEVEL: 'info', FEATURE_FLAGS: 'checkout-v2,fast-search'}],
	['payments', 'ledger-settings', 15 * DAY, {'ledger.properties': 'currency=EUR\nrounding=HALF_EVEN\n'}],
	['ml-serving', 'llm-inference-config', 5 * DAY, {'model.json': '{"model": "meta-llama/Llama-3.1-8B-Instruct", "max_model_len": 8192}'}],
	['ml-serving', 'embeddings-tokenizer', 8 * DAY, {'vocab.txt': '[PAD]\n[UNK]\n[CLS]\n'}, {'tokenizer.bin': 'a3ViZWRlY2s='}],
];

/** `namespaceAge` gives each namespace's age, so its kube-root-ca.crt is as old as it is. */
export function seedDemoConfigMaps(rt: Runtime, namespaces: readonly string[], namespaceAge: (namespace: string) => number): void {
	for (const namespace of namespaces) {
		ensure(rt, K.configmaps, createdAgo(rt, makeConfigMap(namespace, 'kube-root-ca.crt', {'ca.crt': CA}), namespaceAge(namespace)));
	}
	for (const [namespace, name, age, data, binaryData] of CONFIG_MAPS) {
		ensure(rt, K.configmaps, createdAgo(rt, makeConfigMap(namespace, name, data, binaryData), age));
	}
}

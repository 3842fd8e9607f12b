// The simulator's printers for Secret, Ingress, PersistentVolumeClaim, PersistentVolume and
// CronJob, fed objects a real kube-apiserver stored and printed (as sim-kinds-crosscheck does for
// the older kinds): the column definitions and every row's cells must match.
// Runs only under `npm run test:real` (KUBEDECK_TEST_KUBECONFIG).
import {crosscheckPrinters, type Sample} from './printer-crosscheck.js';
import {corpusPlace, type Json} from './pod-corpus.js';

const place = corpusPlace('kd-simstore');
const ns = place.namespace;
const labels = {'kubedeck.io/crosscheck': place.suffix};
const selector = `labelSelector=${encodeURIComponent(`kubedeck.io/crosscheck=${place.suffix}`)}`;
const pvName = `kd-simstore-${place.suffix}`;

const jobTemplate = (app: string, extra: Json = {}): Json => ({
	metadata: {labels: {app}},
	spec: {containers: [{name: 'web', image: 'example/web:1'}, {name: 'log', image: 'example/log:2'}], ...extra},
});

const samples: Sample[] = [
	{
		kind: 'Secret', path: `/api/v1/namespaces/${ns}/secrets`,
		objects: [
			{metadata: {name: 'creds', labels}, data: {user: 'dXNlcg==', password: 'cGFzcw=='}},
			{metadata: {name: 'tls', labels}, type: 'kubernetes.io/tls', data: {'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5'}},
			{metadata: {name: 'empty', labels}},
		],
	},
	{
		kind: 'Ingress', path: `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses`,
		objects: [
			{metadata: {name: 'plain', labels}, spec: {defaultBackend: {service: {name: 'web', port: {number: 80}}}}},
			{metadata: {name: 'hosts', labels}, spec: {ingressClassName: 'nginx', tls: [{hosts: ['a.example']}], rules: [{host: 'a.example'}, {http: {paths: [{path: '/', pathType: 'Prefix', backend: {service: {name: 'web', port: {number: 80}}}}]}}, {host: 'b.example'}, {host: 'c.example'}, {host: 'd.example'}]}},
		],
	},
	{
		kind: 'PersistentVolumeClaim', path: `/api/v1/namespaces/${ns}/persistentvolumeclaims`,
		objects: [
			{metadata: {name: 'data', labels}, spec: {accessModes: ['ReadWriteOnce'], storageClassName: 'kd-none', resources: {requests: {storage: '1Gi'}}}},
			{metadata: {name: 'legacy', labels, annotations: {'volume.beta.kubernetes.io/storage-class': 'old'}}, spec: {accessModes: ['ReadWriteMany', 'ReadOnlyMany'], volumeMode: 'Block', resources: {requests: {storage: '5Gi'}}}},
		],
	},
	{
		kind: 'PersistentVolume', path: '/api/v1/persistentvolumes',
		objects: [{metadata: {name: pvName, labels}, spec: {capacity: {storage: '10Gi'}, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'kd-none', claimRef: {namespace: ns, name: 'elsewhere'}, hostPath: {path: '/tmp/kd'}}}],
	},
	{
		kind: 'CronJob', path: `/apis/batch/v1/namespaces/${ns}/cronjobs`,
		objects: [
			{metadata: {name: 'nightly', labels}, spec: {schedule: '0 3 * * *', timeZone: 'Etc/UTC', suspend: true, jobTemplate: {spec: {template: jobTemplate('nightly', {restartPolicy: 'Never'})}}}},
			{metadata: {name: 'plain', labels}, spec: {schedule: '*/5 * * * *', suspend: true, jobTemplate: {spec: {template: jobTemplate('plain', {restartPolicy: 'OnFailure'})}}}},
		],
	},
];

crosscheckPrinters({title: 'Secret, Ingress, PVC, PV and CronJob printers', namespace: ns, labels, selector, samples, cleanup: [`/api/v1/persistentvolumes/${pvName}`]});

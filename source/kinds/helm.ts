import {helmModel, latestRevisions} from '../model/helm.js';
import {describeHelmRelease, helmManifestLines, redactHelmRelease} from '../model/helm-describe.js';
import {defineKind} from './kind.js';
import type {EnterAction} from './drill.js';

// Helm 3 releases are Secrets (one per revision) labelled owner=helm: this kind reads them,
// shows each release once at its latest revision, and Enter lists its revisions.
export const helm = defineKind({
	kind: 'HelmRelease',
	group: '',
	version: 'v1',
	plural: 'helm',
	scope: 'Namespaced',
	names: ['helmreleases', 'releases'],
	source: {plural: 'secrets', labelSelector: 'owner=helm'},
	model: helmModel,
	describe: (object) => describeHelmRelease(object),
	redact: redactHelmRelease,
	yaml: helmManifestLines,
	collapse: latestRevisions,
	// Read-only here: deleting a revision's Secret by hand corrupts the release's history.
	verbs: ['object.describe', 'object.yaml'],
	enter: (row): EnterAction => ({type: 'drill', target: {pane: 'helmhistory', labelSelector: `name=${row.release}`, detail: `helm/${row.release}`}}),
	enterHelp: 'its revisions (`d` a revision with its notes and masked values, `y` its rendered manifest)',
});

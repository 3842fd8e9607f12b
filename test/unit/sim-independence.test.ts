// The simulator is an independent API server: kubedeck's checks against it (STATUS against its
// Table, GPU accounting against its scheduler) mean something only if it does not reuse the
// client's code. Every import of every file under source/sim must stay inside source/sim, except
// type-only imports of source/model/types.ts (the plain KubeObject shapes), and it must not
// pull in the client's libraries.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const simDir = join(root, 'source', 'sim');
const SHARED_TYPES = join('source', 'model', 'types.ts');
const CLIENT_PACKAGES = ['react', 'ink', '@kubernetes/client-node'];

interface ImportLine {
	specifier: string;
	typeOnly: boolean;
}

/** Static imports and re-exports (single- or multi-line), side-effect imports and dynamic import(). */
export function importsOf(source: string): ImportLine[] {
	const found: ImportLine[] = [];
	for (const m of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s)?from\s*['"]([^'"]+)['"]/gm)) found.push({specifier: m[2]!, typeOnly: Boolean(m[1])});
	for (const m of source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) found.push({specifier: m[1]!, typeOnly: false});
	for (const m of source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({specifier: m[1]!, typeOnly: false});
	return found;
}

/** Why an import breaks the simulator's independence, or undefined when it is fine. */
export function violation(fromFile: string, line: ImportLine): string | undefined {
	const {specifier, typeOnly} = line;
	if (!specifier.startsWith('.')) {
		const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
		return CLIENT_PACKAGES.includes(pkg) ? `client library ${pkg}` : undefined;
	}
	const target = relative(root, resolve(dirname(fromFile), specifier.replace(/\.js$/, '.ts')));
	if (target.startsWith(join('source', 'sim') + sep)) return undefined;
	if (target === SHARED_TYPES) return typeOnly ? undefined : `${SHARED_TYPES} may only be imported with \`import type\``;
	return `client code ${target}`;
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap(entry => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return filesUnder(path);
		return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path] : [];
	});
}

test('the import scanner sees every form and judges each by where it points', () => {
	const file = join(simDir, 'server', 'printers', 'pod.ts');
	const cases: Array<[string, string | undefined]> = [
		["import {podStatus} from '../../../model/pod-status.js';", 'client code source/model/pod-status.ts'],
		["import type {KubeObject} from '../../../model/types.js';", undefined],
		["import {type KubeObject} from '../../../model/types.js';", 'source/model/types.ts may only be imported with `import type`'],
		["import {\n\tformatAge,\n\thumanDuration,\n} from '../../../model/age.js';", 'client code source/model/age.ts'],
		["export {rowStore} from '../../../store/rowStore.js';", 'client code source/store/rowStore.ts'],
		["import '../../../kube/transport.js';", 'client code source/kube/transport.ts'],
		["const m = await import('../../../../views/App.js');", 'client code views/App.ts'],
		["import {gate} from '../../../actions/gate.js';", 'client code source/actions/gate.ts'],
		["import {update} from '../../../ui/update.js';", 'client code source/ui/update.ts'],
		["import {KubeConfig} from '@kubernetes/client-node';", 'client library @kubernetes/client-node'],
		["import {render} from 'ink';", 'client library ink'],
		["import {get} from './format.js';", undefined],
		["import {parseTime} from '../../time.js';", undefined],
		["import {createServer} from 'node:http';", undefined],
	];
	for (const [source, expected] of cases) {
		const lines = importsOf(source);
		assert.equal(lines.length, 1, `one import in ${JSON.stringify(source)}`);
		assert.equal(violation(file, lines[0]!)?.replaceAll(sep, '/'), expected, source);
	}
});

test('nothing under source/sim imports client code, only the plain types', () => {
	const files = filesUnder(simDir);
	assert.ok(files.length > 30, `found ${files.length} files under source/sim`);
	const problems: string[] = [];
	let imports = 0;
	for (const file of files) {
		for (const line of importsOf(readFileSync(file, 'utf8'))) {
			imports++;
			const why = violation(file, line);
			if (why) problems.push(`${relative(root, file)}: '${line.specifier}' (${why})`);
		}
	}
	assert.ok(imports > 100, `read ${imports} imports`);
	assert.deepEqual(problems, []);
});

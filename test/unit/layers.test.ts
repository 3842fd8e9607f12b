// The layers point one way (ARCHITECTURE.md): views render the controller's state and never reach
// past it to the transport, the action gate or the stores; nothing under source/ depends on a
// view (run-app.ts, which mounts the App, is the one edge up); and the data and controller
// layers run without React. Read from the import lines of every file, so a new file is covered
// the day it is added.
//
// Type-only imports (`import type`, or braces whose every name is `type X`) are erased before
// anything runs, so they are allowed where the rule is about what runs: from views into the lower
// layers (a view cannot open a stream or mutate a store through a type, yet it may name the shapes
// it draws: a Snapshot, a DrainRetry), and for React (config/keys.ts names ink's Key shape; the
// controller still loads without ink). Upward edges are refused even as types: a type from a view
// would make a lower layer's meaning depend on a component file.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface ImportLine {
	spec: string;
	typeOnly: boolean;
}

/** Static `import … from`, side-effect `import '…'`, `export … from`, and dynamic `import('…')`. */
export function importsOf(text: string): ImportLine[] {
	const found: ImportLine[] = [];
	for (const m of text.matchAll(/^[ \t]*(import|export)\s+([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm)) {
		const clause = m[2]!;
		const braces = /^(?:type\s+)?\{([^}]*)\}$/.exec(clause.trim());
		const names = braces ? braces[1]!.split(',').map((n) => n.trim()).filter(Boolean) : [];
		const typeOnly = /^type\s/.test(clause) || (braces !== null && names.length > 0 && names.every((n) => /^type\s/.test(n)));
		found.push({spec: m[3]!, typeOnly});
	}
	for (const m of text.matchAll(/^[ \t]*import\s*['"]([^'"]+)['"]/gm)) found.push({spec: m[1]!, typeOnly: false});
	for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({spec: m[1]!, typeOnly: false});
	return found;
}

/** A relative specifier as a repository path ('source/ui/state.ts'), or the package name. */
function target(from: string, spec: string, exists: (file: string) => boolean): string {
	if (!spec.startsWith('.')) return spec;
	const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec)).replace(/\.js$/, '');
	return ['.ts', '.tsx'].map((ext) => base + ext).find(exists) ?? base;
}

const isReact = (spec: string) => /^(react|ink|ink-[\w-]+)(\/|$)/.test(spec);
const under = (file: string, ...folders: string[]) => folders.some((folder) => file.startsWith(`${folder}/`));

/** Layers that run without React, through everything they import. */
const REACT_FREE = ['source/ui', 'source/kube', 'source/model', 'source/store', 'source/actions', 'source/kinds'];
/** What a view may only name as types. */
const BELOW_VIEWS = ['source/kube', 'source/actions', 'source/store'];
/** The one file under source/ that may import a view: it mounts the App. */
const MOUNTS_APP = 'source/run-app.ts';

/** Every broken rule in a tree given as repository path → text. */
export function layerProblems(files: ReadonlyMap<string, string>): string[] {
	const exists = (file: string) => files.has(file);
	const edges = new Map<string, Array<ImportLine & {to: string}>>();
	for (const [file, text] of files) edges.set(file, importsOf(text).map((line) => ({...line, to: target(file, line.spec, exists)})));
	const problems: string[] = [];
	for (const [file, lines] of edges) {
		for (const {to, spec, typeOnly} of lines) {
			if (under(file, 'views') && under(to, ...BELOW_VIEWS) && !typeOnly) problems.push(`${file} imports ${to} at run time`);
			if (under(file, 'source') && file !== MOUNTS_APP && under(to, 'views')) problems.push(`${file} imports ${to}`);
			if (under(file, ...REACT_FREE) && isReact(spec) && !typeOnly) problems.push(`${file} imports ${spec}`);
		}
	}
	// Through other folders too: a React-free layer must not reach a component by way of a helper.
	for (const start of [...files.keys()].filter((file) => under(file, ...REACT_FREE))) {
		const seen = new Set<string>([start]);
		const queue = [start];
		while (queue.length > 0) {
			const file = queue.pop()!;
			for (const {to, spec, typeOnly} of edges.get(file) ?? []) {
				if (typeOnly) continue;
				if (file !== start && (isReact(spec) || to.endsWith('.tsx'))) problems.push(`${start} reaches ${isReact(spec) ? spec : to} through ${file}`);
				if (start === file && to.endsWith('.tsx')) problems.push(`${start} imports the component ${to}`);
				if (files.has(to) && !seen.has(to)) {
					seen.add(to);
					queue.push(to);
				}
			}
		}
	}
	return [...new Set(problems)].sort();
}

function sourceTree(): Map<string, string> {
	const files = new Map<string, string>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(path.join(root, dir), {withFileTypes: true})) {
			const file = `${dir}/${entry.name}`;
			if (entry.isDirectory()) walk(file);
			else if (/\.tsx?$/.test(entry.name)) files.set(file, readFileSync(path.join(root, file), 'utf8'));
		}
	};
	for (const dir of ['source', 'views']) if (existsSync(path.join(root, dir))) walk(dir);
	return files;
}

test('the import reader sees every form of import', () => {
	const text = [
		"import {a, b} from './a.js';",
		"import type {T} from './t.js';",
		"import {type U, type V} from './u.js';",
		"import {type W, x} from './w.js';",
		'import {',
		'\ty,',
		"} from './multi.js';",
		"export {z} from './z.js';",
		"export type {Z} from './zt.js';",
		"import './side.js';",
		"const later = await import('./lazy.js');",
		"// import {not} from './comment.js' is prose, not an import",
	].join('\n');
	assert.deepEqual(importsOf(text), [
		{spec: './a.js', typeOnly: false},
		{spec: './t.js', typeOnly: true},
		{spec: './u.js', typeOnly: true},
		{spec: './w.js', typeOnly: false},
		{spec: './multi.js', typeOnly: false},
		{spec: './z.js', typeOnly: false},
		{spec: './zt.js', typeOnly: true},
		{spec: './side.js', typeOnly: false},
		{spec: './lazy.js', typeOnly: false},
	]);
});

// Each plant breaks one rule in an otherwise clean tree; the checker must name it.
const clean: Array<[string, string]> = [
	['source/run-app.ts', "import {App} from '../views/App.js';"],
	['source/ui/state.ts', "import {selectRows} from '../store/selectors.js';"],
	['source/store/selectors.ts', 'export const selectRows = 1;'],
	['source/actions/gate.ts', 'export const gate = 1;'],
	['source/terminal/width.ts', 'export const width = 1;'],
	['source/config/keys.ts', "import type {Key} from 'ink';\nexport type InkKey = Key;"],
	['source/ui/keys.ts', "import type {InkKey} from '../config/keys.js';"],
	['views/App.tsx', "import React from 'react';\nimport type {Gate} from '../source/actions/gate.js';\nimport {state} from '../source/ui/state.js';"],
	['views/Table.tsx', "import {width} from '../source/terminal/width.js';"],
];
const plants: Array<{name: string; file: string; text: string; problem: RegExp}> = [
	{name: 'a view calls the gate', file: 'views/Bad.tsx', text: "import {gate} from '../source/actions/gate.js';", problem: /^views\/Bad\.tsx imports source\/actions\/gate\.ts at run time$/},
	{name: 'a view loads a store lazily', file: 'views/Lazy.tsx', text: "const s = await import('../source/store/selectors.js');", problem: /^views\/Lazy\.tsx imports source\/store\/selectors\.ts at run time$/},
	{name: 'a view re-exports the transport', file: 'views/re.ts', text: "export {request} from '../source/kube/transport.js';", problem: /^views\/re\.ts imports source\/kube\/transport at run time$/},
	{name: 'the controller imports a view', file: 'source/ui/bad.ts', text: "import type {Props} from '../../views/App.js';", problem: /^source\/ui\/bad\.ts imports views\/App\.tsx$/},
	{name: 'the store imports ink', file: 'source/store/bad.ts', text: "import {Text} from 'ink';", problem: /^source\/store\/bad\.ts imports ink$/},
	{name: 'the registry reaches React through a helper', file: 'source/kinds/bad.ts', text: "import {h} from '../terminal/helper.js';", problem: /^source\/kinds\/bad\.ts reaches react through source\/terminal\/helper\.ts$/},
];

test('a clean tree has no problems', () => {
	assert.deepEqual(layerProblems(new Map(clean)), []);
});

for (const plant of plants) {
	test(`the checker catches it: ${plant.name}`, () => {
		const tree = new Map([...clean, [plant.file, plant.text], ['source/terminal/helper.ts', "import React from 'react';\nexport const h = 1;"]]);
		const problems = layerProblems(tree);
		assert.ok(problems.some((p) => plant.problem.test(p)), problems.join('\n') || 'no problems found');
	});
}

test('kubedeck keeps its layers pointing one way', () => {
	const tree = sourceTree();
	assert.ok(tree.size > 100 && tree.has(MOUNTS_APP) && tree.has('views/App.tsx'), 'the walk found the tree');
	assert.deepEqual(layerProblems(tree), []);
});

// The installed program as a few minified files (dist/bundle/), built from tsc's output in dist/source/:
// starting Node on ~1,500 module files (Ink, React, @kubernetes/client-node and their dependencies) is
// most of kubedeck's start-up, and one resolved, parsed and compiled file per lazy step is far less.
// Code splitting keeps the lazy steps of source/cli.ts lazy: --version and --help load only the
// small entry chunk and the flag parser, never the app. Plain JavaScript, so `prepare` needs no tsx.
//
//   npm run build && npm run bundle
import {rmSync} from 'node:fs';
import {build} from 'esbuild';

const outdir = 'dist/bundle';
rmSync(outdir, {recursive: true, force: true});
await build({
	// The metrics decoder's worker is its own entry: usageDecoder.ts starts it by file name,
	// next to the chunk that asks.
	entryPoints: {cli: 'dist/source/cli.js', usageDecodeWorker: 'dist/source/kube/usageDecodeWorker.js'},
	outdir,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node22',
	minify: true,
	// The chunk name carries a content hash; the entry keeps its name for package.json's bin.
	chunkNames: 'chunk-[hash]',
	// CommonJS dependencies call require() for Node's built-ins; an ES module has none of its own.
	banner: {js: "import {createRequire as __kubedeckRequire} from 'node:module'; const require = __kubedeckRequire(import.meta.url);"},
	// Optional at run time and not installed: Ink loads react-devtools-core only with DEV=true, ws
	// tries bufferutil and utf-8-validate and works without them.
	external: ['react-devtools-core', 'bufferutil', 'utf-8-validate'],
	logLevel: 'warning',
	legalComments: 'none',
});

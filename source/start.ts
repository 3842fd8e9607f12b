// Start-up after the runtime check in cli.ts: flags (meow; it answers --help) → options → (demo: start the simulated cluster) → kubeconfig → session → App.
// The client has no demo-only path: --demo only starts the simulator and points a kubeconfig at it.
// First: React's production build and NO_COLOR must be chosen before anything loads React or Ink.
import './productionReact.js';
import './terminal/apply-no-color.js';
import meow from 'meow';
import {parseStartOptions, startViewChoices} from './cli-options.js';

const cli = meow(
	`
	Usage
	  $ kubedeck [flags]

	Flags
	  --kubeconfig FILE       kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config)
	  --context NAME          kubeconfig context to use (default: the current context)
	  -n, --namespace NAME    namespace to start in (default: the context's namespace)
	  -A, --all-namespaces    start in all namespaces
	  -c, --command VIEW      view to open first, any : command word (default: pods):
	                          ${startViewChoices.join(', ')}
	                          or any kind the server serves (-c sts, -c pytorchjobs)
	  --triage                open :problems first (everything unhealthy, worst first)
	  --readonly              refuse every mutation (scale, restart, delete, cordon, drain)
	  --keymap FILE           key map overriding keymaps/default.yaml
	                          (default: ~/.config/kubedeck/keymap.yaml when present)
	  --demo                  start a built-in simulated cluster and connect to it
	  --version               print the version
	  --help                  print this help

	Examples
	  $ kubedeck --demo
	  $ kubedeck --context prod -n payments --readonly
	  $ kubedeck -A -c gpu
`,
	{
		importMeta: import.meta,
		allowUnknownFlags: false,
		flags: {
			kubeconfig: {type: 'string'},
			context: {type: 'string'},
			namespace: {type: 'string', shortFlag: 'n'},
			allNamespaces: {type: 'boolean', shortFlag: 'A', default: false},
			command: {type: 'string', shortFlag: 'c'},
			readonly: {type: 'boolean', default: false},
			keymap: {type: 'string'},
			demo: {type: 'boolean', default: false},
			triage: {type: 'boolean', default: false},
		},
	},
);

const parsed = parseStartOptions(cli.flags, cli.input);
if (!parsed.ok) {
	process.stderr.write(`kubedeck: ${parsed.message}\n`);
	process.exit(2);
}

// The app (Ink, React, the Kubernetes client: about a second of module loading) is imported only
// now: --help, and flags refused above, never load it.
const {runApp} = await import('./run-app.js');
runApp(parsed.options).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`kubedeck: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	},
);

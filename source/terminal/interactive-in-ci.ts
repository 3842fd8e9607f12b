// Side-effect module: import it before anything that loads Ink (see cli.ts).
// Ink switches to a non-interactive mode (no frames until exit) when CI or
// CONTINUOUS_INTEGRATION is set. kubedeck is interactive whenever it has a terminal,
// so the variables are hidden while Ink loads and given back right after (restoreCiEnv),
// leaving exec credential plugins and anything else we start with the user's environment.
const hidden: Record<string, string> = {};

if (process.stdout.isTTY) {
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) {
		const value = process.env[name];
		if (value !== undefined) {
			hidden[name] = value;
			delete process.env[name];
		}
	}
}

/** Puts back what was hidden; call once Ink has been loaded. */
export function restoreCiEnv(): void {
	Object.assign(process.env, hidden);
}

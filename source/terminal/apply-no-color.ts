// Side-effect module: import it FIRST in the entry point (before anything that loads Ink),
// so chalk sees FORCE_COLOR=0 when NO_COLOR is set. See colour.ts.
import {colourEnvOverride} from './colour.js';

const override = colourEnvOverride(process.env);
if (override) Object.assign(process.env, override);

// The registry the App uses unless told otherwise: the core panes plus the GPU ones.
import {corePanes} from './corePanes.js';
import {paneRegistry} from './panes.js';

export const defaultPanes = paneRegistry(corePanes);

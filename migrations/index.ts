/** Every migration, in order. Add new ones at the end (files: migrations/<timestamp>-<Name>.ts). */
import { Identity1763800000000 } from './1763800000000-Identity';

export const MIGRATIONS = [Identity1763800000000];

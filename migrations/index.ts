/** Every migration, in order. Add new ones at the end (files: migrations/<timestamp>-<Name>.ts). */
import { Identity1763800000000 } from './1763800000000-Identity';
import { Journeys1763800100000 } from './1763800100000-Journeys';

export const MIGRATIONS = [Identity1763800000000, Journeys1763800100000];

import { e2eGroup } from '../support/e2e-group';

e2eGroup('platform-http-and-data');

import { defineCheck } from '../define-check';
import { clientUpdates } from './catalog';
import { clientUpdatesDiagnosis } from './diagnosis';

export default defineCheck(clientUpdates, clientUpdatesDiagnosis);
